import { at, metric, ratio } from "../metrics/define.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * B2 — Harms and benefits side by side. What the system cannot see but the
 * observer of the simulation can: every agent's true violations. A listed
 * agent with no true violation (default, criticism, protest) in the last
 * `metrics.violationWindow` steps is wrongly listed.
 */

function prepare(b: WorldBase) {
  return {
    /** Per group: listed agents with no true violation in the window, this step (scratch). */
    wrong: new Float64Array(b.G),
  };
}

/** Counts the wrongly listed, per group: the one measure that depends on time passing. */
function countWronglyListed(w: World, t: number): void {
  const wrong = w.tables.B2.wrong;
  wrong.fill(0);
  const window = w.scenario.metrics.violationWindow;
  const { listed, lastViolation } = w.state;
  const group = w.pop.group;
  for (let i = 0; i < w.n; i++) if (listed[i] && t - lastViolation[i] > window) wrong[group[i]]++;
}

/** It has no parameters of its own. */
export const params = {};

export const mechanism = defineMechanism({
  id: "B2",
  title: "Harm and benefit metrics side by side",
  columns: {
    lastViolation: col.i32(
      "Step of the agent's last true violation (default, criticism, protest).",
      {
        fill: -1_000_000_000,
      },
    ),
  },
  prepare,
  beforeMetrics: countWronglyListed,
  metrics: {
    wrongly_listed: metric(
      "Share of agents listed with no true violation in the violation window.",
      (w, grp): number => ratio(at(w.tables.B2.wrong, grp), at(w.tally.agents, grp)),
      {
        title: "Wrongly blacklisted (no true violation in the window)",
        yLabel: "share of agents",
      },
    ),
    list_precision: metric(
      "Share of the listed with a true violation in the window.",
      (w, grp): number => {
        const listed = at(w.tally.listed, grp);
        return ratio(listed - at(w.tables.B2.wrong, grp), listed);
      },
    ),
  },
});

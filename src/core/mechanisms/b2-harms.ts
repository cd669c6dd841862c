import { at, metric, ratio, share } from "../metrics/define.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * B2 — Harms and benefits side by side, counted in rights terms. The observer
 * of the simulation knows what the system does not: what each negative record
 * is (a true financial or legal violation, lawful expression, an error; M16)
 * and so why each listing was made (M5's REASON). A person listed for lawful
 * speech is harmed, whatever the regime calls it:
 *
 * - wrongly listed: listed without true financial or legal violations that
 *   alone reach the threshold;
 * - listed for expression: wrongly listed with records of criticism or protest
 *   among those that listed it;
 * - erroneously listed: wrongly listed with no true violation of any kind
 *   (record errors, false positives, false matches);
 * - list precision: the share of the listed who are rightly listed.
 *
 * The regime's own measure is kept under its own name: list_precision_regime,
 * the share of the listed with a violation in the regime's terms (a default,
 * a criticism, a protest) in the last `metrics.violationWindow` steps.
 */

function prepare(b: WorldBase) {
  return {
    /** Per group: listed agents with no violation in the regime's terms in the window (scratch). */
    regimeWrong: new Float64Array(b.G),
  };
}

/** Counts, per group, the listed with no violation in the regime's terms in the window. */
function countRegimeWrong(w: World): void {
  const wrong = w.tables.B2.regimeWrong;
  wrong.fill(0);
  const t = w.t;
  const window = w.scenario.metrics.violationWindow;
  const { listed, lastViolation } = w.state;
  const group = w.pop.group;
  for (let i = 0; i < w.n; i++) if (listed[i] && t - lastViolation[i] > window) wrong[group[i]]++;
}

/** It has no parameters of its own (the violation window is the scenario's `metrics`). */
export const params = {};

export const mechanism = defineMechanism({
  id: "B2",
  title: "Harm and benefit metrics side by side",
  columns: {
    lastViolation: col.i32(
      "Step of the agent's last violation in the regime's terms (default, criticism, protest).",
      { fill: -1_000_000_000 },
    ),
  },
  prepare,
  beforeMetrics: countRegimeWrong,
  metrics: {
    wrongly_listed: share(
      "listedWrongly",
      "Share of agents listed without true financial or legal violations that alone warrant it.",
      {
        title: "Wrongly blacklisted (no true financial or legal violation)",
        yLabel: "share of agents",
      },
    ),
    listed_for_expression: share(
      "listedForExpression",
      "Share of agents wrongly listed with records of lawful criticism or protest among those that listed them.",
      { title: "Listed for what they said or did in protest", yLabel: "share of agents" },
    ),
    erroneously_listed: share(
      "listedErroneously",
      "Share of agents listed with no true violation of any kind: record errors, false positives, false matches.",
    ),
    listed_for_association: share(
      "listedForAssociation",
      "Share of agents wrongly listed through the association penalty (their contacts).",
    ),
    list_precision: metric(
      "Share of the listed who are rightly listed: their true financial or legal violations alone warrant it.",
      (w, grp): number => {
        const listed = at(w.tally.listed, grp);
        return ratio(listed - at(w.tally.listedWrongly, grp), listed);
      },
    ),
    list_precision_regime: metric(
      "The regime's own precision: the share of the listed with a default, criticism or protest in the violation window.",
      (w, grp): number => {
        const listed = at(w.tally.listed, grp);
        return ratio(listed - at(w.tables.B2.regimeWrong, grp), listed);
      },
    ),
  },
});

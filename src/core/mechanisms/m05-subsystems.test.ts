import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  metric,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { SUB, SUBSYSTEMS } from "../subsystems.js";
import { rescore } from "./m05-subsystems.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M5 sub-systems and their integration", () => {
  let c: Record<"sanctions" | "surveillance" | "seen" | "cut", Comparison>;
  beforeAll(() => {
    c = compareMany(
      integrated,
      { mechanisms: { integration: { level: 0 } } },
      { mechanisms: { integration: { level: 0.9 } } },
      SEEDS,
      {
        sanctions: metric("sanctions_per_listed"),
        surveillance: metric("chilling_surveillance_belief"),
        seen: metric("chilling_learned_sanctions"),
        cut: metric("ties_cut"),
      },
    );
  });

  it("more integration → more distinct sanctions per listed agent: at least one more", () => {
    // Each list brings its own sector's sanctions; joint punishment brings the others'.
    expectEffect(
      c.sanctions,
      "increase",
      1,
      "distinct sanctions per listed agent, integration 0.9 − 0",
    );
  });

  it("more integration → stronger chilling through the stakes agents know: at least 2 more points silenced by surveillance belief alone", () => {
    expectEffect(
      c.surveillance,
      "increase",
      0.02,
      "chilling by surveillance belief, integration 0.9 − 0",
    );
  });

  it("more integration raises the cost of a tie to the listed: at least 50 more ties cut among 2,000 agents", () => {
    // A listing brings more sanctions, so the association penalty's threat weighs more (M9).
    expectEffect(c.cut, "increase", 50, "ties cut, integration 0.9 − 0");
  });

  it("structure: a listing is shared with every other running sub-system at level 1, none at 0", () => {
    const build = (level: number) =>
      buildSimulation(
        scenario({
          agents: 200,
          steps: 1,
          network: { meanDegree: 4 },
          mechanisms: {
            subsystems: Object.fromEntries(
              SUBSYSTEMS.map((s) => [s, { enabled: s !== "platform", listTerm: 100 }]),
            ),
            integration: { level },
          },
        }),
      ) as ScsModel;
    for (const level of [0, 1]) {
      const m = build(level);
      const i = 11;
      m.world.state.neg[i * m.world.K + SUB.financial] = 4; // above the threshold 3 after a step of fading
      rescore(m.world, i, 1);
      expect(m.world.state.listed[i]).toBe(1);
      expect(m.world.state.listedUntil[i * m.world.K + SUB.financial]).toBe(101);
      for (const k of [SUB.court, SUB.municipal, SUB.security]) {
        expect(m.world.state.listedUntil[i * m.world.K + k]).toBe(level === 1 ? 101 : 0);
      }
      // Not running: never listed.
      expect(m.world.state.listedUntil[i * m.world.K + SUB.platform]).toBe(0);
    }
  });
});

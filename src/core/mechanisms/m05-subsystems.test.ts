import { describe, expect, it } from "vitest";
import { compare, explain, metric, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { SUB, SUBSYSTEMS } from "../subsystems.js";
import { rescore } from "./m05-subsystems.js";

/**
 * All five sub-systems running, each sanction triggered by one of them only:
 * without integration a listing brings the sanctions of its own sub-system,
 * with it (joint punishment) those of the others too.
 */
const base = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    political: { enabled: true, subsystems: ["security"] },
    subsystems: {
      court: { enabled: true },
      financial: { enabled: true },
      municipal: { enabled: true },
      platform: { enabled: true },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court"] },
      rail: { triggers: ["court"] },
      school: { triggers: ["municipal"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["security"] },
      loan: { triggers: ["financial"] },
    },
    visibility: { list: "public" },
  },
};
const separate = { mechanisms: { integration: { level: 0 } } };
const integrated = { mechanisms: { integration: { level: 0.9 } } };

describe("M5 sub-systems and integration", () => {
  it("more integration → more distinct sanctions per listed agent (paired t-test, sign test)", () => {
    const c = compare(base, separate, integrated, 8, metric("sanctions_per_listed"));
    expect(c.t.p, `paired t-test, level 0 vs 0.9\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  // Chilling follows the stakes of a political listing (model.politicalStakes):
  // the share of sanctions it brings, directly or by joint punishment.
  it("more integration → stronger chilling (paired t-test, sign test)", () => {
    const c = compare(base, separate, integrated, 8, metric("chilling", "mean"));
    expect(c.t.p, `paired t-test, level 0 vs 0.9\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
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

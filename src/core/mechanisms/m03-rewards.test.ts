import { describe, expect, it } from "vitest";
import {
  compareMany,
  expectEffect,
  metric,
  preset,
  run,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

/** Rewarded acts recorded by the municipal sub-system, for the structure test. */
const rewardBase = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    rewards: { enabled: true, subsystems: ["municipal"] },
    subsystems: { financial: { enabled: true }, municipal: { enabled: true } },
  },
};

describe("M3 rewards and penalties", () => {
  it("a higher reward weight raises conformists' scores: at least 10 points more for the most conformist fifth", () => {
    const top = (m: ScsModel) => {
      const w = m.world;
      const order = Array.from({ length: w.n }, (_, i) => i).sort(
        (a, b) => w.pop.conformity[b] - w.pop.conformity[a],
      );
      let s = 0;
      const q = Math.floor(w.n / 5);
      for (let k = 0; k < q; k++) s += w.state.combined[order[k]];
      return s / q;
    };
    const weight = (v: number) => ({
      mechanisms: { subsystems: { municipal: { positiveWeight: v } } },
    });
    const c = compareMany(integrated, weight(4), weight(8), SEEDS, { top }).top;
    expectEffect(
      c,
      "increase",
      10,
      "mean combined score of the most conformist fifth, weight 8 − 4",
    );
  });

  it("a higher penalty weight lowers expressed criticism: at least 3 points fewer say what they think", () => {
    // The penalty is what agents see on their own record and in the announced stakes.
    const penalty = (v: number) => ({
      mechanisms: {
        subsystems: { security: { negativeWeight: v }, municipal: { negativeWeight: v } },
      },
    });
    const c = compareMany(integrated, penalty(30), penalty(100), SEEDS, {
      e: metric("expressed_dissent"),
    }).e;
    expectEffect(c, "decrease", 0.03, "expressed dissent share, penalty 100 − 30");
  });

  it("structure: rewarded acts come at the rate of conformity, recordsPerAct records each", () => {
    const at = (conformity: number) =>
      run(
        scenario({
          ...rewardBase,
          agents: 300,
          steps: 120,
          population: { conformity: { dist: "constant", value: conformity } },
          mechanisms: {
            ...rewardBase.mechanisms,
            rewards: { ...rewardBase.mechanisms.rewards, recordsPerAct: 2.5, rate: 0.05 },
          },
        }),
      );
    const municipalPos = (m: ScsModel) => {
      let s = 0;
      for (let i = 0; i < m.world.n; i++) s += m.world.state.pos[i * m.world.K + SUB.municipal];
      return s;
    };
    expect(municipalPos(at(0))).toBe(0);
    const m = at(1);
    const total = municipalPos(m);
    // Records fade (retention 730), so slightly under 2.5 × acts; acts ≈ 0.05 × 120 × 300 = 1800.
    expect(total).toBeGreaterThan(2.5 * 1800 * 0.8);
    expect(total).toBeLessThan(2.5 * 1800 * 1.2);
    for (let i = 0; i < 20; i++) {
      const acts = m.world.state.pos[i * m.world.K + SUB.municipal];
      expect(m.world.state.score[i * m.world.K + SUB.municipal]).toBe(
        Math.min(1000, Math.round(600 + 4 * acts)),
      );
    }
  });
});

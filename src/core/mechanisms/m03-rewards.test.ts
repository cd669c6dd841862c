import { describe, expect, it } from "vitest";
import { compare, explain, metric, run, scenario } from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";

/** Rewarded acts recorded by municipal points; the combined score averages financial and municipal. */
const rewardBase = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    rewards: { enabled: true, subsystems: ["municipal"] },
    subsystems: { financial: { enabled: true }, municipal: { enabled: true } },
  },
};

/** Criticism scored by a security sub-system whose list bars travel, jobs and social media. */
const penaltyBase = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    political: { enabled: true, subsystems: ["security"] },
    subsystems: {
      financial: { enabled: true },
      security: { enabled: true, listThreshold: 2, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court", "financial", "security"] },
      rail: { triggers: ["court", "financial", "security"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["security"] },
    },
  },
};

/** Mean combined score of the most conformist fifth of agents. */
function conformistScore(m: ScsModel): number {
  const order = Array.from({ length: m.world.n }, (_, i) => i).sort(
    (a, b) => m.world.pop.conformity[b] - m.world.pop.conformity[a],
  );
  const q = Math.floor(m.world.n / 5);
  let s = 0;
  for (let k = 0; k < q; k++) s += m.world.state.combined[order[k]];
  return s / q;
}

const weight = (sub: string, key: string, v: number) => ({
  mechanisms: { subsystems: { [sub]: { [key]: v } } },
});

describe("M3 rewards and penalties", () => {
  it("a higher reward weight raises conformists' scores (paired t-test, sign test)", () => {
    const c = compare(
      rewardBase,
      weight("municipal", "positiveWeight", 1),
      weight("municipal", "positiveWeight", 8),
      8,
      conformistScore,
    );
    expect(c.t.p, `paired t-test, positiveWeight 1 vs 8\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("a higher penalty weight lowers expressed criticism (paired t-test, sign test)", () => {
    // One-sided for b > a: a = negativeWeight 100 (severe), b = 10 (mild).
    const c = compare(
      penaltyBase,
      weight("security", "negativeWeight", 100),
      weight("security", "negativeWeight", 10),
      8,
      metric("expressed_dissent", "mean"),
    );
    expect(c.t.p, `paired t-test: more dissent at weight 10 than 100\n${explain(c)}`).toBeLessThan(
      0.01,
    );
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
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

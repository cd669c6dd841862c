import { describe, expect, it } from "vitest";
import { compare, explain, metric, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { errorFactors, falseMatch } from "./m07-observation.js";

/** Criticism and protest scored by a security sub-system (listed at 2 records). */
const political = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    political: { enabled: true, subsystems: ["security"] },
    subsystems: {
      financial: { enabled: true },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court", "financial", "security"] },
      rail: { triggers: ["court", "financial", "security"] },
    },
  },
};

/**
 * Frequent protests in front of cameras, and no false positives of speech
 * monitoring: a wrong listing can only come from a face-recognition false match.
 */
const protests = {
  ...political,
  mechanisms: {
    ...political.mechanisms,
    observation: {
      cameras: { coverage: 0.8, detection: 0.85 },
      online: { falsePositive: 0 },
      offline: { falsePositive: 0 },
    },
    dissent: { protest: { episodeRate: 0.1 } },
  },
};
const matchRate = (falseMatch: number) => ({
  mechanisms: { observation: { cameras: { falseMatch } } },
});

/** Listed share of the minority minus that of the majority. */
const disparity = (m: ScsModel) =>
  metric("listed", "final", 2)(m) - metric("listed", "final", 1)(m);

describe("M7 observation channels", () => {
  it("a higher false-match rate → more wrongly listed agents (paired t-test, sign test)", () => {
    const c = compare(protests, matchRate(0.001), matchRate(0.1), 8, metric("wrongly_listed"));
    expect(c.t.p, `paired t-test, falseMatch 0.001 vs 0.1\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("a group-differential error rate alone produces a blacklisting disparity (paired t-test, sign test)", () => {
    // Two equal groups that behave alike (their traits have the same
    // distributions); only the minority's false-positive and false-match rates
    // are 10 times higher.
    const halves = {
      ...political,
      population: {
        groups: [
          { name: "majority", share: 0.5 },
          { name: "minority", share: 0.5 },
        ],
      },
    };
    const c = compare(
      halves,
      { mechanisms: { observation: { errorMultiplier: {} } } },
      { mechanisms: { observation: { errorMultiplier: { minority: 10 } } } },
      8,
      disparity,
    );
    expect(
      c.b.filter((x) => x > 0).length,
      `minority listed more than majority in (almost) every run\n${explain(c)}`,
    ).toBeGreaterThanOrEqual(7);
    expect(c.t.p, `paired t-test, multiplier 1 vs 10\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("structure: error factors by group name; a false match picks another agent of the region", () => {
    const m = buildSimulation(
      scenario({
        agents: 200,
        steps: 1,
        network: { meanDegree: 4 },
        mechanisms: {
          observation: { cameras: { falseMatch: 0.05 }, errorMultiplier: { minority: 10 } },
        },
      }),
    ) as ScsModel;
    expect(Array.from(errorFactors(m.world))).toEqual([1, 10]);
    const region = 4;
    const start = m.world.regions.start[region];
    const size = m.world.regions.start[region + 1] - start;
    for (const protester of [
      m.world.regions.agents[start],
      m.world.regions.agents[start + size - 1],
    ]) {
      const picked = new Set<number>();
      for (let k = 0; k < 4 * size; k++) {
        const u1 = (k + 0.5) / (4 * size);
        const v = falseMatch(m.world, region, protester, u1, 0);
        expect(m.world.pop.region[v]).toBe(region);
        expect(v).not.toBe(protester);
        picked.add(v);
        // u2 just below the candidate's rate (its group's factor) matches it; just above does not.
        const rate = 0.05 * (m.world.pop.group[v] === 1 ? 10 : 1);
        expect(falseMatch(m.world, region, protester, u1, rate * 0.99)).toBe(v);
        expect(falseMatch(m.world, region, protester, u1, rate * 1.01)).toBe(-1);
      }
      // Every other agent of the region can be picked.
      expect(picked.size).toBe(size - 1);
    }
  });
});

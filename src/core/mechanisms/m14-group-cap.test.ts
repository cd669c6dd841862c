import { beforeAll, describe, expect, it } from "vitest";
import { type Comparison, compareMany, explain, metric } from "../../../test/effect.js";
import type { ScsModel } from "../model.js";

/**
 * M14 — "a minority member can reach at most an average score": with the
 * minority's combined score capped at the population mean, the minority never
 * reaches the top tier and its mean score falls; the majority is untouched.
 *
 * Rewards (M3) and a cutoffA inside the score distribution make the top tier
 * reachable within the run, so the uncapped minority does reach it.
 */
const REPS = 8;
const base = {
  agents: 2000,
  steps: 180,
  population: {
    groups: [
      { name: "majority", share: 0.7 },
      { name: "minority", share: 0.3 },
    ],
  },
  mechanisms: {
    subsystems: { financial: { enabled: true }, municipal: { enabled: true } },
    rewards: { enabled: true, subsystems: ["municipal"] },
    tiers: { cutoffA: 630, cutoffB: 580, cutoffC: 500 },
  },
};
const capped = { mechanisms: { groupCap: { group: "minority", cap: "mean" } } };
const uncapped = { mechanisms: { groupCap: { group: null } } };
const MINORITY = 2;
const MAJORITY = 1;

/** Several measures of the same paired runs (compareMany of test/effect.ts). */
const compareAll = <K extends string>(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, Comparison> => compareMany(base, a, b, REPS, measures);

describe("M14 group cap", () => {
  // a = capped, b = uncapped: the one-sided tests ask "higher without the cap".
  let c: Record<"topMax" | "topFinal" | "minorityScore" | "majorityScore", Comparison>;
  beforeAll(() => {
    c = compareAll(capped, uncapped, {
      topMax: metric("top_tier_share", "max", MINORITY),
      topFinal: metric("top_tier_share", "final", MINORITY),
      minorityScore: metric("mean_score", "final", MINORITY),
      majorityScore: metric("mean_score", "final", MAJORITY),
    });
  });

  it("the capped group never reaches the top tier; uncapped it does (paired t-test and sign test, p < 0.01)", () => {
    // At no step of any run is a capped-group member in the top tier.
    expect(c.topMax.a, explain(c.topMax)).toEqual(new Array(REPS).fill(0));
    for (const v of c.topFinal.b) expect(v, explain(c.topFinal)).toBeGreaterThan(0);
    expect(c.topFinal.t.p, explain(c.topFinal)).toBeLessThan(0.01);
    expect(c.topFinal.sign.p, explain(c.topFinal)).toBeLessThan(0.01);
  });

  it("the capped group's mean score falls (paired t-test and sign test, p < 0.01)", () => {
    expect(c.minorityScore.t.p, explain(c.minorityScore)).toBeLessThan(0.01);
    expect(c.minorityScore.sign.p, explain(c.minorityScore)).toBeLessThan(0.01);
  });

  it("the other group's scores are untouched", () => {
    expect(c.majorityScore.diff, explain(c.majorityScore)).toEqual(new Array(REPS).fill(0));
  });
});

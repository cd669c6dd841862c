import { describe, expect, it } from "vitest";
import { type Comparison, compare, explain, metric } from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest, signTest } from "../stats/index.js";

/**
 * M12 — tiers cut from the combined score. Tier shares respond to the
 * cut-offs, and top-tier privileges reward conformity: with privileges, agents
 * seek rewarded acts (M3) more often, so high-conformity agents reach the top
 * tier more often than without.
 *
 * Cut-offs sit inside the score distribution of a half-year run (combined
 * scores of financial and municipal points lie around 580–640 here; with the
 * default cutoffA of 700 hardly anyone is in the top tier within a year).
 */
const REPS = 8;
const base = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    subsystems: { financial: { enabled: true }, municipal: { enabled: true } },
    rewards: { enabled: true, subsystems: ["municipal"] },
    tiers: { cutoffA: 630, cutoffB: 580, cutoffC: 500 },
  },
};

/** Share of the top tier among the agents whose conformity passes `pick`. */
function topShare(pick: (conformity: number) => boolean): (m: ScsModel) => number {
  return (m) => {
    let n = 0;
    let top = 0;
    for (let i = 0; i < m.world.n; i++) {
      if (!pick(m.world.pop.conformity[i])) continue;
      n++;
      if (m.world.state.tier[i] === 0) top++;
    }
    return top / n;
  };
}

/** Paired tests of b − a, one-sided for b > a, as `compare` reports them. */
function paired(a: number[], b: number[]): Comparison {
  const diff = b.map((v, k) => v - a[k]);
  return { a, b, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
}

function expectSignificant(c: Comparison): void {
  expect(c.t.p, explain(c)).toBeLessThan(0.01);
  expect(c.sign.p, explain(c)).toBeLessThan(0.01);
}

describe("M12 tiers", () => {
  it("lowering cutoffA raises the top-tier share (paired t-test and sign test, p < 0.01)", () => {
    const high = { mechanisms: { tiers: { cutoffA: 640 } } };
    const low = { mechanisms: { tiers: { cutoffA: 620 } } };
    expectSignificant(compare(base, high, low, REPS, metric("top_tier_share")));
  });

  it("privileges raise high-conformity agents' top-tier share (paired t-test and sign test, p < 0.01)", () => {
    const off = { mechanisms: { tiers: { privileges: false } } };
    const on = { mechanisms: { tiers: { privileges: true } } };
    const highConformity = topShare((c) => c >= 0.6);
    const lowConformity = topShare((c) => c < 0.4);
    // The reward is for conformity: the gap between high- and low-conformity agents widens.
    const gap: number[] = [];
    const c = compare(base, off, on, REPS, (m) => {
      gap.push(highConformity(m) - lowConformity(m));
      return highConformity(m);
    });
    expectSignificant(c);
    // compare measures the off run, then the on run, of each seed.
    const gapOff = gap.filter((_, k) => k % 2 === 0);
    const gapOn = gap.filter((_, k) => k % 2 === 1);
    expectSignificant(paired(gapOff, gapOn));
  });
});

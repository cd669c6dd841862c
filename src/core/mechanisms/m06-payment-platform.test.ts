import { describe, expect, it } from "vitest";
import { compare, explain, metric, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import { at } from "../metrics/define.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";

/** Payments (M1) and rewarded acts (M3) are the transactions; the platform keeps a score. */
const base = {
  agents: 2000,
  steps: 120,
  mechanisms: {
    rewards: { enabled: true },
    subsystems: { financial: { enabled: true }, platform: { enabled: true } },
  },
};
const cashless = (share: number) => ({ mechanisms: { platform: { cashlessShare: share } } });

describe("M6 payment platform", () => {
  it("a higher cashless share → more transactions observed (paired t-test, sign test)", () => {
    const c = compare(
      base,
      cashless(0.3),
      cashless(0.95),
      8,
      metric("transactions_observed_share", "mean"),
    );
    expect(c.t.p, `paired t-test, cashless share 0.3 vs 0.95\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
    // The observed share is the cashless share, up to sampling noise.
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(mean(c.a)).toBeCloseTo(0.3, 1);
    expect(mean(c.b)).toBeCloseTo(0.95, 1);
  });

  it("structure: a cashless transaction is a platform record, and a municipal one when shared", () => {
    const build = (shareWithState: boolean) =>
      buildSimulation(
        scenario({
          agents: 200,
          steps: 1,
          network: { meanDegree: 4 },
          mechanisms: {
            platform: { cashlessShare: 0.5, shareWithState },
            subsystems: { platform: { enabled: true }, municipal: { enabled: true } },
          },
        }),
      ) as ScsModel;
    const m = build(false);
    const i = 3;
    const row = i * m.world.K;
    // Cash (u ≥ cashless share): counted, not seen.
    expect(recordTransaction(m.world, i, 0, 0.7, true)).toBe(false);
    expect(m.world.state.pos[row + SUB.platform]).toBe(0);
    // Cashless: seen; a payment is a positive record, a default a negative one.
    expect(recordTransaction(m.world, i, 0, 0.2, true)).toBe(true);
    expect(recordTransaction(m.world, i, 0, 0.2, false)).toBe(true);
    expect(m.world.state.pos[row + SUB.platform]).toBe(1);
    expect(m.world.state.neg[row + SUB.platform]).toBe(1);
    expect(m.world.state.pos[row + SUB.municipal]).toBe(0);
    expect(at(m.world.count.transactions, 0)).toBe(3);
    expect(at(m.world.count.transactionsObserved, 0)).toBe(2);

    const shared = build(true);
    recordTransaction(shared.world, i, 0, 0.2, false);
    expect(shared.world.state.neg[row + SUB.municipal]).toBe(1);
  });
});

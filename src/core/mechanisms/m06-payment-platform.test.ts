import { describe, expect, it } from "vitest";
import {
  compareMany,
  expectEffect,
  metric,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import { at } from "../metrics/define.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M6 payment platform", () => {
  it("abolishing cash (comment 1) lists more agents: the platform sees every default and shares it with the state", () => {
    const cash = (v: number) => ({ mechanisms: { platform: { cashlessShare: v } } });
    const c = compareMany(integrated, cash(0.3), cash(1), SEEDS, {
      platform: metric("listed_in_platform"),
      municipal: metric("listed_in_municipal"),
    });
    // Defaults reach the platform's list (and, shared, the municipal one) only when paid cashless.
    expectEffect(c.platform, "increase", 0.005, "share on the platform's list, cashless 1 − 0.3");
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

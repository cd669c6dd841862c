import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  expectNoEffect,
  explain,
  metric,
  perAgentYear,
  preset,
  replicate,
  run,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { summarise } from "../stats/index.js";
import { SUB } from "../subsystems.js";

/** The financial-only preset and its counterfactual, at 2,000 agents, 2 years of burn-in, 1 year recorded. */
const SIZE = { agents: 2000, burnIn: 365, steps: 365 };
const financialOnly = preset("financial-only", SIZE);
/** A patch that turns financial-only into no-system (the arms differ only by the system). */
const systemOff = {
  mechanisms: {
    subsystems: { financial: { enabled: false } },
    sanctions: { loan: { triggers: [] } },
  },
};

describe("M1 repayment as a decision", () => {
  let withSystem: Record<"strategic" | "inability" | "defaults", Comparison>;
  let withoutResponse: Record<"defaults" | "strategic", Comparison>;
  beforeAll(() => {
    const measures = {
      strategic: perAgentYear("strategic_defaults"),
      defaults: perAgentYear("defaults"),
      // Counts, not rates: integers compare exactly.
      inability: (m: ScsModel) =>
        metric("defaults", "total")(m) - metric("strategic_defaults", "total")(m),
    };
    withSystem = compareMany(financialOnly, systemOff, {}, SEEDS, measures);
    const deaf = { mechanisms: { financial: { deterrence: 0 } } };
    withoutResponse = compareMany(
      financialOnly,
      {
        ...systemOff,
        ...deaf,
        mechanisms: { ...systemOff.mechanisms, financial: { deterrence: 0 } },
      },
      deaf,
      SEEDS,
      { defaults: measures.defaults, strategic: measures.strategic },
    );
  });

  it("a credit bureau deters strategic defaults: fewer than with no system, by at least 0.05 a year per agent", () => {
    // With no system about 0.25 strategic defaults per agent-year; a bureau that denies loans to
    // repeated defaulters is claimed to deter them: a cut of a fifth or more is what it must show.
    expectEffect(
      withSystem.strategic,
      "decrease",
      0.05,
      "strategic defaults per agent-year, bureau − none",
    );
  });

  it("inability is a shock, not a choice: defaults of agents unable to pay do not move", () => {
    // Statements and ability draws are the same in both arms (common random numbers): only
    // detention could change them, and financial-only detains nobody.
    const c = withSystem.inability;
    expect(c.b, explain(c)).toEqual(c.a);
  });

  it("agents who ignore what a listing costs them (deterrence 0) avoid no strategic default", () => {
    expectNoEffect(
      withoutResponse.strategic,
      0.01,
      "strategic defaults per agent-year, bureau − none, deterrence 0",
    );
  });

  it("the total of defaults avoided comes from the response: with deterrence 0 the avoided count's CI includes 0", () => {
    expectNoEffect(
      withoutResponse.defaults,
      0.03,
      "defaults per agent-year, bureau − none, deterrence 0",
    );
  });
});

describe("M1 financial scores and the credit list", () => {
  it("agents less able to pay end with lower financial scores (lowest vs highest reliability quintile, every seed)", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const m = run(scenario({ ...financialOnly, seed }));
      const w = m.world;
      const order = Array.from({ length: w.n }, (_, i) => i).sort(
        (a, b) => w.pop.reliability[a] - w.pop.reliability[b],
      );
      const q = Math.floor(w.n / 5);
      let low = 0;
      let high = 0;
      for (let k = 0; k < q; k++) {
        low += w.state.score[order[k] * w.K + SUB.financial];
        high += w.state.score[order[w.n - 1 - k] * w.K + SUB.financial];
      }
      // At least 20 points apart on average: a third of a default's penalty.
      expect(high / q - low / q, `seed ${seed}`).toBeGreaterThan(20);
    }
  });

  it("in the financial-only design the list's precision is high: at least 90% of the listed are rightly listed", () => {
    const { p } = replicate(financialOnly, SEEDS, { p: metric("list_precision") });
    // The wrongly listed are those whom record errors (0.2% of payments) pushed over the threshold.
    const s = summarise(p);
    expect(s.low, p.join(", ")).toBeGreaterThan(0.9);
  });
});

describe("M1 paying off a court listing", () => {
  it("listed debtors pay off because of the sanctions: without them (court list sanctioning nothing) nobody does", () => {
    const fragmented = preset("fragmented", { agents: 3000, burnIn: 365, steps: 365 });
    const noSanctions = {
      mechanisms: {
        sanctions: {
          flight: { triggers: [] },
          rail: { triggers: [] },
          school: { triggers: [] },
          job: { triggers: [] },
          loan: { triggers: ["financial"] },
        },
      },
    };
    const c = compareMany(fragmented, noSanctions, {}, SEEDS, {
      paid: perAgentYear("paid_off"),
    }).paid;
    for (const v of c.a) expect(v, explain(c)).toBe(0);
    // A court list whose sanctions bite makes about 0.3% of agents a year pay off (stock ~0.6%, exit ~0.35/yr).
    expectEffect(c, "increase", 0.0005, "pay-offs per agent-year, sanctions − none");
  });
});

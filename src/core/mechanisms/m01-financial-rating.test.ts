import { describe, expect, it } from "vitest";
import { compare, explain, metric, run, scenario } from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";

/** financial-only.yaml, smaller: M1 alone, a credit bureau whose list denies loans only. */
const financialOnly = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    financial: { enabled: true },
    subsystems: { financial: { enabled: true, listThreshold: 3, listTerm: 730, retention: 730 } },
    sanctions: {
      loan: { triggers: ["financial"] },
      flight: { triggers: [] },
      rail: { triggers: [] },
      school: { triggers: [] },
      job: { triggers: [] },
      social_media: { triggers: [] },
    },
  },
};

/** Mean financial score of the most reliable fifth of agents minus that of the least reliable fifth. */
function reliabilityGap(m: ScsModel): number {
  const order = Array.from({ length: m.world.n }, (_, i) => i).sort(
    (a, b) => m.world.pop.reliability[a] - m.world.pop.reliability[b],
  );
  const q = Math.floor(m.world.n / 5);
  let low = 0;
  let high = 0;
  for (let k = 0; k < q; k++) {
    low += m.world.state.score[order[k] * m.world.K + SUB.financial];
    high += m.world.state.score[order[m.world.n - 1 - k] * m.world.K + SUB.financial];
  }
  return (high - low) / q;
}

describe("M1 financial rating", () => {
  it("low-reliability agents end with lower financial scores (paired t-test, sign test)", () => {
    // Off: nobody has payment records, every financial score stays at the base.
    const c = compare(
      financialOnly,
      { mechanisms: { financial: { enabled: false } } },
      {},
      8,
      reliabilityGap,
    );
    expect(
      c.a.every((x) => x === 0),
      explain(c),
    ).toBe(true);
    expect(
      c.b.every((x) => x > 20),
      `every run: top fifth of reliability scores >20 points above the bottom fifth\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("financial-only: the blacklist's precision for true defaulters is high (> 0.9 in every run)", () => {
    // A year, so that the list holds a few per cent. For contrast, record errors
    // (payments booked as defaults) at 0.1 put payers on the list: precision
    // falls, so the metric can see wrong listings.
    const base = { ...financialOnly, steps: 365 };
    const c = compare(
      base,
      { mechanisms: { financial: { recordErrorRate: 0.1 } } },
      {},
      8,
      metric("list_precision"),
    );
    expect(
      c.b.every((x) => x > 0.9),
      `list_precision > 0.9 in every run\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test, default vs erroneous records\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("structure: reliable payers never default nor get listed; never-payers always default", () => {
    const payers = run(
      scenario({
        ...financialOnly,
        agents: 300,
        steps: 90,
        population: { reliability: { dist: "constant", value: 1 } },
        mechanisms: { ...financialOnly.mechanisms, financial: { recordErrorRate: 0 } },
      }),
    );
    expect(metric("defaults", "total")(payers)).toBe(0);
    expect(metric("obligations", "total")(payers)).toBeGreaterThan(0);
    expect(metric("listed", "max")(payers)).toBe(0);
    for (let i = 0; i < payers.world.n; i++) {
      expect(payers.world.state.score[i * payers.world.K + SUB.financial]).toBeGreaterThanOrEqual(
        600,
      );
    }

    const defaulters = run(
      scenario({
        ...financialOnly,
        agents: 300,
        steps: 180,
        population: { reliability: { dist: "constant", value: 0 } },
        mechanisms: { ...financialOnly.mechanisms, financial: { deterrence: 0 } },
      }),
    );
    expect(metric("defaults", "total")(defaulters)).toBe(
      metric("obligations", "total")(defaulters),
    );
    // Listed after three defaults: most agents have had three obligations in 180 steps.
    expect(metric("listed")(defaulters)).toBeGreaterThan(0.8);
  });
});

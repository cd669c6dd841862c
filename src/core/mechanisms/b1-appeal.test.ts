import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type Comparison,
  compare,
  explain,
  merge,
  metric,
  run,
  scenario,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { mean, oneSampleTTest, signTest } from "../stats/index.js";
import { SANCTIONS } from "../subsystems.js";

/**
 * B1 — a rights-respecting design (the line of Art. 5(1)(c) EU AI Act):
 * financial data only, no political data, no association penalty, no group
 * attributes (no targeted group, no cap), notice and appeal, record expiry, a
 * private list, proportionate sanctions (loan denial only, for the financial
 * list). Against the integrated preset it lists far fewer agents wrongly and
 * causes almost no chilling, while it keeps most of the default-rate reduction
 * that M1's blacklist brings (against a no-system baseline and against the
 * financial-only design). Checked twice: for the design built here from the B1
 * row of MECHANISMS.md, and for the shipped preset scenarios/rights-respecting.yaml.
 */
const REPS = 8;
const SIZE = { agents: 2000, steps: 180 };
const preset = (name: string) =>
  parse(readFileSync(new URL(`../../../scenarios/${name}.yaml`, import.meta.url), "utf8"));

const noSanctions = Object.fromEntries(
  SANCTIONS.map((s) => [s, { triggers: [], fromTier: "none" }]),
);
/** B1, built from the B1 row of MECHANISMS.md. */
const rightsRespecting = {
  ...SIZE,
  population: {
    groups: [
      { name: "majority", share: 0.9 },
      { name: "minority", share: 0.1 },
    ],
  },
  mechanisms: {
    financial: { enabled: true },
    political: { enabled: false },
    rewards: { enabled: false },
    subsystems: {
      financial: { enabled: true, listThreshold: 3, listTerm: 730, retention: 365 },
    },
    association: { enabled: false },
    visibility: { list: "private" },
    targeted: { group: null },
    groupCap: { group: null },
    detention: { enabled: false },
    appeal: { enabled: true },
    sanctions: { ...noSanctions, loan: { triggers: ["financial"], fromTier: "none" } },
  },
};
/** No system: the same financial life and records, but no listing carries a sanction. */
const noSystem = merge(rightsRespecting, {
  mechanisms: { appeal: { enabled: false }, sanctions: { loan: { triggers: [] } } },
});
const ARMS = {
  rightsRespecting,
  preset: merge(preset("rights-respecting"), SIZE),
  noSystem,
  financialOnly: merge(preset("financial-only"), SIZE),
  integrated: merge(preset("integrated"), SIZE),
};
type Arm = keyof typeof ARMS;

/** Defaults per obligation over the whole run. */
const defaultRate = (m: ScsModel) =>
  metric("defaults", "total")(m) / metric("obligations", "total")(m);
const MEASURES = {
  wronglyListed: metric("wrongly_listed"),
  chilling: metric("chilling"),
  defaultRate,
};
type Measure = keyof typeof MEASURES;

/** Paired tests of b − a, one-sided for b > a, as `compare` reports them. */
function paired(a: number[], b: number[]): Comparison {
  const diff = b.map((v, k) => v - a[k]);
  return { a, b, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
}

function expectSignificant(c: Comparison): void {
  expect(c.t.p, explain(c)).toBeLessThan(0.01);
  expect(c.sign.p, explain(c)).toBeLessThan(0.01);
}

describe("B1 rights-respecting design", () => {
  const x = {} as Record<Arm, Record<Measure, number[]>>;
  beforeAll(() => {
    for (const arm of Object.keys(ARMS) as Arm[]) {
      x[arm] = { wronglyListed: [], chilling: [], defaultRate: [] };
      for (let seed = 1; seed <= REPS; seed++) {
        const m = run(scenario(merge(ARMS[arm], { seed })));
        for (const k of Object.keys(MEASURES) as Measure[]) x[arm][k].push(MEASURES[k](m));
      }
    }
  });

  for (const design of ["rightsRespecting", "preset"] as const) {
    describe(
      design === "preset" ? "the preset rights-respecting.yaml" : "built from MECHANISMS.md",
      () => {
        it("far fewer wrongly listed agents than the integrated preset (paired t-test and sign test, p < 0.01)", () => {
          const c = paired(x[design].wronglyListed, x.integrated.wronglyListed);
          expectSignificant(c);
          // "Far fewer": at most a tenth.
          expect(mean(c.a), explain(c)).toBeLessThanOrEqual(0.1 * mean(c.b));
        });

        it("almost no chilling, against much chilling in the integrated preset (paired t-test and sign test, p < 0.01)", () => {
          const c = paired(x[design].chilling, x.integrated.chilling);
          expectSignificant(c);
          for (const v of c.a) expect(v, explain(c)).toBeLessThan(0.05);
          expect(mean(c.b), explain(c)).toBeGreaterThan(0.3);
        });

        it("lowers the default rate against no system (paired t-test and sign test, p < 0.01)", () => {
          expectSignificant(paired(x[design].defaultRate, x.noSystem.defaultRate));
        });

        it("keeps most (≥ 80%) of the default-rate reduction of the financial-only design", () => {
          const none = mean(x.noSystem.defaultRate);
          const kept = none - mean(x[design].defaultRate);
          const m1 = none - mean(x.financialOnly.defaultRate);
          const msg = `default rate: no system ${none}, reduction ${kept}, financial-only's ${m1}`;
          expect(m1, msg).toBeGreaterThan(0);
          expect(kept / m1, msg).toBeGreaterThanOrEqual(0.8);
        });
      },
    );
  }
});

describe("B1 notice and appeal", () => {
  // A design that does list wrongly: political data, a coarse online filter (10% false
  // positives) and a population that mostly approves, so that few listings are deserved.
  const wrongful = {
    agents: 2000,
    steps: 120,
    mechanisms: {
      political: { enabled: true, subsystems: ["security"] },
      subsystems: { financial: { enabled: true }, security: { enabled: true, listThreshold: 2 } },
      observation: { online: { falsePositive: 0.1 } },
      approval: { initial: 0.9, spread: 0.1 },
    },
  };

  it("appeal corrects wrong records: fewer wrongly listed (paired t-test and sign test, p < 0.01)", () => {
    const corrected: number[] = [];
    // a = appeal on, b = off: the one-sided tests ask "more wrongly listed without appeal".
    const c = compare(
      wrongful,
      { mechanisms: { appeal: { enabled: true } } },
      { mechanisms: { appeal: { enabled: false } } },
      REPS,
      (m) => {
        corrected.push(metric("records_corrected", "total")(m));
        return metric("wrongly_listed")(m);
      },
    );
    expectSignificant(c);
    expect(corrected.filter((_, k) => k % 2 === 0).every((v) => v > 0)).toBe(true);
    expect(corrected.filter((_, k) => k % 2 === 1).every((v) => v === 0)).toBe(true);
  });
});

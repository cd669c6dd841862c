import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  explain,
  merge,
  metric,
  politicalSanctions,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";

/**
 * M17 — silence in advance ("Totenstille"). Expression and protest weigh
 * grievance against a learned perceived risk (Epstein, Kuran); protest spreads
 * by thresholds (Granovetter). As surveillance rises, expressed dissent falls
 * relative to latent dissent (chilling rises) and protests shrink; yet when
 * legitimacy drops, protest cascades still break out under full surveillance.
 */
const REPS = 8;
const base = {
  agents: 2000,
  steps: 120,
  mechanisms: {
    political: { enabled: true, subsystems: ["security"] },
    subsystems: { financial: { enabled: true }, security: { enabled: true, listThreshold: 2 } },
    sanctions: politicalSanctions,
  },
};
const lowSurveillance = {
  mechanisms: {
    observation: {
      online: { coverage: 0.1 },
      offline: { coverage: 0.05 },
      cameras: { coverage: 0.1 },
    },
  },
};
const highSurveillance = {
  mechanisms: {
    observation: {
      online: { coverage: 0.95 },
      offline: { coverage: 0.5 },
      cameras: { coverage: 0.9 },
    },
  },
};

/** Several measures of the same paired runs (compareMany of test/effect.ts). */
const compareAll = <K extends string>(
  base: Record<string, unknown>,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, Comparison> => compareMany(base, a, b, REPS, measures);

function expectSignificant(c: Comparison): void {
  expect(c.t.p, explain(c)).toBeLessThan(0.01);
  expect(c.sign.p, explain(c)).toBeLessThan(0.01);
}

describe("M17 dissent: surveillance silences", () => {
  let c: Record<"chilling" | "expressedPerLatentLower" | "protestLower", Comparison>;
  beforeAll(() => {
    c = compareAll(base, lowSurveillance, highSurveillance, {
      chilling: metric("chilling"),
      // Negated so that the one-sided tests ask "lower with more surveillance".
      expressedPerLatentLower: (m) => -metric("expressed_dissent")(m) / metric("latent_dissent")(m),
      protestLower: (m) => -metric("protest", "total")(m),
    });
  });

  it("chilling rises with surveillance (paired t-test and sign test, p < 0.01)", () => {
    expectSignificant(c.chilling);
  });

  it("expressed / latent dissent falls with surveillance (paired t-test and sign test, p < 0.01)", () => {
    expectSignificant(c.expressedPerLatentLower);
  });

  it("protests shrink with surveillance (paired t-test and sign test, p < 0.01)", () => {
    expectSignificant(c.protestLower);
  });
});

describe("M17 dissent: cascades break out when legitimacy drops", () => {
  // Full surveillance in both arms; only the mean initial legitimacy differs. Protest
  // thresholds are lower than the default normal(0.25, 0.12): with the default, protest
  // never spreads beyond about 1% of agents a day, even with no surveillance at all.
  const surveilled = merge(merge(base, highSurveillance), {
    population: { protestThreshold: { dist: "normal", mean: 0.12, sd: 0.08, min: 0, max: 1 } },
  });
  let c: Record<"maxProtest", Comparison>;
  beforeAll(() => {
    c = compareAll(
      surveilled,
      { mechanisms: { approval: { initial: 0.7 } } },
      { mechanisms: { approval: { initial: 0.3 } } },
      { maxProtest: metric("protest", "max") },
    );
  });

  it("lower legitimacy → larger peak protest share under surveillance (paired t-test and sign test, p < 0.01)", () => {
    expectSignificant(c.maxProtest);
  });

  it("the peak is a cascade: several times larger, at least 2.5% of agents in a day", () => {
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(c.maxProtest.b), explain(c.maxProtest)).toBeGreaterThan(0.025);
    expect(mean(c.maxProtest.b), explain(c.maxProtest)).toBeGreaterThan(3 * mean(c.maxProtest.a));
  });
});

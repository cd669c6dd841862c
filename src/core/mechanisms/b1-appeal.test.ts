import { beforeAll, describe, expect, it } from "vitest";
import {
  expectEffect,
  expectNoEffect,
  metric,
  pair,
  perAgentYear,
  preset,
  runArms,
  SEEDS,
} from "../../../test/effect.js";
import { summarise } from "../stats/index.js";

/**
 * B1 — the rights-respecting design against the integrated one, the credit
 * bureau and no system, on common seeds, each at its own preset parameters
 * (2,000 agents, a year of burn-in, a year recorded).
 */
const SIZE = { agents: 2000, burnIn: 365, steps: 365 };
const ARMS = {
  rights: preset("rights-respecting", SIZE),
  integrated: preset("integrated", SIZE),
  financialOnly: preset("financial-only", SIZE),
  none: preset("no-system", SIZE),
};
const MEASURES = {
  wrongly: metric("wrongly_listed"),
  chilling: metric("chilling"),
  expressed: metric("expressed_dissent"),
  defaults: perAgentYear("defaults"),
};

describe("B1 rights-respecting design", () => {
  let r: ReturnType<typeof runArms<keyof typeof ARMS, keyof typeof MEASURES>>;
  beforeAll(() => {
    r = runArms(ARMS, SEEDS, MEASURES);
  });

  it("far fewer wrongly listed agents than the integrated design: at least 10 points of the population fewer", () => {
    const c = pair(r.integrated.wrongly, r.rights.wrongly);
    expectEffect(c, "decrease", 0.1, "wrongly listed share, rights − integrated");
  });

  it("much less chilling than the integrated design: at least 20 points less", () => {
    expectEffect(
      pair(r.integrated.chilling, r.rights.chilling),
      "decrease",
      0.2,
      "chilling, rights − integrated",
    );
  });

  it("chilling indistinguishable from no system: the 95% interval of the difference includes 0 and lies within ±2 points", () => {
    expectNoEffect(pair(r.none.chilling, r.rights.chilling), 0.02, "chilling, rights − none");
    expectNoEffect(
      pair(r.none.expressed, r.rights.expressed),
      0.02,
      "expressed dissent, rights − none",
    );
  });

  it("keeps a measured share of the credit bureau's benefit: more than half of the defaults financial-only avoids", () => {
    const { none, financialOnly: fo, rights } = r;
    const share = rights.defaults.map(
      (v, k) => (none.defaults[k] - v) / (none.defaults[k] - fo.defaults[k]),
    );
    const s = summarise(share);
    // Measured, not assumed: what the design gives up is the deterrence of the records its
    // appeals correct.
    expect(
      s.low,
      `kept share per seed: ${share.map((v) => v.toFixed(3)).join(", ")}`,
    ).toBeGreaterThan(0.5);
  });

  it("fewer wrongly listed than financial-only: appeals correct the records wrongly kept", () => {
    // Record errors list about 0.1-0.2% of agents in financial-only; appeals should remove most.
    const c = pair(r.financialOnly.wrongly, r.rights.wrongly);
    expectEffect(c, "decrease", 0.0005, "wrongly listed share, rights − financial-only");
  });
});

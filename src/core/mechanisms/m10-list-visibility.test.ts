import { beforeAll, describe, expect, it } from "vitest";
import { type Comparison, compareMany, explain, metric } from "../../../test/effect.js";
import type { ScsModel } from "../model.js";

/**
 * M10 — a public blacklist plus the association penalty (M9): every contact
 * knows at once who is listed, so listed agents lose ties faster than with a
 * private list (where a contact learns of a listing with probability
 * privateLeak). The association penalty lowers only the municipal and security
 * scores, which do not run here, so the same agents are listed in both arms
 * and only the contacts' reaction differs.
 */
const base = {
  agents: 3000,
  steps: 180,
  mechanisms: {
    subsystems: { financial: { enabled: true, listThreshold: 2 }, court: { enabled: true } },
    association: { enabled: true, cutProbability: 0.5 },
  },
};
const privateList = { mechanisms: { visibility: { list: "private" } } };
const publicList = { mechanisms: { visibility: { list: "public" } } };
const REPS = 8;

/** Several measures of the same paired runs (compareMany of test/effect.ts). */
const compareAll = <K extends string>(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, Comparison> => compareMany(base, a, b, REPS, measures);

describe("M10 list visibility", () => {
  let c: Record<"tiesCut" | "listedDegreeLower" | "listed", Comparison>;
  beforeAll(() => {
    c = compareAll(privateList, publicList, {
      tiesCut: metric("ties_cut"),
      // Negated so that the one-sided tests ask "listed degree is lower with a public list".
      listedDegreeLower: (m) => -metric("listed_degree")(m),
      listed: metric("listed"),
    });
  });

  it("public list: more ties cut (paired t-test and sign test, p < 0.01)", () => {
    expect(c.tiesCut.t.p, explain(c.tiesCut)).toBeLessThan(0.01);
    expect(c.tiesCut.sign.p, explain(c.tiesCut)).toBeLessThan(0.01);
  });

  it("public list: listed agents keep fewer ties (paired t-test and sign test, p < 0.01)", () => {
    const d = c.listedDegreeLower;
    expect(d.t.p, explain(d)).toBeLessThan(0.01);
    expect(d.sign.p, explain(d)).toBeLessThan(0.01);
  });

  it("the same agents are listed in both arms: only the reaction to the list differs", () => {
    expect(c.listed.diff, explain(c.listed)).toEqual(new Array(REPS).fill(0));
  });
});

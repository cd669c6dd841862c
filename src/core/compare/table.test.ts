import { describe, expect, it } from "vitest";
import { flat, run } from "../../../test/compare-fixture.js";
import { MEASURES, per1000y } from "./measures.js";
import { type CompareScenario, cellStats, compareTable } from "./table.js";

/**
 * A run over one year whose daily defaults are `d`, whose chilling is `c` and
 * whose detained share is `det`, seed k.
 */
function year(d: number, c: number, k: number, agents = 1000, det = 0) {
  return run(
    {
      defaults: [0, ...flat(d, 365)],
      strategic_defaults: [0, ...flat(d / 2, 365)],
      chilling: flat(c, 366),
      detained: flat(det, 366),
      listed: [flat(0.1, 366), flat(0.08, 366), flat(0.2, 366)],
    },
    { seed: String(k), agents },
  );
}

const cell = (t: ReturnType<typeof compareTable>, row: string, i: number) =>
  t.baseline.find((r) => r.measure.id === row)?.cells[i];

describe("cellStats", () => {
  it("gives the mean, the sample SD and the 95% t interval of the defined values", () => {
    const c = cellStats([1, 2, 3, 4]);
    expect(c.mean).toBe(2.5);
    expect(c.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // t(0.975, 3) = 3.182446305284263
    expect(c.high - c.mean).toBeCloseTo((3.182446305284263 * Math.sqrt(5 / 3)) / 2, 9);
    expect(c.n).toBe(4);
  });

  it("skips undefined values, and marks an infinite one", () => {
    expect(cellStats([Number.NaN, 3])).toMatchObject({ mean: 3, n: 1, infinite: false });
    expect(cellStats([2, Number.POSITIVE_INFINITY]).infinite).toBe(true);
  });
});

describe("compareTable", () => {
  // Baseline: 2 defaults a day; the design: 1.5 on seed 1, 1.4 on seed 2, 1.6 on seed 3.
  const base = [year(2, 0.1, 1), year(2.2, 0.1, 2), year(1.8, 0.1, 3)];
  const design: CompareScenario = {
    name: "design",
    runs: [year(1.5, 0.3, 1), year(1.6, 0.35, 2), year(1.4, 0.25, 3)],
    baseline: { name: "none", runs: base },
  };
  const weaker: CompareScenario = {
    name: "weaker",
    runs: [year(1.75, 0.1, 1), year(1.9, 0.1, 2), year(1.6, 0.1, 3)],
    baseline: { name: "none", runs: base },
  };
  const none: CompareScenario = { name: "none", runs: base };
  const t = compareTable([none, design, weaker]);

  it("has one row per measure and one cell per scenario, in order", () => {
    expect(t.scenarios).toEqual(["none", "design", "weaker"]);
    expect(t.runs).toEqual([3, 3, 3]);
    expect(t.rows.map((r) => r.measure)).toEqual(MEASURES);
    for (const r of t.rows) expect(r.cells).toHaveLength(3);
  });

  it("measures defaults avoided against the baseline, seed by seed, with a paired interval", () => {
    const c = cell(t, "defaults_avoided", 1);
    // Per seed: (2 − 1.5), (2.2 − 1.6), (1.8 − 1.4) a day among 1000 agents, over one year.
    expect(c?.values.map((v) => Number(v.toFixed(9)))).toEqual([182.5, 219, 146]);
    expect(c?.mean).toBeCloseTo(182.5, 9);
    expect(c?.low).toBeLessThan(c?.mean ?? 0);
    expect(cell(t, "defaults_avoided", 0)).toBeUndefined();
    const share = cell(t, "defaults_avoided_share", 1);
    expect(share?.values[0]).toBeCloseTo(0.25, 12);
  });

  it("does not book detention as a benefit: defaults are counted per agent at liberty", () => {
    // A design that detains a quarter of the agents and leaves the others'
    // default rate as it was: 1.5 defaults a day among 750 agents at liberty
    // is the baseline's 2 a day among 1000.
    const detains: CompareScenario = {
      name: "detains",
      runs: [
        year(1.5, 0.1, 1, 1000, 0.25),
        year(1.65, 0.1, 2, 1000, 0.25),
        year(1.35, 0.1, 3, 1000, 0.25),
      ],
      baseline: { name: "none", runs: base },
    };
    const d = cell(compareTable([none, detains]), "defaults_avoided", 1);
    expect(d?.values).toHaveLength(3);
    for (const v of d?.values ?? []) expect(v).toBeCloseTo(0, 9);
    // Per head of the whole population the same runs would show 182.5 a year avoided.
    const perHead = per1000y(base[0], "defaults") - per1000y(detains.runs[0], "defaults");
    expect(perHead).toBeCloseTo(182.5, 9);
  });

  it("pairs by seed: a common shift of both arms by seed does not widen the interval", () => {
    // design − baseline is 0.5, 0.6, 0.4 a day; its paired SD is that of these three.
    const c = cell(t, "defaults_avoided", 1);
    expect(c?.sd).toBeCloseTo(36.5, 9);
  });

  it("gives chilling added by the system as scenario − baseline", () => {
    expect(cell(t, "chilling_added", 1)?.mean).toBeCloseTo(0.2, 12);
    const same = cell(t, "chilling_added", 2);
    expect(same?.mean).toBe(0);
    expect(same?.high).toBe(0);
  });

  it("gives each design's benefit as a share of the largest, seed by seed", () => {
    expect(t.benefitShare?.reference).toBe("design");
    expect(t.benefitShare?.cells[1]?.mean).toBeCloseTo(1, 12);
    // weaker avoids 0.25, 0.3, 0.2 a day against design's 0.5, 0.6, 0.4: half, on every seed.
    expect(t.benefitShare?.cells[2]?.values.map((v) => Number(v.toFixed(12)))).toEqual([
      0.5, 0.5, 0.5,
    ]);
    expect(t.benefitShare?.cells[0]).toBeUndefined();
  });

  it("refuses a baseline run on other seeds", () => {
    const bad: CompareScenario = {
      ...design,
      baseline: { name: "x", runs: [base[1], base[0], base[2]] },
    };
    expect(() => compareTable([bad])).toThrow(/same seeds/);
  });

  it("gives per-group rows for the measures that have them, each group among its own agents", () => {
    const listed = t.groups.find((g) => g.measure.id === "listed");
    expect(listed?.groups).toEqual(["majority", "minority"]);
    expect(listed?.cells[1][1].mean).toBeCloseTo(0.2, 12);
    expect(t.groups.every((g) => g.measure.byGroup)).toBe(true);
  });
});

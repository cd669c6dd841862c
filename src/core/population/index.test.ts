import { describe, expect, it } from "vitest";
import { beta } from "../rng/distributions.js";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import { mean as distMean } from "./distribution.js";
import { generatePopulation, type Population, populationSchema } from "./index.js";

/*
 * Moments of n = 50,000 agents (deterministic for a fixed seed). Each
 * tolerance is 5 standard errors: SE(mean) = √(var / n), SE(share) = √(p(1-p) / n),
 * SE(variance) = √((μ4 − var²) / n).
 */
const n = 50_000;
const Z = 5;

function stats(col: ArrayLike<number>) {
  let s = 0;
  for (let i = 0; i < col.length; i++) s += col[i];
  const mean = s / col.length;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < col.length; i++) {
    const d = col[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= col.length;
  m3 /= col.length;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5 };
}

function expectNear(actual: number, expected: number, se: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Z * se);
}

function minMax(col: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < col.length; i++) {
    if (col[i] < lo) lo = col[i];
    if (col[i] > hi) hi = col[i];
  }
  return [lo, hi];
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

const COLUMNS = [
  "group",
  "region",
  "reliability",
  "income",
  "hardship",
  "riskAversion",
  "conformity",
  "protestThreshold",
  "hasChild",
  "strategy",
  "travel",
] as const satisfies readonly (keyof Population)[];

const defaults = populationSchema.parse({});
const popDefault = generatePopulation(defaults, n, 11);

describe("groups", () => {
  it("have shares close to the spec, normalised", () => {
    // Shares 5 : 3 : 2 are normalised to 0.5, 0.3, 0.2.
    const spec = populationSchema.parse({
      groups: [
        { name: "a", share: 5 },
        { name: "b", share: 3 },
        { name: "c", share: 2 },
      ],
    });
    const pop = generatePopulation(spec, n, 3);
    expect(pop.groupNames).toEqual(["a", "b", "c"]);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[pop.group[i]]++;
    expect(counts.reduce((x, y) => x + y, 0)).toBe(n);
    [0.5, 0.3, 0.2].forEach((p, g) => {
      expectNear(counts[g] / n, p, Math.sqrt((p * (1 - p)) / n));
    });
  });

  it("default to a 0.9 majority and a 0.1 minority", () => {
    expect(popDefault.groupNames).toEqual(["majority", "minority"]);
    let minority = 0;
    for (let i = 0; i < n; i++) minority += popDefault.group[i];
    expectNear(minority / n, 0.1, Math.sqrt((0.1 * 0.9) / n));
  });

  it("a single group holds everyone", () => {
    const spec = populationSchema.parse({ groups: [{ name: "all_of_us", share: 0.3 }] });
    const pop = generatePopulation(spec, 5000, 1);
    expect(pop.group.every((g) => g === 0)).toBe(true);
  });
});

describe("regions", () => {
  it("are contiguous blocks of ids, sizes differing by at most one", () => {
    for (const [size, R] of [
      [50_003, 7],
      [1000, 10],
      [999, 1000],
    ]) {
      const pop = generatePopulation(populationSchema.parse({ regions: R }), size, 5);
      expect(pop.regions).toBe(R);
      const counts = new Array(R).fill(0);
      let decreasing = 0;
      for (let i = 0; i < size; i++) {
        counts[pop.region[i]]++;
        if (i > 0 && pop.region[i] < pop.region[i - 1]) decreasing++;
      }
      // Non-decreasing ids → each region is one contiguous block.
      expect(decreasing).toBe(0);
      expect(pop.region[0]).toBe(0);
      const nonEmpty = counts.filter((c) => c > 0);
      expect(Math.max(...nonEmpty) - Math.min(...nonEmpty)).toBeLessThanOrEqual(1);
      // With at least as many agents as regions, every region has someone;
      // otherwise every agent has a region of its own.
      expect(nonEmpty.length).toBe(Math.min(size, R));
      expect(pop.region[size - 1]).toBeLessThan(R);
    }
  });
});

describe("columns follow their distributions", () => {
  it("beta reliability (default beta(14, 0.4)): its mean, its variance, inside [0, 1]", () => {
    const a = 14;
    const b = 0.4;
    const m = a / (a + b);
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const s = stats(popDefault.reliability);
    expect(distMean(defaults.reliability)).toBeCloseTo(14 / 14.4, 12);
    expectNear(s.mean, m, Math.sqrt(v / n));
    // SE of the variance for Beta(14, 0.4), from its fourth central moment:
    const mu4 =
      (3 * a * b * (a * b * (a + b - 6) + 2 * (a + b) ** 2)) /
      ((a + b) ** 4 * (a + b + 1) * (a + b + 2) * (a + b + 3));
    expectNear(s.variance, v, Math.sqrt((mu4 - v * v) / n));
    const [lo, hi] = minMax(popDefault.reliability);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it("lognormal income (default lognormal(0, 0.6)): mean e^0.18, variance (e^0.36 - 1) e^0.36", () => {
    const sigma2 = 0.36;
    const m = Math.exp(sigma2 / 2);
    const v = (Math.exp(sigma2) - 1) * Math.exp(sigma2);
    const s = stats(popDefault.income);
    expectNear(s.mean, m, Math.sqrt(v / n));
    // Log-income is normal(0, 0.6): check its moments too (SE of variance √(2σ⁴/n)).
    const logs = Float64Array.from(popDefault.income, Math.log);
    const ls = stats(logs);
    expectNear(ls.mean, 0, Math.sqrt(sigma2 / n));
    expectNear(ls.variance, sigma2, Math.sqrt((2 * sigma2 * sigma2) / n));
    expect(minMax(popDefault.income)[0]).toBeGreaterThan(0);
  });

  it("uniform hardship and risk aversion (default U(0, 1)): mean 1/2, variance 1/12", () => {
    for (const col of [popDefault.hardship, popDefault.riskAversion]) {
      const s = stats(col);
      expectNear(s.mean, 0.5, Math.sqrt(1 / 12 / n));
      expectNear(s.variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / n));
      const [lo, hi] = minMax(col);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
    }
  });

  it("a uniform with its own bounds stays within them", () => {
    const spec = populationSchema.parse({ income: { dist: "uniform", min: 2, max: 5 } });
    const pop = generatePopulation(spec, n, 4);
    const s = stats(pop.income);
    expectNear(s.mean, 3.5, Math.sqrt(9 / 12 / n));
    const [lo, hi] = minMax(pop.income);
    expect(lo).toBeGreaterThanOrEqual(2);
    expect(hi).toBeLessThanOrEqual(5);
  });

  it("an unclamped normal income has its mean, variance and no skew", () => {
    const spec = populationSchema.parse({ income: { dist: "normal", mean: 2, sd: 1.5 } });
    const pop = generatePopulation(spec, n, 4);
    const s = stats(pop.income);
    expectNear(s.mean, 2, Math.sqrt(2.25 / n));
    expectNear(s.variance, 2.25, Math.sqrt((2 * 2.25 * 2.25) / n));
    expectNear(s.skew, 0, Math.sqrt(6 / n));
    // Unclamped and not a unit column: negative values occur (P ≈ 9%).
    expect(minMax(pop.income)[0]).toBeLessThan(0);
  });

  it("constant distributions give every agent the value", () => {
    const spec = populationSchema.parse({ conformity: { dist: "constant", value: 0.25 } });
    const pop = generatePopulation(spec, 2000, 4);
    expect(pop.conformity.every((x) => x === 0.25)).toBe(true);
  });

  it("matches direct draws from the population streams (batch priming changes nothing)", () => {
    const key = seed64(11);
    const st = new Stream(key, STREAM.population + 2);
    let mismatches = 0;
    for (let i = 0; i < n; i += 97) {
      const x = Math.min(1, Math.max(0, beta(st, 0, i, 0, 14, 0.4)));
      if (popDefault.reliability[i] !== Math.fround(x)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe("clamping of normal columns", () => {
  it("protest threshold (default normal(0.15, 0.1) in [0, 1]) piles Φ(-1.5) of agents at 0", () => {
    const col = popDefault.protestThreshold;
    const [lo, hi] = minMax(col);
    expect(lo).toBe(0);
    expect(hi).toBeLessThanOrEqual(1);
    let zeros = 0;
    for (let i = 0; i < n; i++) if (col[i] === 0) zeros++;
    // Φ(-1.5) = 0.066807
    const p = 0.066807;
    expectNear(zeros / n, p, Math.sqrt((p * (1 - p)) / n));
  });

  it("a normal with min and max is clamped to them, with the expected mass at each bound", () => {
    const spec = populationSchema.parse({
      income: { dist: "normal", mean: 0, sd: 1, min: -1, max: 0.5 },
    });
    const pop = generatePopulation(spec, n, 8);
    const [lo, hi] = minMax(pop.income);
    expect(lo).toBe(-1);
    expect(hi).toBe(0.5);
    let atLo = 0;
    let atHi = 0;
    for (let i = 0; i < n; i++) {
      if (pop.income[i] === -1) atLo++;
      if (pop.income[i] === 0.5) atHi++;
    }
    const pLo = 0.15865525393145707; // Φ(-1)
    const pHi = 0.3085375387259869; // 1 - Φ(0.5)
    expectNear(atLo / n, pLo, Math.sqrt((pLo * (1 - pLo)) / n));
    expectNear(atHi / n, pHi, Math.sqrt((pHi * (1 - pHi)) / n));
  });

  it("a unit column (conformity) is clamped to [0, 1] even when its distribution is not", () => {
    const spec = populationSchema.parse({ conformity: { dist: "normal", mean: 0.5, sd: 1 } });
    const pop = generatePopulation(spec, 20_000, 8);
    const [lo, hi] = minMax(pop.conformity);
    expect(lo).toBe(0);
    expect(hi).toBe(1);
  });
});

describe("strategy and travel", () => {
  it("strategic propensity (default beta(1, 45)): mean 1/46, inside [0, 1]", () => {
    const s = stats(popDefault.strategy);
    const a = 1;
    const b = 45;
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expectNear(s.mean, a / (a + b), Math.sqrt(v / n));
    const [lo, hi] = minMax(popDefault.strategy);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it("travel propensity (default lognormal(−1.28, 1.6)): mean 1, a few frequent travellers take most trips", () => {
    const col = popDefault.travel;
    const s = stats(col);
    // Heavy tail: its SE is large; the mean is e^(mu + sigma^2 / 2) = 1.
    expectNear(s.mean, 1, Math.sqrt((Math.exp(1.6 ** 2) - 1) / n));
    const sorted = Float64Array.from(col).sort().reverse();
    let top = 0;
    for (let i = 0; i < Math.floor(0.15 * n); i++) top += sorted[i];
    // The top 15% carry more than half of the propensity (Great Britain: 15% took 71% of flights).
    expect(top / (s.mean * n)).toBeGreaterThan(0.5);
  });
});

describe("childShare", () => {
  it("gives about childShare of agents a child (default 0.25)", () => {
    let kids = 0;
    for (let i = 0; i < n; i++) kids += popDefault.hasChild[i];
    expectNear(kids / n, 0.25, Math.sqrt((0.25 * 0.75) / n));
    expect(popDefault.hasChild.every((x) => x === 0 || x === 1)).toBe(true);
  });

  it("0 gives no one a child and 1 gives everyone one", () => {
    const none = generatePopulation(populationSchema.parse({ childShare: 0 }), 5000, 2);
    const all = generatePopulation(populationSchema.parse({ childShare: 1 }), 5000, 2);
    expect(none.hasChild.every((x) => x === 0)).toBe(true);
    expect(all.hasChild.every((x) => x === 1)).toBe(true);
  });

  it("is independent of group: the minority has the same share", () => {
    let kids = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (popDefault.group[i] === 1) {
        m++;
        kids += popDefault.hasChild[i];
      }
    }
    expectNear(kids / m, 0.25, Math.sqrt((0.25 * 0.75) / m));
  });
});

describe("reproducibility", () => {
  it("same seed gives identical columns (number, decimal text and Seed64 alike)", () => {
    const a = generatePopulation(defaults, 3000, 42);
    const b = generatePopulation(defaults, 3000, "42");
    const c = generatePopulation(defaults, 3000, seed64(42));
    for (const col of COLUMNS) {
      expect(sameBytes(a[col], b[col]), col).toBe(true);
      expect(sameBytes(a[col], c[col]), col).toBe(true);
    }
  });

  it("a prefix of agents does not depend on the population size", () => {
    const small = generatePopulation(defaults, 1000, 42);
    const big = generatePopulation(defaults, 70_000, 42); // crosses a 65,536-agent chunk
    for (const col of COLUMNS) {
      if (col === "region") continue; // regions are split by size
      expect(sameBytes(small[col], big[col].subarray(0, 1000)), col).toBe(true);
    }
  });

  it("different seeds give different columns", () => {
    const a = generatePopulation(defaults, 3000, 42);
    const b = generatePopulation(defaults, 3000, 43);
    for (const col of COLUMNS) {
      if (col === "region") {
        expect(sameBytes(a[col], b[col])).toBe(true); // regions depend on ids only
        continue;
      }
      expect(sameBytes(a[col], b[col]), col).toBe(false);
    }
    let equal = 0;
    for (let i = 0; i < 3000; i++) if (a.hardship[i] === b.hardship[i]) equal++;
    expect(equal).toBeLessThan(5);
  });

  it("columns are mutually uncorrelated (hardship vs risk aversion)", () => {
    const h = stats(popDefault.hardship);
    const r = stats(popDefault.riskAversion);
    let cov = 0;
    for (let i = 0; i < n; i++) {
      cov += (popDefault.hardship[i] - h.mean) * (popDefault.riskAversion[i] - r.mean);
    }
    const corr = cov / n / Math.sqrt(h.variance * r.variance);
    expectNear(corr, 0, 1 / Math.sqrt(n));
  });
});

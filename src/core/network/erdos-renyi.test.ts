import { describe, expect, it } from "vitest";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { checkCsr } from "./build-csr.js";
import { edgeCount } from "./csr.js";
import { erdosRenyi } from "./erdos-renyi.js";
import { degreeHistogram, degreeMoments, globalClustering } from "./metrics.js";

// Element-wise, because deep equality on large typed arrays is slow.
const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);

const stream = (seed: number) => new Stream(seed64(seed), 1);

// Binomial(n, p) pmf, by the recurrence from k = 0 in log space.
function binomialPmf(n: number, p: number, kMax: number): number[] {
  const out: number[] = [];
  let logP = n * Math.log1p(-p);
  for (let k = 0; k <= kMax; k++) {
    out.push(Math.exp(logP));
    logP += Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p));
  }
  return out;
}

describe("erdosRenyi", () => {
  const n = 20_000;
  const d = 10;
  const p = d / (n - 1);
  const g = erdosRenyi(n, p, stream(7));

  it("is a valid CSR", () => checkCsr(g));

  it("has the Binomial(n - 1, p) degree mean and variance", () => {
    // The mean degree is 2M/n with M ~ Binomial(n(n-1)/2, p): sd
    // sqrt(2d/n) ≈ 0.032, so 0.16 is five sd. The sample variance of a
    // near-Poisson(10) degree has sd ≈ sqrt((λ + 2λ²)/n) ≈ 0.1; 0.5 is five.
    const { mean, variance } = degreeMoments(g);
    expect(Math.abs(mean - d)).toBeLessThan(0.16);
    expect(Math.abs(variance - (n - 1) * p * (1 - p))).toBeLessThan(0.5);
  });

  it("passes a chi-square test of the degree histogram against Binomial(n - 1, p)", () => {
    const h = degreeHistogram(g);
    const pmf = binomialPmf(n - 1, p, 60);
    // Bins 3..18 plus both tails pooled, all with expected count > 50.
    let lowObs = 0;
    let lowExp = 0;
    let chi2 = 0;
    for (let k = 0; k < 3; k++) {
      lowObs += h[k] ?? 0;
      lowExp += n * pmf[k];
    }
    chi2 += (lowObs - lowExp) ** 2 / lowExp;
    let highObs = 0;
    let highExp = n;
    highExp -= lowExp;
    for (let k = 3; k <= 18; k++) {
      const e = n * pmf[k];
      chi2 += ((h[k] ?? 0) - e) ** 2 / e;
      highExp -= e;
    }
    for (let k = 19; k < h.length; k++) highObs += h[k];
    chi2 += (highObs - highExp) ** 2 / highExp;
    // 18 cells, 17 degrees of freedom: the 99.9% quantile is 40.8. (Degrees
    // are very weakly dependent through the edge count, which the fixed
    // seed makes moot.)
    expect(chi2).toBeLessThan(40.8);
  });

  it("has transitivity ≈ p", () => {
    // With d = 50 the expected triangle count is about d³/6 ≈ 20,800, so its
    // relative sd is under 1%; 5% is a loose five-sd bound.
    const n2 = 5_000;
    const p2 = 50 / (n2 - 1);
    const c = globalClustering(erdosRenyi(n2, p2, stream(3)));
    expect(Math.abs(c / p2 - 1)).toBeLessThan(0.05);
  });

  it("is a pure function of the seed", () => {
    const a = erdosRenyi(2_000, 0.005, stream(11));
    const b = erdosRenyi(2_000, 0.005, stream(11));
    const c = erdosRenyi(2_000, 0.005, stream(12));
    expect(same(a.offsets, b.offsets)).toBe(true);
    expect(same(a.targets, b.targets)).toBe(true);
    expect(same(a.targets, c.targets)).toBe(false);
  });

  it("handles the extremes p = 0, p = 1 and tiny n", () => {
    expect(edgeCount(erdosRenyi(100, 0, stream(1)))).toBe(0);
    const full = erdosRenyi(30, 1, stream(1));
    checkCsr(full);
    expect(edgeCount(full)).toBe((30 * 29) / 2);
    expect(erdosRenyi(1, 0.5, stream(1)).targets.length).toBe(0);
    expect(erdosRenyi(0, 0.5, stream(1)).offsets.length).toBe(1);
  });
});

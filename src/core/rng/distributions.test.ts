import { describe, expect, it } from "vitest";
import { beta, gamma, poisson } from "./distributions.js";
import { seed64 } from "./seed.js";
import { Stream } from "./stream.js";

/*
 * Moments of 100,000 draws at fixed addresses (deterministic). Each tolerance is
 * 5 standard errors of the estimate: SE(mean) = √(var / N) and
 * SE(variance) = √((μ4 − var²) / N), with μ4 the fourth central moment of the
 * distribution. A correct sampler fails a check with probability ≈ 6e-7.
 */
const N = 100_000;
const Z = 5;

function sampleOf(f: (agent: number) => number, n = N): Float64Array {
  const xs = new Float64Array(n);
  for (let j = 0; j < n; j++) xs[j] = f(j);
  return xs;
}

function meanVar(xs: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let v = 0;
  for (const x of xs) v += (x - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

function expectMoments(
  xs: Float64Array,
  want: { mean: number; variance: number; mu4: number },
): void {
  const got = meanVar(xs);
  const seMean = Math.sqrt(want.variance / xs.length);
  const seVar = Math.sqrt((want.mu4 - want.variance ** 2) / xs.length);
  expect(Math.abs(got.mean - want.mean)).toBeLessThanOrEqual(Z * seMean);
  expect(Math.abs(got.variance - want.variance)).toBeLessThanOrEqual(Z * seVar);
}

const key = seed64(7);

describe("gamma(shape, 1)", () => {
  // Gamma(k): mean k, variance k, fourth central moment 3k(k + 2).
  it.each([0.5, 2, 9])("has mean and variance equal to the shape %d", (k) => {
    const s = new Stream(key, 100);
    const xs = sampleOf((j) => gamma(s, 0, j, 0, k));
    let bad = 0;
    for (const x of xs) if (!(x > 0) || !Number.isFinite(x)) bad++;
    expect(bad).toBe(0);
    expectMoments(xs, { mean: k, variance: k, mu4: 3 * k * (k + 2) });
  });

  it("is a pure function of its address", () => {
    const s = new Stream(key, 100);
    const a = [3, 1, 4, 1, 5].map((j) => gamma(s, 2, j, 8, 0.5));
    const b = [3, 1, 4, 1, 5].map((j) => gamma(new Stream(key, 100), 2, j, 8, 0.5));
    expect(a).toEqual(b);
    expect(a[1]).toBe(a[3]);
  });
});

describe("beta(a, b)", () => {
  function betaMoments(a: number, b: number) {
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    // Fourth central moment of Beta(a, b).
    const mu4 =
      (3 * a * b * (a * b * (a + b - 6) + 2 * (a + b) ** 2)) /
      ((a + b) ** 4 * (a + b + 1) * (a + b + 2) * (a + b + 3));
    return { mean, variance, mu4 };
  }

  it.each([
    [2, 5],
    [0.5, 0.5],
    [12, 0.5],
  ])("beta(%d, %d) has the right mean and variance", (a, b) => {
    const s = new Stream(key, 101);
    const xs = sampleOf((j) => beta(s, 0, j, 0, a, b));
    let bad = 0;
    for (const x of xs) if (!(x >= 0 && x <= 1)) bad++;
    expect(bad).toBe(0);
    expectMoments(xs, betaMoments(a, b));
  });
});

describe("poisson(lambda)", () => {
  // Poisson(λ): mean λ, variance λ, fourth central moment λ(1 + 3λ).
  it("λ = 3 (inversion): mean, variance and P(0) = e^-3", () => {
    const s = new Stream(key, 102);
    const xs = sampleOf((j) => poisson(s, 0, j, 0, 3));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expectMoments(xs, { mean: 3, variance: 3, mu4: 3 * (1 + 9) });
    const p0 = Math.exp(-3);
    const zeros = xs.filter((x) => x === 0).length / N;
    expect(Math.abs(zeros - p0)).toBeLessThanOrEqual(Z * Math.sqrt((p0 * (1 - p0)) / N));
  });

  it("λ = 80 (normal approximation): mean and variance", () => {
    const s = new Stream(key, 103);
    const xs = sampleOf((j) => poisson(s, 0, j, 0, 80));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    // Rounding a normal adds 1/12 to its variance, well inside the tolerance (5 SE ≈ 1.8).
    expectMoments(xs, { mean: 80, variance: 80, mu4: 80 * (1 + 240) });
  });

  it("λ = 0 always gives 0", () => {
    const s = new Stream(key, 104);
    expect(sampleOf((j) => poisson(s, 0, j, 0, 0), 1000).every((x) => x === 0)).toBe(true);
  });
});

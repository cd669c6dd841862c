import type { Stream } from "../../rng/stream.js";
import { bootstrapPercentile } from "../bootstrap.js";
import { type AnalysisWarning, fmt, type Interval } from "./warnings.js";

/**
 * Model outputs at the points of a Saltelli design (design/saltelli.ts):
 * f(A)_j, f(B)_j and f(A_B^(i))_j for base rows j = 0..N−1, factors
 * i = 0..k−1; with second order also f(B_A^(i))_j.
 */
export interface SaltelliOutputs {
  n: number;
  k: number;
  fA: Float64Array;
  fB: Float64Array;
  /** Row-major: fAB[j * k + i]. */
  fAB: Float64Array;
  /** Row-major: fBA[j * k + i]; second order only. */
  fBA?: Float64Array;
}

export interface SobolIndicesResult {
  n: number;
  k: number;
  /** First-order indices S1_i with bootstrap intervals. */
  S1: Interval[];
  /** Total-effect indices ST_i. */
  ST: Interval[];
  /** Second-order S2_ij for i < j (second order only). */
  S2?: (Interval & { i: number; j: number })[];
  /** Estimated variance of the output, from f(A) and f(B). */
  variance: number;
  resamples: number;
  level: number;
  warnings: AnalysisWarning[];
}

/**
 * Below this many base rows a warning says the indices are rough. Measured
 * on the test models (200 independent scramblings each, docs/EXPERIMENTS.md):
 * the intervals are wide there (Ishigami S1 widths 0.67, 0.48, 0.34 at
 * N = 64, 128, 256) and single indices' 95% intervals covered the analytic
 * value in as few as 89–91% of studies at N = 64 and 128. The percentile
 * bootstrap of a ratio of means also needs enough rows for its quantiles to
 * settle (Efron and Tibshirani 1993, ch. 13). Saltelli et al. (2010) use N in
 * the thousands.
 */
export const SOBOL_SMALL_N = 256;

/**
 * Sobol' sensitivity indices from a Saltelli design (Saltelli et al. 2010,
 * Comput. Phys. Commun. 181, table 2), with V = Var(Y) estimated from the
 * 2N values f(A) ∪ f(B):
 *
 *   S1_i = (1/N) Σ_j (f(B)_j − m) (f(A_B^(i))_j − f(A)_j) / V    (Saltelli 2010, (b))
 *   ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V          (Jansen 1999, (f))
 *
 * (M. J. W. Jansen, "Analysis of variance designs for model output",
 * Comput. Phys. Commun. 117, 1999; I. M. Sobol', "Sensitivity estimates for
 * nonlinear mathematical models", Math. Model. Comput. Exp. 1, 1993, for the
 * indices themselves), and with second order (Saltelli 2002, Comput. Phys.
 * Commun. 145, as in SALib):
 *
 *   S2_ij = (1/N) Σ_j (f(B_A^(i)) f(A_B^(j)) − f(A) f(B)) / V − S1_i − S1_j,
 *
 * every f taken less m, the mean of f(A) ∪ f(B). Subtracting a constant
 * leaves both expectations unchanged (E[f(A_B^(i)) − f(A)] = 0, and every f
 * has the same mean), but without it the estimators' variance grows with
 * mean² / Var(Y). Measured on integrated's defaults a day at 2,000 agents
 * (mean 2.09, SD 0.08; experiments/robustness-sobol.yaml, N = 64): the S1
 * interval of offline coverage was [−5.0, 4.0] uncentred, [0.045, 0.40]
 * centred. SALib standardises Y for the same reason.
 *
 * Intervals: percentile bootstrap over the N base rows (a resample keeps each
 * row's A, B and A_B^(i) together; Efron and Tibshirani 1993; Archer, Saltelli
 * and Sobol' 1997 for its use with Sobol' indices), counter-based from
 * `stream`. Warnings: an index whose interval includes 0; S1_i above ST_i
 * beyond the interval of S1_i − ST_i (impossible in theory: S1 ≤ ST, so it
 * signals too small N or non-finite outputs); N < SOBOL_SMALL_N; N not a
 * power of 2 (the Sobol' points then are not a balanced net); zero variance.
 */
export function sobolIndices(
  out: SaltelliOutputs,
  stream: Stream,
  options: { resamples?: number; level?: number; labels?: readonly string[]; output?: string } = {},
): SobolIndicesResult {
  const { n, k, fA, fB, fAB, fBA } = out;
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const label = (i: number) => options.labels?.[i] ?? `x${i + 1}`;
  const pairs: [number, number][] = [];
  if (fBA) for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  // Statistics: S1 (k), ST (k), S1 − ST (k), S2 (pairs), V (1).
  const count = 3 * k + pairs.length + 1;
  const s1 = new Float64Array(k);
  const stat = (rows: Uint32Array | null, res: Float64Array) => {
    const row = (q: number) => (rows ? rows[q] : q);
    let m = 0;
    for (let q = 0; q < n; q++) m += fA[row(q)] + fB[row(q)];
    m /= 2 * n;
    let v = 0;
    for (let q = 0; q < n; q++) v += (fA[row(q)] - m) ** 2 + (fB[row(q)] - m) ** 2;
    v /= 2 * n - 1;
    for (let i = 0; i < k; i++) {
      let first = 0;
      let total = 0;
      for (let q = 0; q < n; q++) {
        const j = row(q);
        const ab = fAB[j * k + i];
        first += (fB[j] - m) * (ab - fA[j]);
        total += (fA[j] - ab) ** 2;
      }
      s1[i] = first / n / v;
      res[i] = s1[i];
      res[k + i] = total / (2 * n) / v;
      res[2 * k + i] = res[i] - res[k + i];
    }
    pairs.forEach(([a, b], p) => {
      let s = 0;
      for (let q = 0; q < n; q++) {
        const j = row(q);
        s += (fBA![j * k + a] - m) * (fAB[j * k + b] - m) - (fA[j] - m) * (fB[j] - m);
      }
      res[3 * k + p] = s / n / v - s1[a] - s1[b];
    });
    res[count - 1] = v;
  };
  const boot = bootstrapPercentile(n, count, stat, stream, resamples, level);
  const at = (s: number): Interval => ({
    estimate: boot.estimate[s],
    low: boot.low[s],
    high: boot.high[s],
  });
  const S1 = Array.from({ length: k }, (_, i) => at(i));
  const ST = Array.from({ length: k }, (_, i) => at(k + i));
  const S2 = fBA ? pairs.map(([i, j], p) => ({ i, j, ...at(3 * k + p) })) : undefined;
  const variance = boot.estimate[count - 1];
  const warnings: AnalysisWarning[] = [];
  const output = options.output;
  const pct = `${Math.round(level * 100)}%`;
  let finite = true;
  for (const arr of [fA, fB, fAB, ...(fBA ? [fBA] : [])]) {
    for (const x of arr) if (!Number.isFinite(x)) finite = false;
  }
  if (!finite) {
    warnings.push({
      code: "non-finite",
      output,
      message:
        "some outputs are NaN or infinite, so the indices are NaN; check the metric and its window",
    });
  }
  if (!(variance > 0)) {
    warnings.push({
      code: "zero-variance",
      output,
      message: "the output does not vary over the design, so the indices are undefined",
    });
  }
  if (n < SOBOL_SMALL_N) {
    warnings.push({
      code: "small-n",
      output,
      message: `N = ${n} base rows is below ${SOBOL_SMALL_N}: the indices are rough and their intervals wide and less reliable there; use n: 512 or more`,
    });
  }
  if ((n & (n - 1)) !== 0) {
    warnings.push({
      code: "not-power-of-two",
      output,
      message: `N = ${n} is not a power of 2: the Sobol' points then are not a balanced net and the estimates converge more slowly; use ${2 ** Math.round(Math.log2(n))}`,
    });
  }
  if (finite && variance > 0) {
    for (let i = 0; i < k; i++) {
      for (const [name, iv] of [
        ["S1", S1[i]],
        ["ST", ST[i]],
      ] as const) {
        if (iv.low <= 0 && iv.high >= 0) {
          warnings.push({
            code: "ci-includes-zero",
            output,
            factor: label(i),
            message: `${name} of ${label(i)} = ${fmt(iv.estimate)}, ${pct} CI [${fmt(iv.low)}, ${fmt(iv.high)}] includes 0: at N = ${n} its ${name === "S1" ? "first-order" : "total"} effect is not distinguishable from none`,
          });
        }
      }
      const d = at(2 * k + i);
      if (d.low > 0) {
        warnings.push({
          code: "s1-exceeds-st",
          output,
          factor: label(i),
          message: `S1 of ${label(i)} (${fmt(S1[i].estimate)}) exceeds ST (${fmt(ST[i].estimate)}) beyond the ${pct} CI of their difference [${fmt(d.low)}, ${fmt(d.high)}]; in theory S1 ≤ ST, so N is too small for this output (or it is numerically unstable)`,
        });
      }
    }
  }
  return { n, k, S1, ST, S2, variance, resamples, level, warnings };
}

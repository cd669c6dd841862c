import type { Stream } from "../../rng/stream.js";
import { bootstrapPercentile } from "../bootstrap.js";
import type { AnalysisWarning, Interval } from "./warnings.js";

/** Outputs along Morris trajectories, with the design's moves (design/morris.ts). */
export interface MorrisOutputs {
  r: number;
  k: number;
  delta: number;
  /** y[t (k + 1) + s]: output at step s (0..k) of trajectory t. */
  y: Float64Array;
  /** Factor moved at step s ≥ 1: factor[t k + s − 1]. */
  factor: Int32Array;
  /** Its direction, ±1. */
  sign: Int8Array;
}

export interface MorrisResult {
  r: number;
  k: number;
  /** Mean elementary effect μ_i (Morris 1991): signed, so opposite effects cancel. */
  mu: Float64Array;
  /** Mean absolute elementary effect μ*_i (Campolongo et al. 2007), with a bootstrap interval. */
  muStar: Interval[];
  /** SD of the elementary effects σ_i (denominator r − 1): nonlinearity or interactions. */
  sigma: Float64Array;
  /** Elementary effects, ee[t k + i] for trajectory t, factor i. */
  ee: Float64Array;
  warnings: AnalysisWarning[];
}

/** Fewer trajectories than this give a warning (Campolongo et al. 2007 use r = 10 to 20 and more). */
export const MORRIS_FEW_TRAJECTORIES = 10;

/**
 * Elementary effects (M. D. Morris, Technometrics 33(2), 1991): along each
 * trajectory, EE_i = (y(x + s Δ e_i) − y(x)) / (s Δ) for the step that moved
 * factor i by s Δ (s = ±1), in unit-cube coordinates: an effect is the
 * change of the output per whole range of the factor (per unit of its
 * quantile), so factors with different units compare. μ = mean EE, σ = SD of
 * EE (Morris 1991), μ* = mean |EE| (F. Campolongo, J. Cariboni and A.
 * Saltelli, "An effective screening design for sensitivity analysis of large
 * models", Environ. Model. Softw. 22, 2007), which does not let effects of
 * opposite sign cancel and ranks factors like the total index ST. μ* gets a
 * percentile bootstrap interval over trajectories (Efron and Tibshirani
 * 1993), counter-based from `stream`.
 */
export function morrisEffects(
  out: MorrisOutputs,
  stream: Stream,
  options: { resamples?: number; level?: number; output?: string } = {},
): MorrisResult {
  const { r, k, delta, y, factor, sign } = out;
  const ee = new Float64Array(r * k);
  for (let t = 0; t < r; t++) {
    for (let s = 1; s <= k; s++) {
      const i = factor[t * k + s - 1];
      const d = y[t * (k + 1) + s] - y[t * (k + 1) + s - 1];
      ee[t * k + i] = d / (sign[t * k + s - 1] * delta);
    }
  }
  const mu = new Float64Array(k);
  const sigma = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let t = 0; t < r; t++) s += ee[t * k + i];
    mu[i] = s / r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (ee[t * k + i] - mu[i]) ** 2;
    sigma[i] = r > 1 ? Math.sqrt(ss / (r - 1)) : Number.NaN;
  }
  const boot = bootstrapPercentile(
    r,
    k,
    (rows, res) => {
      res.fill(0);
      for (let q = 0; q < r; q++) {
        const t = rows ? rows[q] : q;
        for (let i = 0; i < k; i++) res[i] += Math.abs(ee[t * k + i]);
      }
      for (let i = 0; i < k; i++) res[i] /= r;
    },
    stream,
    options.resamples ?? 1000,
    options.level ?? 0.95,
  );
  const muStar = Array.from({ length: k }, (_, i) => ({
    estimate: boot.estimate[i],
    low: boot.low[i],
    high: boot.high[i],
  }));
  const warnings: AnalysisWarning[] = [];
  if (r < MORRIS_FEW_TRAJECTORIES) {
    warnings.push({
      code: "few-trajectories",
      output: options.output,
      message: `r = ${r} trajectories give ${r} elementary effects per factor: μ* and σ are rough below ${MORRIS_FEW_TRAJECTORIES}; use 10 to 50`,
    });
  }
  if (ee.some((v) => !Number.isFinite(v))) {
    warnings.push({
      code: "non-finite",
      output: options.output,
      message: "some outputs are NaN or infinite, so some effects are NaN",
    });
  }
  return { r, k, mu, muStar, sigma, ee, warnings };
}

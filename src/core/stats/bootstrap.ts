import type { Stream } from "../rng/stream.js";
import { quantileSorted } from "./descriptive.js";

/**
 * The nonparametric bootstrap with percentile intervals (B. Efron and R. J.
 * Tibshirani, An Introduction to the Bootstrap, Chapman & Hall, 1993,
 * chapters 6 and 13). Resample b draws its n indices from the counter-based
 * stream at (step = b, agent = j), so a resample is a pure function of
 * (seed, stream, b): the intervals do not depend on evaluation order, and a
 * study can be rerun bit for bit.
 */

/** The n row indices (with replacement) of resample b, into `out`. */
export function resampleIndices(
  stream: Stream,
  b: number,
  n: number,
  out = new Uint32Array(n),
): Uint32Array {
  for (let j = 0; j < n; j++) out[j] = stream.int(b, j, 0, n);
  return out;
}

export interface BootstrapResult {
  /** The statistics on the full sample. */
  estimate: Float64Array;
  /** Percentile interval, per statistic. */
  low: Float64Array;
  high: Float64Array;
  /** All resampled values, resample-major: replicates[b * count + s]. */
  replicates: Float64Array;
  resamples: number;
  level: number;
}

/**
 * Bootstraps `count` statistics of n rows. `statistic(rows, out)` writes the
 * statistics of the rows listed in `rows` (null: all rows, in order) into
 * `out`. Intervals are the (1 − level)/2 and (1 + level)/2 sample quantiles
 * of the resampled values (Hyndman–Fan definition 7); resamples whose value
 * is not finite are left out of that statistic's interval.
 */
export function bootstrapPercentile(
  n: number,
  count: number,
  statistic: (rows: Uint32Array | null, out: Float64Array) => void,
  stream: Stream,
  resamples = 1000,
  level = 0.95,
): BootstrapResult {
  const estimate = new Float64Array(count);
  statistic(null, estimate);
  const replicates = new Float64Array(resamples * count);
  const rows = new Uint32Array(n);
  const out = new Float64Array(count);
  for (let b = 0; b < resamples; b++) {
    resampleIndices(stream, b, n, rows);
    statistic(rows, out);
    replicates.set(out, b * count);
  }
  const low = new Float64Array(count);
  const high = new Float64Array(count);
  const column: number[] = [];
  for (let s = 0; s < count; s++) {
    column.length = 0;
    for (let b = 0; b < resamples; b++) {
      const v = replicates[b * count + s];
      if (Number.isFinite(v)) column.push(v);
    }
    column.sort((a, c) => a - c);
    low[s] = quantileSorted(column, (1 - level) / 2);
    high[s] = quantileSorted(column, (1 + level) / 2);
  }
  return { estimate, low, high, replicates, resamples, level };
}

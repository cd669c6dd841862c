/** The comparison's time series: per step means over a scenario's runs, and trailing rates. */
import type { CompareRun } from "./measures.js";

/** Per step, the mean over runs of a metric (grp 0), skipping runs without a value there. */
export function meanSeries(runs: readonly CompareRun[], metric: string, grp = 0): Float64Array {
  const len = Math.max(0, ...runs.map((r) => r.metrics.recorded));
  const sum = new Float64Array(len);
  const cnt = new Uint32Array(len);
  for (const r of runs) {
    if (!r.metrics.metrics.includes(metric)) continue;
    const s = r.metrics.series(metric, grp);
    for (let t = 0; t < s.length; t++) {
      if (Number.isNaN(s[t])) continue;
      sum[t] += s[t];
      cnt[t]++;
    }
  }
  const out = new Float64Array(len);
  for (let t = 0; t < len; t++) out[t] = cnt[t] > 0 ? sum[t] / cnt[t] : Number.NaN;
  return out;
}

/**
 * Per step t, the rate sum(num) / sum(den) over steps max(1, t − window + 1)..t
 * and over all runs: a smoothed rate (e.g. defaults / obligations) that a
 * per-step ratio of a few events cannot give. NaN at step 0 and where the
 * denominator is 0.
 */
export function trailingRate(
  runs: readonly CompareRun[],
  num: string,
  den: string,
  window: number,
): Float64Array {
  const a = meanSeries(runs, num);
  const b = meanSeries(runs, den);
  const out = new Float64Array(a.length).fill(Number.NaN);
  let sa = 0;
  let sb = 0;
  for (let t = 1; t < a.length; t++) {
    sa += Number.isNaN(a[t]) ? 0 : a[t];
    sb += Number.isNaN(b[t]) ? 0 : b[t];
    const drop = t - window;
    if (drop >= 1) {
      sa -= Number.isNaN(a[drop]) ? 0 : a[drop];
      sb -= Number.isNaN(b[drop]) ? 0 : b[drop];
    }
    out[t] = sb > 0 ? sa / sb : Number.NaN;
  }
  return out;
}

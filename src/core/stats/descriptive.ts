/** Arithmetic mean (NaN for no values). */
export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Mean and unbiased sample variance (denominator n − 1), in two passes so
 * that a large common offset does not cancel the variance away.
 */
export function meanVar(x: ArrayLike<number>): [number, number] {
  const m = mean(x);
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return [m, v / (x.length - 1)];
}

/**
 * The sample quantile of sorted values by linear interpolation between order
 * statistics (R. J. Hyndman and Y. Fan, "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996: definition 7, R's
 * default): position h = (n − 1) q.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

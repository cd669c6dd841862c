/**
 * Thinning a long time series for a chart: a 720-pixel chart cannot show a
 * million steps, and the page would weigh hundreds of megabytes. Min–max
 * decimation (each bucket of consecutive steps keeps its lowest and highest
 * point, in step order; the first and last points always stay) keeps every
 * peak and trough a reader could see, which plain sampling would miss.
 * A bucket with no value at all keeps a gap (NaN).
 */

/** Points per series a report draws at most (the SVG chart is 720 px wide). */
export const REPORT_MAX_POINTS = 2000;

export interface Thinned {
  x: Float64Array;
  y: Float64Array;
}

/**
 * At most `maxPoints` (≥ 4) points of the series y(0..n-1), read through
 * `at` so that no full-length copy is made.
 */
export function minMaxDecimate(
  n: number,
  at: (i: number) => number,
  maxPoints = REPORT_MAX_POINTS,
): Thinned {
  if (n <= maxPoints) {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i;
      y[i] = at(i);
    }
    return { x, y };
  }
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const xs: number[] = [0];
  const ys: number[] = [at(0)];
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor((b * (n - 2)) / buckets);
    const hi = 1 + Math.floor(((b + 1) * (n - 2)) / buckets); // exclusive
    let iMin = -1;
    let iMax = -1;
    for (let i = lo; i < hi; i++) {
      const v = at(i);
      if (Number.isNaN(v)) continue;
      if (iMin < 0 || v < at(iMin)) iMin = i;
      if (iMax < 0 || v > at(iMax)) iMax = i;
    }
    if (iMin < 0) {
      xs.push(lo);
      ys.push(Number.NaN);
    } else if (iMin === iMax) {
      xs.push(iMin);
      ys.push(at(iMin));
    } else {
      const [a, c] = iMin < iMax ? [iMin, iMax] : [iMax, iMin];
      xs.push(a, c);
      ys.push(at(a), at(c));
    }
  }
  xs.push(n - 1);
  ys.push(at(n - 1));
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

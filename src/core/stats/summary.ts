import { studentTCdf, studentTQuantile } from "./student-t.js";

/**
 * Summaries of replicated outputs: mean, standard deviation and the Student t
 * confidence interval mean ± t_{(1+level)/2, n−1} · sd / √n, which is exact
 * for normal outputs and, by the central limit theorem, close for others as
 * n grows (W. S. Gosset ["Student"], "The probable error of a mean",
 * Biometrika 6, 1908).
 */
export interface Summary {
  /** Values used (finite ones). */
  n: number;
  /** Values left out because they were NaN or infinite. */
  missing: number;
  mean: number;
  /** Sample standard deviation (denominator n − 1); NaN when n < 2. */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  /** Degrees of freedom of the interval. */
  df: number;
  /** Confidence interval; NaN when n < 2. */
  low: number;
  high: number;
  /** Confidence level of [low, high], e.g. 0.95. */
  level: number;
}

/** Mean, SD and t interval of the finite values of `x`. */
export function summarise(x: ArrayLike<number>, level = 0.95): Summary {
  let n = 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      n++;
      s += x[i];
    }
  }
  const m = n > 0 ? s / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) ss += (x[i] - m) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  const half = n > 1 ? studentTQuantile((1 + level) / 2, df) * se : Number.NaN;
  return { n, missing: x.length - n, mean: m, sd, se, df, low: m - half, high: m + half, level };
}

export interface Difference extends Summary {
  /** paired-t: mean of pair differences (common random numbers); welch: difference of means. */
  method: "paired-t" | "welch";
  /** t statistic of "the difference is 0". */
  t: number;
  /** Two-sided p-value of "the difference is 0". */
  p: number;
}

/**
 * x − y for paired outputs: pair i of x and y share their random numbers
 * (the same seed), so the difference's variance is Var(x) + Var(y) −
 * 2 Cov(x, y), smaller than unpaired when the seed moves both alike. Pairs
 * with a non-finite value on either side are left out.
 */
export function pairedDifference(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  level = 0.95,
): Difference {
  if (x.length !== y.length) {
    throw new RangeError(`paired difference of ${x.length} and ${y.length} values`);
  }
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i] - y[i];
    if (Number.isFinite(v)) d.push(v);
  }
  const s = summarise(d, level);
  const t = s.mean / s.se;
  return {
    ...s,
    missing: x.length - s.n,
    method: "paired-t",
    t,
    p: s.n > 1 ? 2 * studentTCdf(-Math.abs(t), s.df) : Number.NaN,
  };
}

/**
 * mean(x) − mean(y) for independent outputs, with Welch's interval
 * (Welch 1947: unequal variances, Welch–Satterthwaite degrees of freedom).
 */
export function welchDifference(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  level = 0.95,
): Difference {
  const a = summarise(x, level);
  const b = summarise(y, level);
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const mean = a.mean - b.mean;
  const half = studentTQuantile((1 + level) / 2, df) * se;
  const t = mean / se;
  return {
    n: Math.min(a.n, b.n),
    missing: a.missing + b.missing,
    mean,
    sd: Number.NaN,
    se,
    df,
    low: mean - half,
    high: mean + half,
    level,
    method: "welch",
    t,
    p: 2 * studentTCdf(-Math.abs(t), df),
  };
}

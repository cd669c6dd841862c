import { incompleteBeta } from "./incomplete-beta.js";
import { logGamma } from "./log-gamma.js";
import { normalCdf, normalQuantile } from "./normal.js";

/**
 * Student's t distribution with ν degrees of freedom (ν > 0, not necessarily
 * a whole number; ν = ∞ is the standard normal). The upper tail is
 * P(T > t) = I_{ν/(ν+t²)}(ν/2, 1/2) / 2 (Abramowitz and Stegun 1964, 26.7.1
 * with 26.5.27), through the regularized incomplete beta function.
 */

/**
 * Above this many degrees of freedom the incomplete beta loses digits
 * (log Γ of huge arguments cancel), and the expansions in 1/ν are exact to
 * double precision instead.
 */
const LARGE_DF = 1e6;

/** P(T > t) for t ≥ 0, without the cancellation of 1 − cdf. */
function upperTail(t: number, df: number): number {
  if (df > LARGE_DF) {
    // Abramowitz and Stegun 26.7.8: error O(1/ν²), below 1e-12 here.
    const z = (t * (1 - 1 / (4 * df))) / Math.sqrt(1 + (t * t) / (2 * df));
    return normalCdf(-z);
  }
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (df > LARGE_DF) return normalCdf((t * (1 - 1 / (4 * df))) / Math.sqrt(1 + (t * t) / (2 * df)));
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/** Density of t. */
export function studentTPdf(t: number, df: number): number {
  if (df === Number.POSITIVE_INFINITY) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  return Math.exp(
    logGamma((df + 1) / 2) -
      logGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * The quantile t_{p,ν}: the t with P(T ≤ t) = p. It inverts the upper tail
 * by Newton's method on the incomplete-beta expression above, started from
 * the Cornish–Fisher expansion around the normal quantile (G. W. Hill,
 * "Algorithm 396: Student's t-quantiles", CACM 13(10), 1970, uses the same
 * expansion for large ν) and kept inside a bracket that bisection shrinks
 * whenever a Newton step would leave it, so it converges for every ν,
 * including the heavy tails of ν = 1. Relative accuracy about 1e-12.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 1) return Number.POSITIVE_INFINITY;
  const alpha = 1 - p; // wanted upper tail
  const z = normalQuantile(p);
  let t = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  if (df > LARGE_DF) return t; // the next term is O(z⁷/ν³) < 1e-16 relative
  if (!(t > 0) || !Number.isFinite(t)) t = z > 0 ? z : 1;
  // Bracket [lo, hi] with tail(lo) ≥ alpha ≥ tail(hi).
  let lo = 0;
  let hi = t;
  while (upperTail(hi, df) > alpha) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 200; i++) {
    const g = upperTail(t, df) - alpha;
    if (g > 0) lo = t;
    else hi = t;
    const next = t + g / studentTPdf(t, df);
    const inside = next > lo && next < hi;
    const nt = inside ? next : 0.5 * (lo + hi);
    if (Math.abs(nt - t) <= 1e-13 * nt || hi - lo <= 1e-13 * hi) return nt;
    t = nt;
  }
  return t;
}

import { logGamma } from "./log-gamma.js";

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly in log space. */
export function binomialUpperTail(n: number, k: number, p = 0.5): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const logTerm =
      logGamma(n + 1) -
      logGamma(i + 1) -
      logGamma(n - i + 1) +
      i * Math.log(p) +
      (n - i) * Math.log1p(-p);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

export interface SignTest {
  /** Pairs with a nonzero difference. */
  n: number;
  /** Pairs with a positive difference. */
  positive: number;
  /** One-sided p-value for "differences tend to be positive": P(X ≥ positive | n, 1/2). */
  p: number;
}

/** Sign test on paired differences (ties dropped). */
export function signTest(diffs: ArrayLike<number>): SignTest {
  let n = 0;
  let positive = 0;
  for (let i = 0; i < diffs.length; i++) {
    if (diffs[i] === 0) continue;
    n++;
    if (diffs[i] > 0) positive++;
  }
  return { n, positive, p: binomialUpperTail(n, positive) };
}

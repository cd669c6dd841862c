/**
 * Small statistics for the model's reproduction tests: exact binomial tails,
 * the sign test, and Student / Welch t-tests (t distribution through the
 * regularized incomplete beta function, by the continued fraction of Press et
 * al., Numerical Recipes, 3rd ed., section 6.4, evaluated by Lentz's method).
 */

/** log Gamma(x) for x > 0 (Lanczos approximation, g = 7, n = 9; ~1e-15 relative). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X >= k) for X ~ Binomial(n, p), summed exactly in log space. */
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
  /** One-sided p-value for "differences tend to be positive": P(X >= positive | n, 1/2). */
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

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** P(T <= t) for Student's t with df degrees of freedom (df > 0, not necessarily integer). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

export interface TTest {
  t: number;
  df: number;
  /** One-sided p-value for "mean(x) > mean(y)" (or "mean(x) > mu"). */
  p: number;
}

function meanVar(x: ArrayLike<number>): [number, number] {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const m = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return [m, v / (x.length - 1)];
}

/** Welch's t-test (unequal variances), one-sided for mean(x) > mean(y). */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>): TTest {
  const [mx, vx] = meanVar(x);
  const [my, vy] = meanVar(y);
  const sx = vx / x.length;
  const sy = vy / y.length;
  const t = (mx - my) / Math.sqrt(sx + sy);
  const df = (sx + sy) ** 2 / (sx ** 2 / (x.length - 1) + sy ** 2 / (y.length - 1));
  return { t, df, p: 1 - studentTCdf(t, df) };
}

/** One-sample t-test, one-sided for mean(x) > mu. */
export function oneSampleTTest(x: ArrayLike<number>, mu: number): TTest {
  const [m, v] = meanVar(x);
  const df = x.length - 1;
  const t = (m - mu) / Math.sqrt(v / x.length);
  return { t, df, p: 1 - studentTCdf(t, df) };
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

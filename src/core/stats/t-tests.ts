import { meanVar } from "./descriptive.js";
import { studentTCdf } from "./student-t.js";

export interface TTest {
  t: number;
  df: number;
  /** One-sided p-value for "mean(x) > mean(y)" (or "mean(x) > mu"). */
  p: number;
}

/**
 * Welch's t-test (B. L. Welch, "The generalization of 'Student's' problem when
 * several different population variances are involved", Biometrika 34, 1947),
 * with the Welch–Satterthwaite degrees of freedom; one-sided for mean(x) > mean(y).
 */
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

import { gammaQ } from "./incomplete-gamma.js";

/**
 * The standard normal distribution: Φ through the incomplete gamma function
 * (Φ(x) = Q(1/2, x²/2) / 2 for x < 0), accurate to about 1e-15 relative
 * in both tails; Φ⁻¹ by the rational start of Abramowitz and Stegun (1964)
 * 26.2.23 (error < 4.5e-4), refined by Halley's method on Φ.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const q = 0.5 * gammaQ(0.5, 0.5 * x * x);
  return x < 0 ? q : 1 - q;
}

/** Φ⁻¹(p): the x with Φ(x) = p; −∞ at 0, +∞ at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Lower half: x < 0.
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
  for (let i = 0; i < 4; i++) {
    // Halley: u = (Φ(x) − p) / φ(x); x ← x − u / (1 + x u / 2).
    const u = (normalCdf(x) - p) * SQRT_2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.abs(x)) break;
  }
  return x;
}

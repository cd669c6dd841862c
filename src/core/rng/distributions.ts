import type { Stream } from "./stream.js";

/**
 * Continuous distributions drawn from a counter-based stream. Each sampler
 * reads words i, i+1, ... of (step, agent); rejection samplers use a bounded
 * number of words so a draw is always a pure function of its address.
 */

/**
 * Gamma(shape, 1) by Marsaglia and Tsang, "A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000. For shape < 1 the boost
 * Gamma(a) = Gamma(a + 1) · U^(1/a) of the same paper is used.
 * Uses words i .. i + 63 at most (21 tries; the acceptance rate is > 95%).
 */
export function gamma(s: Stream, step: number, agent: number, i: number, shape: number): number {
  let boost = 1;
  if (shape < 1) {
    boost = s.u01(step, agent, i) ** (1 / shape);
    i += 1;
    shape += 1;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let tries = 0; tries < 21; tries++, i += 3) {
    const x = s.normal(step, agent, i);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = s.u01(step, agent, i + 2);
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * boost;
  }
  return d * boost; // practically unreachable (probability < 1e-27); keeps the draw total
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). Uses words i .. i + 127. */
export function beta(
  s: Stream,
  step: number,
  agent: number,
  i: number,
  a: number,
  b: number,
): number {
  const x = gamma(s, step, agent, i, a);
  const y = gamma(s, step, agent, i + 64, b);
  return x / (x + y);
}

/** Poisson(lambda) by inversion for small lambda, normal approximation above 50. */
export function poisson(s: Stream, step: number, agent: number, i: number, lambda: number): number {
  if (lambda > 50) {
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * s.normal(step, agent, i)));
  }
  const u = s.u53(step, agent, i);
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

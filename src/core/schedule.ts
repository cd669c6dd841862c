/**
 * Event scheduling. Rare events (a bill due, a flight booked, a post) are not
 * drawn for every agent every step: each agent keeps the step of its next
 * event of each kind, drawn from the geometric distribution of a Bernoulli(p)
 * process, and a step only touches the agents whose event is due. The waiting
 * time is memoryless, so redrawing it when the rate changes is exact.
 */

/** A step number that never comes. */
export const NEVER = 0x7fffffff;

/**
 * Steps until the next success of a Bernoulli(p) trial per step, from a
 * uniform u in (0, 1): 1 + floor(ln u / ln(1 − p)) (inversion of the geometric
 * distribution; Devroye, Non-Uniform Random Variate Generation, 1986, §X.2).
 */
export function geometricGap(u: number, p: number): number {
  if (p >= 1) return 1;
  if (!(p > 0)) return NEVER;
  const g = 1 + Math.floor(Math.log(u) / Math.log1p(-p));
  return g < NEVER ? g : NEVER;
}

/** The step of the next event after step t, or NEVER. */
export function nextAfter(t: number, u: number, p: number): number {
  const g = geometricGap(u, p);
  return g >= NEVER - t ? NEVER : t + g;
}

/** Uniform in (0, 1) from a 32-bit word. */
export function unit(w: number): number {
  return (w + 0.5) * 2.3283064365386963e-10;
}

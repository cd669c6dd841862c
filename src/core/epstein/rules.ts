/**
 * The rules of Epstein's civil-violence Model I that do not depend on the
 * grid: cell codes (which are also the agents' states) and the rounding Mesa
 * applies to the estimated arrest probability.
 */

/** Cell codes, which are also the agents' states (a cop's state is COP). */
export const EMPTY = 0;
export const COP = 1;
export const QUIET = 2;
export const ACTIVE = 3;
export const JAILED = 4;

/** Agent kinds (`kind` array). */
export const KIND_COP = 1;
export const KIND_CITIZEN = 2;

export const EPSTEIN_METRICS = ["quiet", "active", "jailed"] as const;

/**
 * Round half to even, as Python 3's round() which Mesa's example applies to
 * C/A. Mesa's comment there: "the round is not in the pnas paper but without it,
 * its impossible to replicate the dynamics shown there." The rounding makes the
 * estimate a step function: with at least twice as many actives (self
 * included) as cops, 2C <= A, round(C/A) = 0 (0.5 rounds to 0) and P = 0, so a
 * crowd of actives feels safe; otherwise P >= 1 - exp(-k) ~ 0.9. NetLogo's Rebellion floors instead, for the
 * same reason (its Info tab: without it "the model does not exhibit punctuated
 * equilibrium").
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

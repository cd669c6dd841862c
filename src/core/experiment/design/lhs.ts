import type { Seed64 } from "../../rng/seed.js";
import { Stream } from "../../rng/stream.js";
import { STREAM } from "../../rng/streams.js";
import { factorValue } from "../factors.js";
import type { Factor, FactorValue } from "../schema.js";
import type { Design } from "./types.js";

/** Stream id of Latin-hypercube randomness (keyed by the master seed). */
export const LHS_STREAM = STREAM.lhs;

/**
 * Latin hypercube sample (M. D. McKay, R. J. Beckman and W. J. Conover, "A
 * comparison of three methods for selecting values of input variables in the
 * analysis of output from a computer code", Technometrics 21(2), 1979): each
 * factor's [0, 1) is cut into n equal strata, and point j lies in stratum
 * π_i(j) of factor i, uniformly inside it, with π_i an independent random
 * permutation per factor (Fisher–Yates; R. Durstenfeld, CACM 7(7), 1964), so
 * every stratum of every factor holds exactly one point. No correlation
 * control (Iman–Conover). Counter-based: factor i's permutation draws at
 * (step i, agent j, word 0), the jitter at (step i, agent j, word 1).
 */
export function lhsDesign(factors: readonly Factor[], n: number, seed: Seed64): Design {
  const k = factors.length;
  const s = new Stream(seed, LHS_STREAM);
  const u = new Float64Array(n * k);
  const perm = new Int32Array(n);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) perm[j] = j;
    for (let j = n - 1; j > 0; j--) {
      const r = s.int(i, j, 0, j + 1);
      const t = perm[j];
      perm[j] = perm[r];
      perm[r] = t;
    }
    for (let j = 0; j < n; j++) {
      // (stratum + U(0,1)) / n with U on the open interval stays inside [0, 1).
      u[j * k + i] = Math.min((perm[j] + s.u01(i, j, 1)) / n, 1 - 2 ** -53);
    }
  }
  const values: FactorValue[] = new Array(n * k);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < k; i++) values[j * k + i] = factorValue(factors[i], u[j * k + i]);
  }
  return { type: "lhs", k, points: n, u, values };
}

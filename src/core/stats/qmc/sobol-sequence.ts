import type { Seed64 } from "../../rng/seed.js";
import { Stream } from "../../rng/stream.js";
import { STREAM } from "../../rng/streams.js";
import { JOE_KUO_ROWS, SOBOL_MAX_DIMENSIONS } from "./joe-kuo.js";

/**
 * The Sobol' sequence (I. M. Sobol', "On the distribution of points in a cube
 * and the approximate evaluation of integrals", USSR Comput. Math. Math.
 * Phys. 7(4), 1967) in base 2 with 32-bit digits, generated in Gray-code
 * order (I. A. Antonov and V. M. Saleev, USSR Comput. Math. Math. Phys.
 * 19(1), 1979): point n is the XOR of the direction numbers V_k for the bits
 * k of gray(n) = n ⊕ (n >> 1), so consecutive points differ by one XOR. The
 * first 2^m points are the same set as in natural order, in another order.
 * Direction numbers come from the Joe–Kuo (2008) table (joe-kuo.ts) by the
 * recurrence of P. Bratley and B. L. Fox, "Algorithm 659", ACM TOMS 14(1),
 * 1988:
 *
 *   m_k = 2 c_1 m_(k−1) ⊕ 2² c_2 m_(k−2) ⊕ … ⊕ 2^s m_(k−s) ⊕ m_(k−s),
 *   V_k = m_k · 2^(32−k).
 *
 * Scrambling (optional) is I. Friedel and A. Keller's and J. Matoušek's
 * random linear matrix scramble with a digital shift ("On the L2-discrepancy
 * for anchored boxes", J. Complexity 14, 1998): digit vector x of each
 * dimension becomes L x ⊕ e with L a random nonsingular lower-triangular
 * binary matrix and e a random digit vector. It keeps every (t, m, s)-net
 * property of the unscrambled points (the first d rows of L C span what the
 * first d rows of C span) and makes each point uniform on [0, 1)^s, so
 * independent scramblings give independent unbiased estimates (randomised
 * QMC; A. B. Owen, "Randomly permuted (t,m,s)-nets and (t,s)-sequences",
 * 1995, for the nested scramble this approximates at lower cost). The
 * randomness is counter-based: dimension d's matrix and shift are words of
 * the Philox stream (seed, stream) at step d.
 */

export const SOBOL_BITS = 32;
/** Most points one sequence gives (Gray-code indices stay in 31-bit integers). */
export const SOBOL_MAX_POINTS = 2 ** 31;

let cached: Uint32Array[] = [];

/** The 32 direction integers V_1..V_32 of each of the first `dims` dimensions. */
export function directionNumbers(dims: number): Uint32Array[] {
  if (!Number.isInteger(dims) || dims < 1 || dims > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(
      `the Sobol' sequence has 1 to ${SOBOL_MAX_DIMENSIONS} dimensions; asked for ${dims}`,
    );
  }
  if (cached.length >= dims) return cached.slice(0, dims);
  const all: Uint32Array[] = [];
  const first = new Uint32Array(SOBOL_BITS);
  for (let k = 0; k < SOBOL_BITS; k++) first[k] = 2 ** (SOBOL_BITS - 1 - k);
  all.push(first);
  for (const row of JOE_KUO_ROWS) {
    const s = row[0];
    const a = row[1];
    const m = new Array<number>(SOBOL_BITS);
    for (let k = 0; k < s; k++) m[k] = row[2 + k];
    for (let k = s; k < SOBOL_BITS; k++) {
      // m_k with 0-based k: terms 2^j c_j m_(k−j) for j = 1..s−1, then 2^s m_(k−s) ⊕ m_(k−s).
      let v = m[k - s] ^ (m[k - s] * 2 ** s);
      for (let j = 1; j < s; j++) {
        if ((a >>> (s - 1 - j)) & 1) v ^= m[k - j] * 2 ** j;
      }
      m[k] = v;
    }
    // m_k < 2^k, so m_k · 2^(32−k) fits 32 bits; build it as an unsigned integer.
    const dir = new Uint32Array(SOBOL_BITS);
    for (let k = 0; k < SOBOL_BITS; k++) dir[k] = m[k] * 2 ** (SOBOL_BITS - 1 - k);
    all.push(dir);
  }
  cached = all;
  return cached.slice(0, dims);
}

function parity32(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Stream id of the scramble's randomness (keyed by the scramble seed). */
export const SOBOL_SCRAMBLE_STREAM = STREAM.sobolScramble;

export interface SobolOptions {
  /** Scramble with this seed (Matoušek's linear scramble + digital shift); omit for the plain sequence. */
  scramble?: Seed64;
}

/** A Sobol' point set generator of `dims` dimensions. */
export class SobolSequence {
  /** Direction integers, dimension-major: dir[d * 32 + k]. */
  private readonly dir: Uint32Array;
  /** Digital shift per dimension (0 unscrambled). */
  private readonly shift: Uint32Array;

  constructor(
    readonly dims: number,
    options: SobolOptions = {},
  ) {
    const v = directionNumbers(dims);
    this.dir = new Uint32Array(dims * SOBOL_BITS);
    this.shift = new Uint32Array(dims);
    const stream = options.scramble ? new Stream(options.scramble, SOBOL_SCRAMBLE_STREAM) : null;
    for (let d = 0; d < dims; d++) {
      if (!stream) {
        this.dir.set(v[d], d * SOBOL_BITS);
        continue;
      }
      // Row i of L (output digit i+1, bit 31−i): diagonal 1, random digits above it (bits > 31−i).
      const rows = new Uint32Array(SOBOL_BITS);
      for (let i = 0; i < SOBOL_BITS; i++) {
        const diag = 2 ** (SOBOL_BITS - 1 - i);
        const above = i === 0 ? 0 : (stream.word(d, i, 0) >>> (SOBOL_BITS - i)) << (SOBOL_BITS - i);
        rows[i] = (above | diag) >>> 0;
      }
      for (let k = 0; k < SOBOL_BITS; k++) {
        let y = 0;
        for (let i = 0; i < SOBOL_BITS; i++) {
          if (parity32(rows[i] & v[d][k])) y |= 1 << (SOBOL_BITS - 1 - i);
        }
        this.dir[d * SOBOL_BITS + k] = y >>> 0;
      }
      this.shift[d] = stream.word(d, SOBOL_BITS, 0);
    }
  }

  /** The 32-bit digits of point n in dimension d (Gray-code order). */
  digits(n: number, d: number): number {
    let g = n ^ (n >>> 1);
    let x = this.shift[d];
    for (let k = 0; g !== 0; k++, g >>>= 1) {
      if (g & 1) x ^= this.dir[d * SOBOL_BITS + k];
    }
    return x >>> 0;
  }

  /**
   * Points start .. start+count−1 as a row-major count × dims matrix in [0, 1):
   * out[i * dims + d]. Sequential: one XOR per coordinate after the first point.
   */
  points(start: number, count: number, out = new Float64Array(count * this.dims)): Float64Array {
    if (!Number.isInteger(start) || start < 0 || start + count > SOBOL_MAX_POINTS) {
      throw new RangeError(`Sobol' points ${start}..${start + count - 1} are outside 0..2^31-1`);
    }
    const dims = this.dims;
    const x = new Uint32Array(dims);
    for (let d = 0; d < dims; d++) x[d] = this.digits(start, d);
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        // gray(n) ⊕ gray(n−1) has the single bit ctz(n).
        const n = start + i;
        const k = 31 - Math.clz32(n & -n);
        for (let d = 0; d < dims; d++) x[d] ^= this.dir[d * SOBOL_BITS + k];
      }
      for (let d = 0; d < dims; d++) out[i * dims + d] = x[d] * 2.3283064365386963e-10;
    }
    return out;
  }
}

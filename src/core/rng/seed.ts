import { fnv1a64 } from "../hash.js";

/**
 * Seeds: a non-negative integer (number below 2^53, or a decimal/hex string up
 * to 2^64 - 1) is used as the 64-bit Philox key as it is; any other string is
 * hashed to 64 bits with FNV-1a 64 (Fowler, Noll, Vo; src/core/hash.ts). A seed is never folded
 * to 32 bits.
 */

export { fnv1a64 };

export interface Seed64 {
  /** Low 32 bits of the key. */
  readonly lo: number;
  /** High 32 bits of the key. */
  readonly hi: number;
  /** The seed as the user gave it, for records. */
  readonly text: string;
}

const MASK64 = (1n << 64n) - 1n;

export function seed64(seed: number | string | bigint): Seed64 {
  let v: bigint;
  if (typeof seed === "bigint") {
    if (seed < 0n || seed > MASK64) throw new RangeError(`seed ${seed} is outside 0..2^64-1`);
    v = seed;
  } else if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed ${seed} must be a non-negative integer below 2^53, or a string`);
    }
    v = BigInt(seed);
  } else if (/^(0|[1-9][0-9]{0,19})$/.test(seed) && BigInt(seed) <= MASK64) {
    v = BigInt(seed);
  } else if (/^0x[0-9a-fA-F]{1,16}$/.test(seed)) {
    v = BigInt(seed);
  } else {
    v = fnv1a64(seed);
  }
  return {
    lo: Number(v & 0xffffffffn),
    hi: Number((v >> 32n) & 0xffffffffn),
    text: String(seed),
  };
}

/** The 64-bit value of a seed, as an unsigned decimal string. */
export function seedValue(s: Seed64): string {
  return ((BigInt(s.hi) << 32n) | BigInt(s.lo)).toString();
}

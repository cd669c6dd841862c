import { philox4x32 } from "../rng/philox4x32.js";
import { type Seed64, seed64 } from "../rng/seed.js";
import { STREAM } from "../rng/streams.js";

/** Stream id of unit-seed derivation (keyed by the master seed). */
export const UNIT_SEED_STREAM = STREAM.unitSeed;

/** The point slot paired units share: above every real point index. */
const PAIRED_SLOT = 0xffffffff;

const out = new Uint32Array(4);

/**
 * The seed of unit (point, replication): counter-based, a pure function of
 * (master seed, point, replication). The 64-bit counter (point,
 * replication) goes through a four-round Feistel network (M. Luby and C.
 * Rackoff, "How to construct pseudorandom permutations from pseudorandom
 * functions", SIAM J. Comput. 17(2), 1988) whose round function is Philox
 * 4x32-10 keyed by the master seed at counter (half, round, stream 70, 0).
 * A Feistel network is a permutation of 64-bit values whatever its round
 * function, so different (point, replication) pairs of one study never get
 * the same seed, not even by chance.
 *
 * Paired (common random numbers): every point's replication r uses the
 * counter (2^32 − 1, r), the same for all points and different from every
 * unpaired counter, so replication r of point a and of point b see the same
 * random numbers and their difference is the factors' effect, not seed
 * noise. Replications still differ from each other.
 */
export function unitSeed(
  master: Seed64,
  point: number,
  replication: number,
  paired: boolean,
): Seed64 {
  if (!Number.isInteger(point) || point < 0 || point >= PAIRED_SLOT) {
    throw new RangeError(`point index ${point} is outside 0..2^32-2`);
  }
  if (!Number.isInteger(replication) || replication < 0 || replication > 0xffffffff) {
    throw new RangeError(`replication index ${replication} is outside 0..2^32-1`);
  }
  let left = paired ? PAIRED_SLOT : point;
  let right = replication;
  for (let round = 0; round < 4; round++) {
    philox4x32(right, round, UNIT_SEED_STREAM, 0, master.lo, master.hi, out);
    const next = (left ^ out[0]) >>> 0;
    left = right;
    right = next;
  }
  const value = (BigInt(left) << 32n) | BigInt(right);
  return seed64(value.toString());
}

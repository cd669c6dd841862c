/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3" (SC'11), as specified by the
 * Random123 library (philox.h). A block is a pure function of a 128-bit counter
 * and a 64-bit key, so any draw can be recomputed from (seed, stream, step,
 * agent) alone: no generator state travels between agents, steps or threads.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9; // golden ratio
const W1 = 0xbb67ae85; // sqrt(3) - 1

// High 32 bits of a 32x32-bit product, exact in doubles: the multiplier is
// split in 16-bit halves so every partial product stays below 2^53.
const M0_HI = M0 >>> 16;
const M0_LO = M0 & 0xffff;
const M1_HI = M1 >>> 16;
const M1_LO = M1 & 0xffff;

// High word of the 64-bit product a * (bh * 2^16 + bl), from four 16x16-bit
// partial products; every intermediate stays a small integer for the JIT.
function mulhi(a: number, bh: number, bl: number): number {
  const ah = a >>> 16;
  const al = a & 0xffff;
  const ll = Math.imul(al, bl) >>> 0;
  const hl = Math.imul(ah, bl) >>> 0;
  const lh = Math.imul(al, bh) >>> 0;
  const hh = Math.imul(ah, bh) >>> 0;
  const cross = (ll >>> 16) + (hl & 0xffff) + (lh & 0xffff);
  return (hh + (hl >>> 16) + (lh >>> 16) + (cross >>> 16)) | 0;
}

/**
 * Computes one Philox4x32-10 block into `out[0..3]` (unsigned 32-bit words).
 * All inputs are taken modulo 2^32. Allocates nothing.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(c0, M0_HI, M0_LO);
    const lo0 = Math.imul(c0, M0);
    const hi1 = mulhi(c2, M1_HI, M1_LO);
    const lo1 = Math.imul(c2, M1);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 = (k0 + W0) | 0;
    k1 = (k1 + W1) | 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/**
 * Fills `out[4*j .. 4*j+3]` with the block of counter
 * [start + j, c1, c2, c3] under key (k0, k1), for j = 0..count-1: the four words
 * of every agent of a range for one (step, stream, block index). This is the
 * reference implementation of the batch form; a faster one must match it word
 * for word.
 */
export function philox4x32Fill(
  k0: number,
  k1: number,
  start: number,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
): void {
  const tmp = FILL_TMP;
  for (let j = 0; j < count; j++) {
    philox4x32(start + j, c1, c2, c3, k0, k1, tmp);
    const o = j << 2;
    out[o] = tmp[0];
    out[o + 1] = tmp[1];
    out[o + 2] = tmp[2];
    out[o + 3] = tmp[3];
  }
}
const FILL_TMP = new Uint32Array(4);

/**
 * Fills `out[4*j .. 4*j+3]` with the block of counter
 * [ids[j], c1, c2, c3] under key (k0, k1), for j = 0..count-1: the four words
 * of every listed agent (ids are agent indices) for one (step, stream, block
 * index), in list order. It is `philox4x32Fill` with the first counter word
 * read from `ids` instead of counted, and the reference implementation of the
 * gather form; a faster one must match it word for word.
 */
export function philox4x32Gather(
  k0: number,
  k1: number,
  ids: Int32Array,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
): void {
  const tmp = FILL_TMP;
  for (let j = 0; j < count; j++) {
    philox4x32(ids[j], c1, c2, c3, k0, k1, tmp);
    const o = j << 2;
    out[o] = tmp[0];
    out[o + 1] = tmp[1];
    out[o + 2] = tmp[2];
    out[o + 3] = tmp[3];
  }
}

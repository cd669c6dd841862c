/**
 * What contacts can see of an agent, packed into one byte per agent at the
 * start of every step (double buffering): mechanisms read contacts only from
 * these flags, as of the end of the previous step, and write only their own
 * agent's columns, so every update is synchronous.
 */
import type { State } from "./world.js";

/** Bits of the public flags. */
export const PUB = {
  listed: 1,
  detained: 2,
  dissent: 4,
  approval: 8,
  protest: 16,
  participating: 32,
  /** Listed, and the listing is known to contacts (public list, or leaked: M10). */
  knownListed: 64,
  /** Known listed, and for what the agent said (lawful expression among the records that listed it). */
  knownForExpression: 128,
} as const;

/** 32-bit views of the byte columns that are packed, made once (no allocation per step). */
export interface PublicWords {
  readonly pub: Uint32Array;
  readonly cols: readonly Uint32Array[];
}

const word = (a: Uint8Array) => new Uint32Array(a.buffer, 0, a.buffer.byteLength >> 2);

/** The word views packing needs; byte columns are padded to whole words (columns.ts). */
export function publicWords(pub: Uint8Array, s: State): PublicWords {
  return {
    pub: word(pub),
    cols: [
      s.listed,
      s.detained,
      s.expressed,
      s.approvalExpressed,
      s.protest,
      s.participating,
      s.listingKnown,
      s.listWhy,
    ].map(word),
  };
}

/**
 * pub = listed | detained << 1 | dissent << 2 | approval << 3 | protest << 4
 * | participating << 5 | (listed & known) << 6 | (listed & known & expression)
 * << 7, four agents per 32-bit word: every flag is 0 or 1 in its byte (and
 * the expression bit is bit 1 of listWhy's byte), so each shift keeps an
 * agent's bits inside its own byte.
 */
export function packPublic(p: PublicWords): void {
  const out = p.pub;
  const [listed, detained, expressed, approval, protest, participating, known, why] = p.cols;
  const n = out.length;
  for (let k = 0; k < n; k++) {
    out[k] =
      listed[k] |
      (detained[k] << 1) |
      (expressed[k] << 2) |
      (approval[k] << 3) |
      (protest[k] << 4) |
      (participating[k] << 5) |
      ((listed[k] & known[k]) << 6) |
      ((listed[k] & known[k] & (why[k] >>> 1)) << 7);
  }
}

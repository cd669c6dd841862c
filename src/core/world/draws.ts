/**
 * The RNG word registry. Every random number of the model is one 32-bit word
 * of a Philox4x32-10 block addressed by (seed; agent, step, stream, block):
 * word index 4·block + lane. A draw declaration says which words a purpose
 * uses, so that two purposes can never read the same word of the same
 * (stream, step, agent): `overlaps` decides it exactly, and a test runs it over
 * every declaration of the model.
 */

/** Words start, start + stride, …, `count` of them (Infinity: without end). */
export interface Progression {
  readonly start: number;
  readonly stride: number;
  readonly count: number;
}

interface DrawCommon {
  /** Stream id (rng/streams.ts). */
  readonly stream: number;
  /** "init": step 0, before the first step; "step": steps 1, 2, …; "any": either. */
  readonly at: "init" | "step" | "any";
  /**
   * What the counter's first word holds: an agent id (default), or a region
   * id. The two share the counter word, so they are checked against each
   * other as if they were the same.
   */
  readonly key?: "agent" | "region";
  readonly doc?: string;
}

/** A whole block drawn at once (fill or gather): lanes name the words used. */
export interface BlockDraw extends DrawCommon {
  readonly block: number;
  readonly lanes: Readonly<Record<string, 0 | 1 | 2 | 3>>;
}

/** Single words drawn one by one (Stream.u01), possibly a family indexed by a count. */
export interface WordDraw extends DrawCommon {
  readonly words: readonly Progression[];
}

export type DrawSpec = BlockDraw | WordDraw;

/** One word, as a progression. */
export function word(w: number): Progression {
  return { start: w, stride: 1, count: 1 };
}

/** The words a draw uses, as progressions. */
export function wordsOf(d: DrawSpec): Progression[] {
  if ("words" in d) return [...d.words];
  return Object.values(d.lanes).map((lane) => word(4 * d.block + lane));
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modular inverse of a mod m (a and m coprime, m ≥ 1), by the extended Euclidean algorithm. */
function inverse(a: number, m: number): number {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1, 0];
  while (r1) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

/**
 * Whether two progressions share a word: solves a.start + a.stride·i =
 * b.start + b.stride·j with 0 ≤ i < a.count, 0 ≤ j < b.count exactly (the
 * solutions form one progression, by the Chinese remainder theorem; its first
 * term is checked against both bounds).
 */
export function progressionsMeet(a: Progression, b: Progression): boolean {
  if (a.count <= 0 || b.count <= 0) return false;
  const sa = a.count === 1 ? 1 : a.stride;
  const sb = b.count === 1 ? 1 : b.stride;
  const lastA = a.start + sa * (a.count - 1);
  const lastB = b.start + sb * (b.count - 1);
  const lo = Math.max(a.start, b.start);
  const hi = Math.min(lastA, lastB);
  if (lo > hi) return false;
  if (a.count === 1 || b.count === 1) {
    const [x, p] = a.count === 1 ? [a.start, b] : [b.start, a];
    const s = p.count === 1 ? 1 : p.stride;
    return x >= p.start && (x - p.start) % s === 0 && (x - p.start) / s < p.count;
  }
  // x ≡ a.start (mod sa), x ≡ b.start (mod sb): x = a.start + sa·i with
  // (sa/g)·i ≡ (b.start − a.start)/g (mod sb/g). BigInt: the product can pass 2^53.
  const g = gcd(sa, sb);
  if ((b.start - a.start) % g !== 0) return false;
  const m = sb / g;
  const d = (b.start - a.start) / g;
  const i0 = Number(
    (((BigInt(d) % BigInt(m)) + BigInt(m)) * BigInt(inverse(sa / g, m))) % BigInt(m),
  );
  const l = (sa / g) * sb;
  let x = a.start + sa * i0;
  // The smallest common word at or above lo.
  if (x < lo) x += Math.ceil((lo - x) / l) * l;
  else x -= Math.floor((x - lo) / l) * l;
  return x <= hi;
}

/** Whether two draws can read the same word of the same (stream, step, agent). */
export function overlaps(a: DrawSpec, b: DrawSpec): boolean {
  if (a.stream !== b.stream) return false;
  if (a.at !== b.at && a.at !== "any" && b.at !== "any") return false;
  for (const pa of wordsOf(a))
    for (const pb of wordsOf(b)) if (progressionsMeet(pa, pb)) return true;
  return false;
}

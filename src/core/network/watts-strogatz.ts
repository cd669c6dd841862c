/**
 * Small-world graph of D. J. Watts and S. H. Strogatz, "Collective dynamics of
 * 'small-world' networks", Nature 393, 440–442 (1998): a ring lattice where
 * each node links to its k/2 nearest neighbours on each side, then each edge,
 * taken lap by lap (all nearest-neighbour edges clockwise round the ring,
 * then the next-nearest, ...), has its far end moved with probability beta to
 * a uniform node, never creating a self-loop or a duplicate edge. The number
 * of edges, n·k/2, is preserved exactly.
 *
 * Lattice edge e = (j - 1)·n + i joins i to (i + j) mod n, j = 1..k/2. A
 * lattice edge is still present exactly when its far end is unchanged (a
 * rewired end can never equal the original one, since that edge existed when
 * it was rewired), so only the rewired edges need a hash set for the
 * duplicate test; that keeps memory at the edge list plus O(beta·m).
 *
 * Draws: edge (i, j) uses step j, agent i; word 0 decides rewiring, words
 * 1, 2, ... are the successive candidate far ends.
 */

import type { Stream } from "../rng/stream.js";
import { buildCsr } from "./build-csr.js";
import type { Csr } from "./csr.js";

const INV_2_32 = 2.3283064365386963e-10;

/** Watts–Strogatz graph; k must be even with 2 ≤ k < n, beta in [0, 1]. */
export function wattsStrogatz(n: number, k: number, beta: number, stream: Stream): Csr {
  if (!Number.isInteger(k) || k < 2 || k % 2 !== 0 || k >= n) {
    throw new RangeError(`ring degree k = ${k} must be even, at least 2 and below n = ${n}`);
  }
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`rewiring probability ${beta} not in [0, 1]`);
  const { src, dst } = rewiredEdges(n, k, beta, stream);
  return buildCsr(n, src, dst, src.length);
}

// Separate from wattsStrogatz so the hash set and degree array are garbage
// before buildCsr allocates its target arrays.
function rewiredEdges(
  n: number,
  k: number,
  beta: number,
  stream: Stream,
): { src: Int32Array; dst: Int32Array } {
  const half = k / 2;
  const m = n * half;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let j = 1; j <= half; j++) {
    const base = (j - 1) * n;
    for (let i = 0; i < n; i++) {
      src[base + i] = i;
      dst[base + i] = (i + j) % n;
    }
  }
  if (beta === 0) return { src, dst };

  const degree = new Int32Array(n).fill(k);
  const expected = beta * m;
  const rewired = new EdgeSet(expected + 6 * Math.sqrt(expected) + 16);

  // Whether u and w are joined: by an intact lattice edge in either
  // orientation, or by an earlier rewiring.
  const joined = (u: number, w: number): boolean => {
    let d = w - u;
    if (d < 0) d += n;
    if (d >= 1 && d <= half && dst[(d - 1) * n + u] === w) return true;
    d = n - d;
    if (d >= 1 && d <= half && dst[(d - 1) * n + w] === u) return true;
    return rewired.has(u, w);
  };

  for (let j = 1; j <= half; j++) {
    const base = (j - 1) * n;
    for (let u = 0; u < n; u++) {
      if ((stream.word(j, u, 0) + 0.5) * INV_2_32 >= beta) continue;
      // A node already linked to everyone has nowhere to go.
      if (degree[u] >= n - 1) continue;
      let w = u;
      for (let t = 1; w === u || joined(u, w); t++) {
        w = Math.floor(stream.word(j, u, t) * n * INV_2_32);
      }
      const e = base + u;
      degree[dst[e]]--;
      degree[w]++;
      dst[e] = w;
      rewired.add(u, w);
    }
  }
  return { src, dst };
}

/**
 * Set of unordered node pairs: open addressing with linear probing over two
 * parallel Int32Arrays (empty slot = -1), grown by doubling at half load.
 * Nothing is ever removed, since a rewired edge is never rewired again.
 */
class EdgeSet {
  private a: Int32Array;
  private b: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < 2 * expected) cap *= 2;
    this.a = new Int32Array(cap).fill(-1);
    this.b = new Int32Array(cap);
    this.mask = cap - 1;
  }

  has(u: number, w: number): boolean {
    const lo = Math.min(u, w);
    const hi = Math.max(u, w);
    const a = this.a;
    for (let s = hash(lo, hi) & this.mask; ; s = (s + 1) & this.mask) {
      const x = a[s];
      if (x === -1) return false;
      if (x === lo && this.b[s] === hi) return true;
    }
  }

  add(u: number, w: number): void {
    if (2 * (this.size + 1) > this.a.length) this.grow();
    this.insert(Math.min(u, w), Math.max(u, w));
    this.size++;
  }

  private insert(lo: number, hi: number): void {
    let s = hash(lo, hi) & this.mask;
    while (this.a[s] !== -1) s = (s + 1) & this.mask;
    this.a[s] = lo;
    this.b[s] = hi;
  }

  private grow(): void {
    const oa = this.a;
    const ob = this.b;
    this.a = new Int32Array(oa.length * 2).fill(-1);
    this.b = new Int32Array(oa.length * 2);
    this.mask = this.a.length - 1;
    for (let s = 0; s < oa.length; s++) if (oa[s] !== -1) this.insert(oa[s], ob[s]);
  }
}

// Murmur3's 32-bit finaliser over a combination of both ends: cheap, and
// spreads the consecutive ids a ring produces across the table.
function hash(lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ hi;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

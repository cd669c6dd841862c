/**
 * Undirected edge list → CSR by counting sort (the two-pass "count then
 * scatter" construction used for sparse matrices since Gustavson, "Two fast
 * algorithms for sparse matrices: multiplication and permuted transposition",
 * ACM TOMS 4(3), 1978), followed by a per-row sort that lets self-loops and
 * repeated edges be dropped by a single linear compaction.
 *
 * Memory: besides the caller's `src`/`dst`, the scatter needs one array of
 * 2m targets, and the final result is a second, trimmed copy only when
 * something was removed. So at most two target-sized arrays live at once.
 */

import type { Csr } from "./csr.js";

// Below this row length insertion sort beats creating a subarray view and
// calling the native sort; almost every row of a sparse social graph is short.
const INSERTION_LIMIT = 48;

/**
 * Builds the CSR of the undirected graph whose edges are
 * (src[e], dst[e]) for e < m. Self-loops are dropped and repeated edges (in
 * either orientation) merged. Ids must lie in 0..n-1.
 */
export function buildCsr(n: number, src: Int32Array, dst: Int32Array, m: number): Csr {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`node count ${n} is not valid`);
  if (m > src.length || m > dst.length) {
    throw new RangeError(`edge count ${m} exceeds the edge arrays (${src.length}, ${dst.length})`);
  }
  // offsets[i + 1] first counts row i, then becomes its end after the prefix sum.
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const a = src[e];
    const b = dst[e];
    if (a === b) continue;
    // Unsigned compare rejects negatives and ids ≥ n in one test.
    if (a >>> 0 >= n || b >>> 0 >= n) {
      throw new RangeError(`edge ${e} (${a}, ${b}) has an id outside 0..${n - 1}`);
    }
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const total = n === 0 ? 0 : offsets[n];

  const targets = new Int32Array(total);
  // Fill cursors start at each row's beginning; once the scatter is done
  // cursor[i] equals the row's end, so `offsets` is not disturbed.
  const cursor = offsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    const a = src[e];
    const b = dst[e];
    if (a === b) continue;
    targets[cursor[a]++] = b;
    targets[cursor[b]++] = a;
  }

  // Sort each row and compact it leftwards; rows are visited in order and the
  // write position never passes the read position, so one array serves both.
  let w = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    offsets[i] = w;
    const len = end - start;
    if (len > 0) {
      sortRange(targets, start, end);
      let last = -1;
      for (let r = start; r < end; r++) {
        const t = targets[r];
        if (t !== last) {
          targets[w++] = t;
          last = t;
        }
      }
    }
    start = end;
  }
  offsets[n] = w;

  return { n, offsets, targets: w === total ? targets : targets.slice(0, w) };
}

function sortRange(a: Int32Array, start: number, end: number): void {
  if (end - start > INSERTION_LIMIT) {
    a.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= start && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Throws an Error naming the first broken CSR invariant (offsets shape,
 * sorted rows without loops or duplicates, every edge stored both ways);
 * O(m log d). For tests and for graphs that come from outside.
 */
export function checkCsr(g: Csr): void {
  const { n, offsets, targets } = g;
  if (offsets.length !== n + 1) throw new Error(`offsets has ${offsets.length} entries, not n + 1`);
  if (offsets[0] !== 0 || offsets[n] !== targets.length) {
    throw new Error(`offsets must run from 0 to targets.length = ${targets.length}`);
  }
  for (let i = 0; i < n; i++) {
    const s = offsets[i];
    const e = offsets[i + 1];
    if (e < s) throw new Error(`row ${i} has negative length`);
    for (let p = s; p < e; p++) {
      const t = targets[p];
      if (t < 0 || t >= n) throw new Error(`row ${i} holds ${t}, outside 0..${n - 1}`);
      if (t === i) throw new Error(`row ${i} holds a self-loop`);
      if (p > s && targets[p - 1] >= t) throw new Error(`row ${i} is not strictly ascending`);
      if (!rowHas(g, t, i)) throw new Error(`edge ${i}-${t} is not stored in row ${t}`);
    }
  }
}

function rowHas(g: Csr, row: number, x: number): boolean {
  let lo = g.offsets[row];
  let hi = g.offsets[row + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = g.targets[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

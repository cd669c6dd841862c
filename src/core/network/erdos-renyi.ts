/**
 * Erdős–Rényi G(n, p) by geometric skipping: V. Batagelj and U. Brandes,
 * "Efficient generation of large random networks", Phys. Rev. E 71, 036113
 * (2005), algorithm G(n,p). The gaps between successive present pairs of the
 * lower triangle are geometric, so the graph is exact G(n, p) in O(n + m)
 * time instead of O(n²) coin flips.
 *
 * One walk records each node's lower neighbours (w < v) in emission order,
 * which is ascending; the CSR is then filled by visiting v in order and
 * appending w to row v and v to row w. Row x thus receives its lower
 * neighbours ascending, then its higher ones ascending: rows come out sorted
 * and, as pairs are distinct, free of loops and duplicates, with no sort and
 * no buildCsr. Peak memory: the CSR plus the lower lists (4m) and two n-word
 * arrays.
 */

import type { Stream } from "../rng/stream.js";
import type { Csr } from "./csr.js";

const TWO_POW_32 = 4294967296;
const INV_2_32 = 2.3283064365386963e-10;

/** G(n, p); p is clamped to [0, 1]. */
export function erdosRenyi(n: number, p: number, stream: Stream): Csr {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`node count ${n} is not valid`);
  if (Number.isNaN(p)) throw new RangeError("edge probability is NaN");
  p = Math.min(1, Math.max(0, p));
  if (n < 2 || p === 0) return { n, offsets: new Uint32Array(n + 1), targets: new Int32Array(0) };

  const { lower, lowerEnd } = lowerLists(n, p, stream);
  // offsets[i + 1] counts row i, then becomes its end after the prefix sum.
  const offsets = new Uint32Array(n + 1);
  let e = 0;
  for (let v = 1; v < n; v++) {
    const end = lowerEnd[v];
    offsets[v + 1] += end - e;
    for (; e < end; e++) offsets[lower[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const targets = new Int32Array(offsets[n]);
  const cursor = offsets.slice(0, n);
  e = 0;
  for (let v = 1; v < n; v++) {
    const end = lowerEnd[v];
    for (; e < end; e++) {
      const w = lower[e];
      targets[cursor[v]++] = w;
      targets[cursor[w]++] = v;
    }
  }
  return { n, offsets, targets };
}

// The walk over the lower triangle {(v, w) : w < v}: lower[lowerEnd[v - 1]
// .. lowerEnd[v]) lists the w joined to v. Draw k is word k & 3 of block
// k >> 2 (the "agent" counter, wrapping into "step"), so four consecutive
// gaps share one Philox block.
function lowerLists(
  n: number,
  p: number,
  stream: Stream,
): { lower: Int32Array; lowerEnd: Uint32Array } {
  // Room for the mean edge count plus eight standard deviations; growth
  // below is a fallback that practically never runs.
  const pairs = (n * (n - 1)) / 2;
  const mean = pairs * p;
  let lower = new Int32Array(Math.ceil(mean + 8 * Math.sqrt(mean) + 16));
  const lowerEnd = new Uint32Array(n);
  // log(1 - p) is -Infinity at p = 1, which makes every gap 0: the complete graph.
  const logQ = Math.log1p(-p);
  let step = 0;
  let block = 0;
  let word = 0;
  let m = 0;
  let v = 1;
  let w = -1;
  while (v < n) {
    const u = (stream.word(step, block, word) + 0.5) * INV_2_32;
    if (++word === 4) {
      word = 0;
      if (++block === TWO_POW_32) {
        block = 0;
        step++;
      }
    }
    // 1 - u is in (0, 1), so the log is finite and the gap non-negative.
    w += 1 + Math.floor(Math.log(1 - u) / logQ);
    while (w >= v && v < n) {
      lowerEnd[v] = m;
      w -= v;
      v++;
    }
    if (v < n) {
      if (m === lower.length) {
        const bigger = new Int32Array(Math.ceil(lower.length * 1.25) + 16);
        bigger.set(lower);
        lower = bigger;
      }
      lower[m++] = w;
    }
  }
  return { lower, lowerEnd };
}

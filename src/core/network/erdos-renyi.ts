/**
 * Erdős–Rényi G(n, p) by geometric skipping: V. Batagelj and U. Brandes,
 * "Efficient generation of large random networks", Phys. Rev. E 71, 036113
 * (2005), algorithm G(n,p). The gaps between successive present pairs of the
 * lower triangle are geometric, so the graph is exact G(n, p) in O(n + m)
 * time instead of O(n²) coin flips.
 *
 * The CSR is written directly in two passes over the same counter-based
 * draws (count, then scatter) rather than through an edge list: pairs come
 * out ordered by larger endpoint, then by smaller, which makes every row
 * sorted on arrival and duplicate- and loop-free by construction, and peak
 * memory is just the CSR itself plus one n-sized cursor array.
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
  const offsets = new Uint32Array(n + 1);
  if (n < 2 || p === 0) return { n, offsets, targets: new Int32Array(0) };

  // Pass 1 counts degrees into offsets[i + 1].
  walk(n, p, stream, offsets, null, null);
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const targets = new Int32Array(offsets[n]);
  const cursor = offsets.slice(0, n);
  // Pass 2 replays the identical draws and scatters.
  walk(n, p, stream, offsets, targets, cursor);
  return { n, offsets, targets };
}

// One walk over the lower triangle {(v, w) : w < v}. Draw k is word k & 3 of
// block k >> 2 (as the "agent" counter, wrapping into "step"), so four
// consecutive gaps share one Philox block.
function walk(
  n: number,
  p: number,
  stream: Stream,
  counts: Uint32Array,
  targets: Int32Array | null,
  cursor: Uint32Array | null,
): void {
  // log(1 - p) is -Infinity at p = 1, which makes every gap 0: the complete graph.
  const logQ = Math.log1p(-p);
  let step = 0;
  let block = 0;
  let word = 0;
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
      w -= v;
      v++;
    }
    if (v < n) {
      if (targets === null || cursor === null) {
        counts[v + 1]++;
        counts[w + 1]++;
      } else {
        targets[cursor[v]++] = w;
        targets[cursor[w]++] = v;
      }
    }
  }
}

/**
 * Barabási–Albert preferential attachment (A.-L. Barabási and R. Albert,
 * "Emergence of scaling in random networks", Science 286, 509–512, 1999),
 * sampled with the repeated-nodes list of V. Batagelj and U. Brandes,
 * "Efficient generation of large random networks", Phys. Rev. E 71, 036113
 * (2005): a node appears in the list once per edge end, so a uniform list
 * entry is a degree-proportional node, in O(1).
 *
 * The edge list itself is that list: endpoint r of the edges made so far is
 * src[r >> 1] or dst[r >> 1], so no second copy is kept. The graph starts
 * from a clique on nodes 0..m; each later node v draws m distinct targets
 * from the endpoints existing before v arrived (duplicates are redrawn, as
 * in NetworkX's barabasi_albert_graph), so every node has degree ≥ m and the
 * mean degree is 2m - m(m + 1)/n.
 *
 * Draws: node v uses step 0, agent v, words 0, 1, 2, ... for its candidates.
 */

import type { Stream } from "../rng/stream.js";
import { buildCsr } from "./build-csr.js";
import type { Csr } from "./csr.js";

const INV_2_32 = 2.3283064365386963e-10;

/** BA graph on n nodes, m ≥ 1 edges per new node (a clique when n ≤ m + 1). */
export function barabasiAlbert(n: number, m: number, stream: Stream): Csr {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`node count ${n} is not valid`);
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`edges per node m = ${m} must be ≥ 1`);
  const core = Math.min(n, m + 1);
  const coreEdges = (core * (core - 1)) / 2;
  const total = coreEdges + Math.max(0, n - core) * m;
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  let e = 0;
  for (let a = 1; a < core; a++) {
    for (let b = 0; b < a; b++) {
      src[e] = a;
      dst[e] = b;
      e++;
    }
  }
  for (let v = core; v < n; v++) {
    const ends = 2 * e;
    const first = e;
    let t = 0;
    while (e - first < m) {
      const r = Math.floor(stream.word(0, v, t++) * ends * INV_2_32);
      const target = r & 1 ? dst[r >>> 1] : src[r >>> 1];
      let fresh = true;
      for (let f = first; f < e; f++) {
        if (dst[f] === target) {
          fresh = false;
          break;
        }
      }
      if (fresh) {
        src[e] = v;
        dst[e] = target;
        e++;
      }
    }
  }
  return buildCsr(n, src, dst, total);
}

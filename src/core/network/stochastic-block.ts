/**
 * A homophilous stochastic block model (in the family of P. W. Holland,
 * K. B. Laskey and S. Leinhardt, "Stochastic blockmodels: first steps",
 * Social Networks 5, 109–137, 1983), with blocks = (group, region) pairs and
 * block affinities set by two homophily dials instead of a full matrix,
 * sampled by stubs in O(n + n·d) time.
 *
 * Generative rule, for target mean degree d and homophily hGroup, hRegion:
 *   1. Every agent a sends S_a ~ Poisson(d / 2) stubs, independently.
 *   2. For each stub, two independent coins: with probability hRegion the
 *      partner must share a's region, with probability hGroup it must share
 *      a's group. The partner is then uniform over the agents meeting the
 *      chosen restrictions (the whole population when neither applies).
 *   3. A partner equal to a is redrawn (up to 16 times, then the stub is
 *      dropped); if a restricted set holds only a, the region restriction
 *      is lifted first, then the group one.
 *   4. Each stub is one undirected edge; repeated pairs are merged.
 * Each agent thus has on average d/2 stubs out and d/2 in, so the mean degree
 * is d less the (rare) merged and dropped stubs. With group and region
 * independent, the chance a stub stays within a's group is
 * hGroup + (1 - hGroup)·(share of a's group), and likewise for regions; at
 * hGroup = hRegion = 0 the graph is close to Erdős–Rényi. The model is not
 * degree-corrected.
 *
 * Draws: S_a uses step 0, agent a, word 0. Stub j of a uses step 1, agent a,
 * word 2j (low 16 bits: region coin, high 16 bits: group coin, so the dials
 * have 1/65536 resolution) and word 2j + 1 (partner); redraw t uses step
 * 1 + t, word 2j + 1. Two stubs share one Philox block.
 */

import type { Stream } from "../rng/stream.js";
import { buildCsr } from "./build-csr.js";
import type { Csr } from "./csr.js";

const INV_2_32 = 2.3283064365386963e-10;
const MAX_REDRAWS = 16;

export interface SbmParams {
  /** Target mean degree d. */
  readonly meanDegree: number;
  /** Probability that a stub is restricted to the sender's group, in [0, 1]. */
  readonly hGroup: number;
  /** Probability that a stub is restricted to the sender's region, in [0, 1]. */
  readonly hRegion: number;
}

/** Samples the homophilous SBM described above; group/region are per-agent columns. */
export function stochasticBlock(
  n: number,
  group: Uint8Array,
  region: Uint16Array,
  params: SbmParams,
  stream: Stream,
): Csr {
  const { meanDegree, hGroup, hRegion } = params;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`node count ${n} is not valid`);
  if (group.length < n || region.length < n) {
    throw new RangeError(`group/region columns are shorter than n = ${n}`);
  }
  if (!(meanDegree >= 0) || !Number.isFinite(meanDegree)) {
    throw new RangeError(`mean degree ${meanDegree} is not valid`);
  }
  for (const [name, h] of [
    ["group", hGroup],
    ["region", hRegion],
  ] as const) {
    if (!(h >= 0 && h <= 1)) throw new RangeError(`${name} homophily ${h} not in [0, 1]`);
  }
  const { src, dst } = stubEdges(n, group, region, meanDegree, hGroup, hRegion, stream);
  return buildCsr(n, src, dst, src.length);
}

// The members of class c are members[start[c] .. start[c + 1]) of one array
// shared by all indices (base = where this index's part begins), so the hot
// loop reads a single typed array.
function indexBy(
  n: number,
  classes: number,
  key: (a: number) => number,
  members: Int32Array,
  base: number,
): Uint32Array {
  const start = new Uint32Array(classes + 1);
  for (let a = 0; a < n; a++) start[key(a) + 1]++;
  start[0] = base;
  for (let c = 0; c < classes; c++) start[c + 1] += start[c];
  const cursor = start.slice(0, classes);
  for (let a = 0; a < n; a++) members[cursor[key(a)]++] = a;
  return start;
}

// Sets slot c to class k of an index when that class holds more than one
// agent; otherwise leaves the wider set already in slot c.
function pick(start: Uint32Array, k: number, c: number, lo: Float64Array, size: Float64Array) {
  const s = start[k + 1] - start[k];
  if (s > 1) {
    lo[c] = start[k];
    size[c] = s;
  }
}

// Separate from stochasticBlock so the member indices are garbage before
// buildCsr allocates.
function stubEdges(
  n: number,
  group: Uint8Array,
  region: Uint16Array,
  d: number,
  hGroup: number,
  hRegion: number,
  stream: Stream,
): { src: Int32Array; dst: Int32Array } {
  if (n < 2) return { src: new Int32Array(0), dst: new Int32Array(0) };
  let groups = 0;
  let regions = 0;
  for (let a = 0; a < n; a++) {
    if (group[a] >= groups) groups = group[a] + 1;
    if (region[a] >= regions) regions = region[a] + 1;
  }
  // Only the indices some stub can use are built.
  const useBlock = hGroup > 0 && hRegion > 0;
  const members = new Int32Array(
    n * ((hGroup > 0 ? 1 : 0) + (hRegion > 0 ? 1 : 0) + (useBlock ? 1 : 0)),
  );
  let base = 0;
  const byGroup = hGroup > 0 ? indexBy(n, groups, (a) => group[a], members, base) : null;
  if (byGroup !== null) base += n;
  const byRegion = hRegion > 0 ? indexBy(n, regions, (a) => region[a], members, base) : null;
  if (byRegion !== null) base += n;
  const byBlock = useBlock
    ? indexBy(n, groups * regions, (a) => group[a] * regions + region[a], members, base)
    : null;

  const half = d / 2;
  const stubStart = new Uint32Array(n + 1);
  for (let a = 0; a < n; a++) {
    stubStart[a + 1] = stubStart[a] + poissonInverse(half, stream.u01(0, a, 0));
  }
  const total = stubStart[n];
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  // Coins compare 16-bit fields against these thresholds.
  const tRegion = hRegion * 65536;
  const tGroup = hGroup * 65536;
  // Per-agent candidate sets by restriction: index c = 2·wantGroup +
  // wantRegion; setLo[c] < 0 means "all agents", else the set is
  // members[setLo[c] .. setLo[c] + setSize[c]). Resolving the four sets once
  // per agent keeps the per-stub work to two table reads.
  const setLo = new Float64Array(4);
  const setSize = new Float64Array(4);

  for (let a = 0; a < n; a++) {
    const first = stubStart[a];
    const stubs = stubStart[a + 1] - first;
    if (stubs === 0) continue;
    const g = group[a];
    const r = region[a];
    setLo[0] = -1;
    setSize[0] = n;
    // A set holding a alone is widened: region lifted first, then group.
    setLo[1] = -1;
    setSize[1] = n;
    if (byRegion !== null) pick(byRegion, r, 1, setLo, setSize);
    setLo[2] = -1;
    setSize[2] = n;
    if (byGroup !== null) pick(byGroup, g, 2, setLo, setSize);
    setLo[3] = setLo[2];
    setSize[3] = setSize[2];
    if (byBlock !== null) pick(byBlock, g * regions + r, 3, setLo, setSize);

    for (let j = 0; j < stubs; j++) {
      const coins = stream.word(1, a, 2 * j);
      const c = (coins >>> 16 < tGroup ? 2 : 0) + ((coins & 0xffff) < tRegion ? 1 : 0);
      const lo = setLo[c];
      const size = setSize[c];
      let partner = a;
      for (let t = 0; partner === a && t <= MAX_REDRAWS; t++) {
        const k = Math.floor(stream.word(1 + t, a, 2 * j + 1) * size * INV_2_32);
        partner = lo < 0 ? k : members[lo + k];
      }
      // A stub that never found a partner becomes a self-loop, which
      // buildCsr drops.
      src[first + j] = a;
      dst[first + j] = partner;
    }
  }
  return { src, dst };
}

/**
 * Poisson(lambda) from one uniform u in (0, 1) by sequential-search
 * inversion (L. Devroye, "Non-Uniform Random Variate Generation", Springer
 * 1986, §X.3.3): O(lambda) time, which matches the O(d) edges each agent
 * produces anyway. Above lambda = 700, where e^-lambda underflows, a normal
 * approximation (continuity-corrected) is used instead.
 */
export function poissonInverse(lambda: number, u: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 700) {
    // One uniform in, one variate out, so the quantile rather than Box–Muller.
    const z = normalQuantile(u);
    return Math.max(0, Math.floor(lambda + Math.sqrt(lambda) * z + 0.5));
  }
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  // The cap stops rounding (cdf short of u near 1) from looping forever.
  const cap = lambda + 40 * Math.sqrt(lambda) + 40;
  while (u > cdf && k < cap) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

// Standard normal quantile, P. J. Acklam's rational approximation (relative
// error < 1.15e-9), enough for a Poisson mean above 700.
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269];
  const a4 = -30.66479806614716;
  const a5 = 2.506628277459239;
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
  const b4 = -13.28068155288572;
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734];
  const c4 = 4.374664141464968;
  const c5 = 2.938163982698783;
  const dd = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c4) * q + c5) /
      ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a4) * r + a5) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b4) * r + 1)
  );
}

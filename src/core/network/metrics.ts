/**
 * Descriptive statistics of a CSR graph. Triangles are found by merging
 * sorted rows (the "edge-iterator" method; T. Schank and D. Wagner, "Finding,
 * counting and listing all triangles in large graphs, an experimental
 * study", WEA 2005), which needs no extra memory beyond the CSR.
 */

import type { Csr } from "./csr.js";

/** h[k] = number of nodes of degree k, for k = 0..max degree. */
export function degreeHistogram(g: Csr): Uint32Array {
  let max = 0;
  for (let i = 0; i < g.n; i++) max = Math.max(max, g.offsets[i + 1] - g.offsets[i]);
  const h = new Uint32Array(max + 1);
  for (let i = 0; i < g.n; i++) h[g.offsets[i + 1] - g.offsets[i]]++;
  return h;
}

export function meanDegree(g: Csr): number {
  return g.n === 0 ? 0 : g.targets.length / g.n;
}

/** Mean and population variance of the degrees. */
export function degreeMoments(g: Csr): { mean: number; variance: number } {
  const mean = meanDegree(g);
  let ss = 0;
  for (let i = 0; i < g.n; i++) {
    const dev = g.offsets[i + 1] - g.offsets[i] - mean;
    ss += dev * dev;
  }
  return { mean, variance: g.n === 0 ? 0 : ss / g.n };
}

// First position in targets[lo, hi) holding a value > x (rows are sorted).
function upperBound(t: Int32Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// |targets[a, ae) ∩ targets[b, be)| for two sorted ranges.
function intersect(t: Int32Array, a: number, ae: number, b: number, be: number): number {
  let c = 0;
  while (a < ae && b < be) {
    const x = t[a];
    const y = t[b];
    if (x < y) a++;
    else if (x > y) b++;
    else {
      c++;
      a++;
      b++;
    }
  }
  return c;
}

/** Number of triangles, each counted once (as u < v < w). */
export function triangleCount(g: Csr): number {
  const { offsets, targets } = g;
  let tri = 0;
  for (let u = 0; u < g.n; u++) {
    const ue = offsets[u + 1];
    for (let p = upperBound(targets, offsets[u], ue, u); p < ue; p++) {
      const v = targets[p];
      const ve = offsets[v + 1];
      // Neighbours of u after v are > v; those of v must be too.
      tri += intersect(targets, p + 1, ue, upperBound(targets, offsets[v], ve, v), ve);
    }
  }
  return tri;
}

/** Transitivity: 3 × triangles / connected triples (0 when there are none). */
export function globalClustering(g: Csr): number {
  let triples = 0;
  for (let i = 0; i < g.n; i++) {
    const k = g.offsets[i + 1] - g.offsets[i];
    triples += (k * (k - 1)) / 2;
  }
  return triples === 0 ? 0 : (3 * triangleCount(g)) / triples;
}

/** Local clustering coefficient of node i (0 below degree 2). */
export function localClustering(g: Csr, i: number): number {
  const { offsets, targets } = g;
  const s = offsets[i];
  const e = offsets[i + 1];
  const k = e - s;
  if (k < 2) return 0;
  let links = 0;
  for (let p = s; p < e; p++) {
    const v = targets[p];
    links += intersect(targets, s, e, offsets[v], offsets[v + 1]);
  }
  // Each link among neighbours was seen from both of its ends.
  return links / (k * (k - 1));
}

/**
 * Mean local clustering (Watts and Strogatz 1998), nodes of degree < 2
 * counting 0 as in NetworkX. With `sample` < n, only the evenly spaced nodes
 * floor(j·n / sample) are visited: deterministic, and unbiased whenever node
 * ids carry no structure the spacing could alias with.
 */
export function averageLocalClustering(g: Csr, sample?: number): number {
  const n = g.n;
  if (n === 0) return 0;
  const s = sample === undefined || sample >= n ? n : Math.max(1, Math.floor(sample));
  let sum = 0;
  for (let j = 0; j < s; j++) sum += localClustering(g, s === n ? j : Math.floor((j * n) / s));
  return sum / s;
}

/** Share of edges whose two ends carry the same label (0 for an empty graph). */
export function withinShare(g: Csr, labels: ArrayLike<number>): number {
  const { offsets, targets } = g;
  let same = 0;
  for (let i = 0; i < g.n; i++) {
    const li = labels[i];
    for (let p = offsets[i]; p < offsets[i + 1]; p++) if (labels[targets[p]] === li) same++;
  }
  return targets.length === 0 ? 0 : same / targets.length;
}

/**
 * An undirected graph in compressed sparse row form: the neighbours of agent i
 * are targets[offsets[i] .. offsets[i + 1]). Every undirected edge is stored in
 * both directions; no self-loops, no multi-edges, each row sorted ascending.
 */
export interface Csr {
  /** Number of nodes (agents). */
  readonly n: number;
  /** n + 1 offsets into `targets`. */
  readonly offsets: Uint32Array;
  /** Neighbour ids, 2 × (number of undirected edges) entries. */
  readonly targets: Int32Array;
}

/** Degree of node i. */
export function degree(g: Csr, i: number): number {
  return g.offsets[i + 1] - g.offsets[i];
}

/** Number of undirected edges. */
export function edgeCount(g: Csr): number {
  return g.targets.length / 2;
}

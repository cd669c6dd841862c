/**
 * Network generation entry point: picks the generator named by the scenario
 * and translates the common "mean degree" dial into each model's parameter.
 * Every graph is a pure function of (seed, spec, n, group, region).
 */

import { UserError } from "../errors.js";
import type { Seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { barabasiAlbert } from "./barabasi-albert.js";
import type { Csr } from "./csr.js";
import { erdosRenyi } from "./erdos-renyi.js";
import { stochasticBlock } from "./stochastic-block.js";
import { wattsStrogatz } from "./watts-strogatz.js";

/** Stream id of all network-generation randomness. */
export const NETWORK_STREAM = 1;

export const NETWORK_KINDS = ["erdos-renyi", "watts-strogatz", "barabasi-albert", "sbm"] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

export interface NetworkSpec {
  readonly kind: NetworkKind;
  /** Target mean degree; WS rounds it to an even k, BA to m = round(d / 2). */
  readonly meanDegree: number;
  /** Watts–Strogatz rewiring probability beta (default 0.1). */
  readonly rewire?: number;
  /** SBM homophily dials in [0, 1] (default 0, 0); see stochastic-block.ts. */
  readonly homophily?: { readonly group: number; readonly region: number };
}

export interface NetworkContext {
  readonly n: number;
  readonly seed: Seed64;
  /** Per-agent group column; required for "sbm". */
  readonly group?: Uint8Array;
  /** Per-agent region column; required for "sbm". */
  readonly region?: Uint16Array;
}

export const DEFAULT_REWIRE = 0.1;

export function generateNetwork(spec: NetworkSpec, ctx: NetworkContext): Csr {
  const { n } = ctx;
  const d = spec.meanDegree;
  if (!Number.isFinite(d) || d < 0) {
    throw new UserError(`network mean degree must be a non-negative number, got ${d}`);
  }
  if (n > 1 && d > n - 1) {
    throw new UserError(`network mean degree ${d} exceeds n - 1 = ${n - 1}`);
  }
  const stream = new Stream(ctx.seed, NETWORK_STREAM);
  switch (spec.kind) {
    case "erdos-renyi":
      return erdosRenyi(n, n > 1 ? d / (n - 1) : 0, stream);
    case "watts-strogatz": {
      const k = 2 * Math.max(1, Math.round(d / 2));
      if (k >= n) {
        throw new UserError(
          `watts-strogatz needs an even ring degree k below n; k = ${k} from mean degree ${d}, n = ${n}`,
        );
      }
      const beta = spec.rewire ?? DEFAULT_REWIRE;
      if (!(beta >= 0 && beta <= 1)) {
        throw new UserError(`watts-strogatz rewire probability must be in [0, 1], got ${beta}`);
      }
      return wattsStrogatz(n, k, beta, stream);
    }
    case "barabasi-albert":
      return barabasiAlbert(n, Math.max(1, Math.round(d / 2)), stream);
    case "sbm": {
      const { group, region } = ctx;
      if (group === undefined || region === undefined) {
        throw new Error("sbm network needs the group and region columns");
      }
      const h = spec.homophily ?? { group: 0, region: 0 };
      for (const [name, v] of Object.entries(h)) {
        if (!(v >= 0 && v <= 1)) {
          throw new UserError(`sbm ${name} homophily must be in [0, 1], got ${v}`);
        }
      }
      return stochasticBlock(
        n,
        group,
        region,
        { meanDegree: d, hGroup: h.group, hRegion: h.region },
        stream,
      );
    }
    default: {
      const kind: never = spec.kind;
      throw new UserError(`unknown network kind "${kind}"; use one of ${NETWORK_KINDS.join(", ")}`);
    }
  }
}

/**
 * Peak bytes of typed arrays live while generating a network, for the
 * memory guard (JS heap baseline and the population columns not included).
 * With m = n·d/2 undirected edges, a CSR is 4(n + 1) + 8m bytes, and:
 *  - erdos-renyi fills the CSR directly from its lower-triangle lists (4m)
 *    and three n-word arrays: 12m + 12n.
 *  - the others first hold an edge list (src + dst = 8m); buildCsr adds 2m
 *    targets (8m), a 16-bit row tag per target (4m) and offsets (4n). BA and
 *    WS never produce duplicates: 20m + 4n. SBM may, and then the trimmed
 *    copy of the targets (≤ 8m) can coexist with the not yet collected tag,
 *    plus the stub phase's member indices and stub offsets (16n) if not yet
 *    collected either: 28m + 20n.
 *  - watts-strogatz's rewiring phase holds the edge list, a degree array (4n)
 *    and a hash set of rewired edges: two Int32 slots per entry at ≤ 1/2 load,
 *    rounded up to a power of two, so ≤ 32 bytes per rewired edge (beta·m);
 *    counted on top of the build phase in case it is not collected in time.
 * `rewire` defaults to 1, the worst case. Measured peak RSS at n = 10^7,
 * d = 20 on Node 20, Node's ~0.1 GB baseline included: erdos-renyi 1.40 GB
 * (estimate 1.32 GB), sbm 2.92 GB (estimate 3.0 GB).
 */
export function estimateNetworkBytes(
  kind: NetworkKind,
  n: number,
  meanDegree: number,
  rewire = 1,
): number {
  const m = (n * meanDegree) / 2;
  switch (kind) {
    case "erdos-renyi":
      return 12 * m + 12 * n;
    case "barabasi-albert": {
      const mb = n * Math.max(1, Math.round(meanDegree / 2));
      return 20 * mb + 4 * n;
    }
    case "sbm":
      return 28 * m + 20 * n;
    case "watts-strogatz": {
      const k = 2 * Math.max(1, Math.round(meanDegree / 2));
      const mk = (n * k) / 2;
      return 20 * mk + 8 * n + 32 * (rewire * mk + 64);
    }
  }
}

/**
 * The memory guard: what a run needs at its peak, estimated from what it
 * allocates, and refused up front when it does not fit. The estimate counts
 * the engine's columns, the network generator's peak (or the edge list's,
 * from its line count), the metrics table, the store and the report, plus
 * the runtime; the memory tests check that it bounds the measured peak RSS
 * of real runs (every generator, an edge list, 10 to 1,000,000 steps).
 */
import { resolve } from "node:path";
import { EPSTEIN_METRICS } from "../core/epstein/model.js";
import { UserError } from "../core/errors.js";
import { estimateNetworkBytes } from "../core/network/index.js";
import type { Scenario } from "../core/scenario/schema.js";
import { metricNames } from "../core/world/build.js";
import { footprint } from "../core/world/footprint.js";
import { availableMemory, type CgroupPaths } from "./available-memory.js";
import { scanEdgeList } from "./edge-list.js";

type ScsScenario = Extract<Scenario, { model: "scs" }>;

const MiB = 2 ** 20;

/** Node, V8's heap and the DuckDB library: a run of 8 agents peaks at about 147 MiB (measured). */
export const RUNTIME_BYTES = 160 * MiB;

/**
 * Storing: the streaming Parquet writer (a row group at a time) and
 * results.duckdb inserting the part. Bounded, not growing with the rows:
 * inserting 12.8 million rows (100,000 steps) took about 100 MiB above the
 * runtime, whatever DuckDB's memory_limit (measured at 64, 96 and 256 MB).
 */
export const STORE_BYTES = 128 * MiB;

/** The report: charts of at most REPORT_MAX_POINTS points a series, and the page's text. */
export const REPORT_BYTES = 24 * MiB;

/**
 * Bytes per agent and per tie of the engine's columns. The one place that
 * asks core: its footprint counts every declared column, the population, the
 * scheduler's and random-number buffers and each mechanism's tables.
 */
export function engineBytes(s: ScsScenario): { perAgent: number; perTie: number } {
  return footprint(s);
}

/**
 * Peak bytes of loading an edge list of at most `lines` edges for n agents:
 * the endpoint arrays (8 bytes an edge, sized by the line count), then
 * buildCsr's 2m targets, 16-bit row tags and a trimmed copy (20 bytes an
 * edge) while the endpoint arrays still exist.
 */
export function edgeListPeakBytes(lines: number): number {
  return 8 * lines + 20 * lines;
}

/** What the guard knows beyond the scenario: the edge list's line count, once scanned. */
export interface EstimateContext {
  edgeListLines?: number;
}

/** Cells of one metrics row: metrics × (groups + 1, for "all"). */
export function metricCellsPerStep(s: Scenario): number {
  if (s.model === "epstein") return EPSTEIN_METRICS.length;
  return metricNames().length * (s.population.groups.length + 1);
}

/** Bytes of the metrics table: (steps + 1) rows of doubles. */
export function metricsTableBytes(s: Scenario): number {
  return (s.steps + 1) * metricCellsPerStep(s) * 8;
}

/**
 * Bytes a scenario needs at its peak. For an edge-list network, pass the
 * file's line count (scanEdgeList) in `ctx`; without it the mean degree
 * stands in for it, which is only a guess (checkMemoryFor scans the file).
 */
export function estimateBytes(s: Scenario, ctx: EstimateContext = {}): number {
  const fixed = RUNTIME_BYTES + STORE_BYTES + REPORT_BYTES + metricsTableBytes(s);
  if (s.model === "epstein") {
    const cells = s.epstein.width * s.epstein.height;
    // Per cell: grid with halo, cell kinds, cell → agent. Per agent (at most
    // one a cell): position, kind, hardship, risk aversion (float64), state,
    // jail term, quiet-from, activation order.
    return fixed + cells * 8 + cells * 32;
  }
  const n = s.agents;
  const { perAgent, perTie } = engineBytes(s);
  let networkPeak: number;
  let ties: number;
  if (s.network.kind === "edge-list") {
    const lines = ctx.edgeListLines ?? Math.ceil((n * s.network.meanDegree) / 2);
    networkPeak = edgeListPeakBytes(lines);
    ties = 2 * lines;
  } else {
    networkPeak = estimateNetworkBytes(s.network.kind, n, s.network.meanDegree, s.network.rewire);
    ties = n * s.network.meanDegree;
  }
  // Kept after building: the CSR (offsets and targets) and the tie columns.
  const networkKept = 4 * (n + 1) + 4 * ties + perTie * ties;
  // The population exists while the network is built; state comes after.
  return fixed + n * perAgent + Math.max(networkPeak, networkKept);
}

export function formatBytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let u = 0;
  while (b >= 1024 && u < units.length - 1) {
    b /= 1024;
    u++;
  }
  return `${b.toFixed(b < 10 && u > 0 ? 1 : 0)} ${units[u]}`;
}

/** Parses sizes like 512M, 6G, 6GiB, 1.5g, 1000000 (bytes). */
export function parseBytes(text: string): number {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m)
    throw new UserError(
      `--max-memory: cannot read "${text}" as a size; write e.g. 8G, 512M or 2GiB`,
    );
  const mult = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[
    m[2].toLowerCase() as "" | "k"
  ];
  return Number(m[1]) * mult;
}

function refuse(
  need: number,
  bound: { bytes: number; source: string },
  what = "this scenario",
  atLeast = false,
) {
  const limited = bound.source !== "free memory";
  return new UserError(
    `${what} needs ${atLeast ? "more than" : "about"} ${formatBytes(need)} of memory, but ${limited ? `${bound.source} is` : "only"} ${formatBytes(bound.bytes)}${limited ? "" : " is free"}`,
    "Use fewer agents or a lower mean degree, or raise the limit with --max-memory (e.g. --max-memory 20G) if you know better (a container's limit cannot be raised that way).",
  );
}

/**
 * Refuses, before anything is allocated, a scenario that needs more memory
 * than is available (see availableMemory: `limit` instead of the free
 * memory, never more than a container allows). For an edge list this counts
 * only what the mean degree suggests: use checkMemoryFor, which scans it.
 */
export function checkMemory(s: Scenario, limit?: number, paths?: CgroupPaths): number {
  const need = estimateBytes(s);
  const bound = availableMemory(limit, paths);
  if (need > bound.bytes) throw refuse(need, bound);
  return need;
}

/**
 * checkMemory for a scenario as it will run: an edge list is scanned first
 * (a streaming line count that stops as soon as the count alone exceeds the
 * memory available), so a huge or hostile file is refused before it is
 * loaded. Returns the estimate, and the edge list's line count (the loader
 * sizes its arrays by it).
 */
export async function checkMemoryFor(
  s: Scenario,
  baseDir: string,
  limit?: number,
  paths?: CgroupPaths,
): Promise<{ bytes: number; edgeListLines?: number }> {
  const bound = availableMemory(limit, paths);
  if (s.model === "scs" && s.network.kind === "edge-list" && s.network.path) {
    const file = resolve(baseDir, s.network.path);
    const without = estimateBytes(s, { edgeListLines: 0 });
    // Lines that still fit: beyond this the count alone refuses the file.
    const fit = Math.max(0, Math.floor((bound.bytes - without) / edgeListPeakBytes(1)));
    const scan = await scanEdgeList(file, fit);
    const need = estimateBytes(s, { edgeListLines: scan.lines });
    if (!scan.complete || need > bound.bytes) {
      throw refuse(
        need,
        bound,
        `the edge list ${s.network.path} (${scan.complete ? "" : "more than "}${scan.lines.toLocaleString("en-US")} lines)`,
        !scan.complete,
      );
    }
    return { bytes: need, edgeListLines: scan.lines };
  }
  const need = estimateBytes(s);
  if (need > bound.bytes) throw refuse(need, bound);
  return { bytes: need };
}

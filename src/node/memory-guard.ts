import { freemem } from "node:os";
import { UserError } from "../core/errors.js";
import { estimateNetworkBytes } from "../core/network/index.js";
import type { Scenario } from "../core/scenario/schema.js";
import { footprint } from "../core/world/footprint.js";

/**
 * Bytes a scenario needs at its peak, counted from the columns it allocates:
 * population and state columns, the per-agent random blocks, the network
 * generator's peak, the tie flags and the metrics table, plus the runtime.
 */
export function estimateBytes(s: Scenario): number {
  const runtime = 120 * 2 ** 20; // Node, V8 heap, DuckDB when writing
  if (s.model === "epstein") {
    const cells = s.epstein.width * s.epstein.height;
    // cell kind + cell agent + per-agent position/kind/hardship/risk/state/jail + order + vision buffer
    return runtime + cells * (1 + 4) + cells * (4 + 1 + 4 + 4 + 1 + 4 + 4) + (s.steps + 1) * 3 * 8;
  }
  const n = s.agents;
  const d = s.network.meanDegree;
  const perAgent = footprint(s).perAgent;
  const kind = s.network.kind === "edge-list" ? "erdos-renyi" : s.network.kind;
  const networkPeak = estimateNetworkBytes(kind, n, d, s.network.rewire);
  const networkKept = 4 * (n + 1) + 4 * n * d;
  const edgeFlags = n * d;
  const metrics = (s.steps + 1) * 64 * 9 * 8;
  // The population exists while the network is generated; state comes after.
  return runtime + n * perAgent + Math.max(networkPeak, networkKept + edgeFlags) + metrics;
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

/**
 * Refuses, before anything is allocated, a scenario that needs more memory
 * than is available (or than `limit`, when given).
 */
export function checkMemory(s: Scenario, limit?: number): number {
  const need = estimateBytes(s);
  const available = limit ?? freemem();
  if (need > available) {
    throw new UserError(
      `this scenario needs about ${formatBytes(need)} of memory, but ${limit === undefined ? "only" : "the limit is"} ${formatBytes(available)}${limit === undefined ? " is free" : ""}`,
      "Use fewer agents or a lower mean degree, or raise the limit with --max-memory (e.g. --max-memory 20G) if you know better.",
    );
  }
  return need;
}

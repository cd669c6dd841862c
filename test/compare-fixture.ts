/**
 * Synthetic runs for the compare tests: a metrics table in which every metric
 * is NaN except those given, so each measure's reduction can be checked
 * against numbers worked out by hand.
 */

import type { CompareRun } from "../src/core/compare/measures.js";
import { MetricsTable } from "../src/core/metrics/table.js";
import { metricNames } from "../src/core/world/build.js";

export const GRPS = ["all", "majority", "minority"];

/**
 * A table of `values.length` rows: per metric one series (grp "all") or a
 * per-grp list of series.
 */
export function table(
  values: Record<string, number[] | number[][]>,
  grps: readonly string[] = GRPS,
  metrics: readonly string[] = metricNames(),
): MetricsTable {
  const first = Object.values(values)[0];
  const rows =
    first === undefined
      ? 1
      : Array.isArray(first[0])
        ? (first[0] as number[]).length
        : first.length;
  const t = new MetricsTable(metrics, grps, rows);
  for (const [name, v] of Object.entries(values)) {
    const m = t.index(name);
    const perGrp = Array.isArray(v[0]) ? (v as number[][]) : [v as number[]];
    perGrp.forEach((series, g) => {
      for (let s = 0; s < series.length; s++) t.set(s, m, g, series[s]);
    });
  }
  t.recorded = rows;
  return t;
}

/** A run of `agents` agents over the given series. */
export function run(
  values: Record<string, number[] | number[][]>,
  opts: { seed?: string; agents?: number; meanDegree?: number; grps?: readonly string[] } = {},
): CompareRun {
  return {
    seed: opts.seed ?? "1",
    agents: opts.agents ?? 1000,
    meanDegree: opts.meanDegree,
    metrics: table(values, opts.grps),
  };
}

/** A series of `n` rows, all `v` (row 0 too). */
export function flat(v: number, n: number): number[] {
  return Array.from({ length: n }, () => v);
}

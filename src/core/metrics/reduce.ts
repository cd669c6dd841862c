/**
 * Reductions of a run's metric series to one number. Row 0 of a metrics
 * table is the state at the start of the recorded horizon (the end of the
 * burn-in); rows 1..T are the steps of the horizon, so sums and means run over
 * rows 1..T, where the counts of the horizon live.
 */
import type { MetricsTable } from "./table.js";

/** How a metric is reduced over a run. */
export type Reduce = "final" | "total" | "mean" | "max";

/**
 * Reduces a metric's series over rows `from`..`to` (default 1..T; NaN cells
 * skipped, NaN if none is left), or takes the last row ("final").
 */
export function reduceSeries(
  tab: MetricsTable,
  metric: string,
  grp: number,
  how: Reduce,
  from = 1,
  to = tab.recorded - 1,
): number {
  if (!tab.metrics.includes(metric) || tab.recorded === 0) return Number.NaN;
  const m = tab.index(metric);
  if (how === "final") return tab.get(tab.recorded - 1, m, grp);
  let acc = how === "max" ? Number.NEGATIVE_INFINITY : 0;
  let k = 0;
  for (let t = Math.max(0, from); t <= to; t++) {
    const v = tab.get(t, m, grp);
    if (Number.isNaN(v)) continue;
    k++;
    if (how === "max") acc = Math.max(acc, v);
    else acc += v;
  }
  if (k === 0) return Number.NaN;
  return how === "mean" ? acc / k : acc;
}

/** Years of the recorded horizon (T steps of a day). */
export function horizonYears(tab: MetricsTable): number {
  return Math.max(0, tab.recorded - 1) / 365;
}

import type { MetricsTable } from "../core/metrics/table.js";

/** How a metric is summarised over a run. */
export type Reduce = "final" | "total" | "mean" | "max";

export interface SummaryRow {
  metric: string;
  reduce: Reduce;
  /** One value per grp of the table ("all" first). */
  values: number[];
}

/** Reduces a metric's series over steps 1..end (step 0 is the initial state). */
export function reduceSeries(tab: MetricsTable, metric: string, grp: number, how: Reduce): number {
  const m = tab.index(metric);
  if (how === "final") return tab.get(tab.recorded - 1, m, grp);
  let acc = how === "max" ? Number.NEGATIVE_INFINITY : 0;
  let k = 0;
  for (let t = 1; t < tab.recorded; t++) {
    const v = tab.get(t, m, grp);
    if (Number.isNaN(v)) continue;
    k++;
    if (how === "max") acc = Math.max(acc, v);
    else acc += v;
  }
  if (k === 0) return Number.NaN;
  return how === "mean" ? acc / k : acc;
}

export function summarise(tab: MetricsTable, spec: readonly [string, Reduce][]): SummaryRow[] {
  return spec
    .filter(([metric]) => tab.metrics.includes(metric))
    .map(([metric, reduce]) => ({
      metric,
      reduce,
      values: tab.grps.map((_, g) => reduceSeries(tab, metric, g, reduce)),
    }));
}

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "–";
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(1);
  if (a >= 1) return v.toFixed(3);
  if (a === 0) return "0";
  return v.toPrecision(3);
}

/** A plain-text table, columns aligned, for terminals and logs. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export const SCS_SUMMARY: [string, Reduce][] = [
  ["listed", "final"],
  ["wrongly_listed", "final"],
  ["list_precision", "final"],
  ["new_listings", "total"],
  ["default_rate", "mean"],
  ["defaults_prevented", "total"],
  ["mean_score", "final"],
  ["top_tier_share", "final"],
  ["denied_loan", "total"],
  ["denied_flight", "total"],
  ["denied_rail", "total"],
  ["denied_school", "total"],
  ["denied_social_media", "total"],
  ["denied_job", "total"],
  ["latent_dissent", "final"],
  ["expressed_dissent", "final"],
  ["chilling", "final"],
  ["protest", "mean"],
  ["detained", "final"],
  ["approval_private", "final"],
  ["approval_expressed", "final"],
  ["ties_cut", "final"],
  ["participation", "final"],
];

export const EPSTEIN_SUMMARY: [string, Reduce][] = [
  ["active", "mean"],
  ["active", "max"],
  ["jailed", "mean"],
  ["quiet", "final"],
];

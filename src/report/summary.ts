import { type Reduce, reduceSeries } from "../core/metrics/reduce.js";
import type { MetricsTable } from "../core/metrics/table.js";

export { type Reduce, reduceSeries };

export interface SummaryRow {
  metric: string;
  reduce: Reduce;
  /** One value per grp of the table ("all" first). */
  values: number[];
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
  ["listed_for_expression", "final"],
  ["erroneously_listed", "final"],
  ["wrongly_listed", "final"],
  ["list_precision", "final"],
  ["new_listings", "total"],
  ["defaults", "total"],
  ["strategic_defaults", "total"],
  ["default_rate", "mean"],
  ["mean_score", "final"],
  ["top_tier_share", "final"],
  ["denied_loan", "total"],
  ["denied_flight", "total"],
  ["denied_rail", "total"],
  ["denied_school", "total"],
  ["children_denied_school", "total"],
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

/** The comparison as aligned plain text, and the formatting of its cells (shared with the page). */
import type { Better, CellStats, CompareTable, MeasureUnit } from "./measures.js";

/** Decimals that show about three significant digits of x (0..4). */
function decimalsFor(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.abs(x)))));
}

export function scaled(v: number, unit: MeasureUnit | "number" | "share"): number {
  return unit === "share" || unit === "points" ? v * 100 : v;
}

const SUFFIX: Record<MeasureUnit, string> = {
  share: "%",
  points: " pp",
  ratio: "×",
  per1000y: "",
  number: "",
};

function fixed(x: number, dec: number): string {
  const s = x.toFixed(dec);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A number in a unit with about three significant digits: "12.3%", "0.41", "2.1 pp". */
export function formatValue(v: number, unit: MeasureUnit): string {
  const m = scaled(v, unit);
  if (Number.isNaN(m)) return "—";
  if (!Number.isFinite(m)) return m > 0 ? "∞" : "−∞";
  return `${fixed(m, decimalsFor(m))}${SUFFIX[unit]}`;
}

/**
 * Formats a cell: "12.3% ±0.4" (the mean and the half-width of its interval),
 * "12.3%" with one seed, "—" when undefined, "∞" for an infinite ratio;
 * "(n=k)" when fewer seeds than runs had a value.
 */
export function formatCell(c: CellStats, unit: MeasureUnit, runs = c.values.length): string {
  if (c.infinite) return "∞";
  if (c.n === 0) return "—";
  const m = scaled(c.mean, unit);
  const half = scaled((c.high - c.low) / 2, unit);
  const dec = decimalsFor(m !== 0 ? m : Number.isFinite(half) ? half : 0);
  let text = `${fixed(m, dec)}${SUFFIX[unit]}`;
  if (Number.isFinite(half)) text += ` ±${fixed(half, dec)}`;
  if (c.n < runs) text += ` (n=${c.n})`;
  return text;
}

export const BETTER_TEXT: Record<Better, string> = {
  lower: "lower",
  higher: "higher",
  neither: "–",
};

export function padTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The main table as aligned plain text: measures down, scenarios across, and which way is better. */
export function formatCompareText(table: CompareTable): string {
  const header = ["measure (B2)", ...table.scenarios, "better"];
  const rows = table.rows.map((r) => [
    r.measure.label,
    ...r.cells.map((c, i) => formatCell(c, r.measure.unit, table.runs[i])),
    BETTER_TEXT[r.measure.better],
  ]);
  return padTable(header, rows);
}

/** The rows measured against each scenario's counterfactual, as text ("" when no scenario has one). */
export function formatBaselineText(table: CompareTable): string {
  if (!table.baseline.some((r) => r.cells.some((c) => c !== undefined))) return "";
  const header = ["against the same society without the system", ...table.scenarios, "better"];
  const rows = table.baseline.map((r) => [
    r.measure.label,
    ...r.cells.map((c, i) =>
      c === undefined ? "(baseline)" : formatCell(c, r.measure.unit, table.runs[i]),
    ),
    BETTER_TEXT[r.measure.better],
  ]);
  const share = table.benefitShare;
  if (share) {
    rows.push([
      `defaults avoided, share of ${share.reference}'s`,
      ...share.cells.map((c, i) =>
        c === undefined ? "(baseline)" : formatCell(c, "share", table.runs[i]),
      ),
      "–",
    ]);
  }
  return padTable(header, rows);
}

/** Per-group rates, one row per measure and group ("" with a single group). */
export function formatGroupText(table: CompareTable): string {
  const rows: string[][] = [];
  for (const r of table.groups) {
    if (r.groups.length < 2) continue;
    r.groups.forEach((g, k) => {
      rows.push([
        `${r.measure.label}: ${g}`,
        ...r.cells.map((cells, i) =>
          cells[k] ? formatCell(cells[k], r.measure.unit, table.runs[i]) : "—",
        ),
      ]);
    });
  }
  if (rows.length === 0) return "";
  return padTable(["by group (rates of the group's own agents)", ...table.scenarios], rows);
}

/** The comparison as aligned plain text, and the formatting of its cells (shared with the page). */
import type { Better, CellStats, CompareTable, MeasureUnit } from "./measures.js";

/** Decimals that show about three significant digits of x (0..4). */
function decimalsFor(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.abs(x)))));
}

function scaled(v: number, unit: MeasureUnit): number {
  return unit === "share" || unit === "points" ? v * 100 : v;
}

const SUFFIX: Record<MeasureUnit, string> = {
  share: "%",
  points: " pp",
  ratio: "×",
  per1000: "",
  number: "",
};

function fixed(x: number, dec: number): string {
  const s = x.toFixed(dec);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Formats a cell: "12.3%", "12.3% ± 0.4" with a spread, "—" when undefined,
 * "∞" for an infinite ratio; "(n=1)" when fewer seeds than runs had a value.
 */
export function formatCell(c: CellStats, unit: MeasureUnit, runs = c.values.length): string {
  if (c.n === 0) return "—";
  const m = scaled(c.mean, unit);
  let text: string;
  if (!Number.isFinite(m)) text = m > 0 ? "∞" : "−∞";
  else {
    const sd = scaled(c.sd, unit);
    const dec = decimalsFor(m !== 0 ? m : Number.isFinite(sd) ? sd : 0);
    text = `${fixed(m, dec)}${SUFFIX[unit]}`;
    if (runs > 1 && Number.isFinite(sd)) text += ` ± ${fixed(sd, dec)}`;
  }
  if (c.n < runs) text += ` (n=${c.n})`;
  return text;
}

export const BETTER_TEXT: Record<Better, string> = {
  lower: "lower",
  higher: "higher",
  neither: "–",
};

function padTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The table as aligned plain text: measures down, scenarios across, and which way is better. */
export function formatCompareText(table: CompareTable): string {
  const header = ["measure (B2)", ...table.scenarios, "better"];
  const rows = table.rows.map((r) => [
    r.measure.label,
    ...r.cells.map((c, i) => formatCell(c, r.measure.unit, table.runs[i])),
    BETTER_TEXT[r.measure.better],
  ]);
  return padTable(header, rows);
}

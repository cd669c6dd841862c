/**
 * The comparison as tidy CSV. Text fields are neutralised against CSV
 * (formula) injection as OWASP advises: a field starting with =, +, -, @,
 * a tab or a carriage return would be run as a formula by a spreadsheet,
 * so it gets a leading single quote (and is quoted). Numbers stay numbers.
 */
import type { CompareTable } from "./measures.js";

/** Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV text field: formula-neutralised, then quoted when it needs it (RFC 4180). */
export function csvText(s: string): string {
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvNumber(v: number): string {
  return Number.isNaN(v) ? "" : String(v);
}

/**
 * The table as tidy CSV, one line per scenario and measure: scenario, measure
 * (id), label, unit, better, mean, sd, seeds (number of seeds with a value),
 * raw values (shares as fractions). Empty where undefined; "Infinity" for ∞.
 */
export function compareCsv(table: CompareTable): string {
  const lines = ["scenario,measure,label,unit,better,mean,sd,seeds"];
  for (const r of table.rows) {
    r.cells.forEach((c, i) => {
      lines.push(
        [
          csvText(table.scenarios[i]),
          r.measure.id,
          csvText(r.measure.label),
          r.measure.unit,
          r.measure.better,
          csvNumber(c.mean),
          csvNumber(c.sd),
          String(c.n),
        ].join(","),
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The comparison as tidy CSV. Text fields are neutralised against CSV
 * (formula) injection as OWASP advises: a field starting with =, +, -, @,
 * a tab or a carriage return would be run as a formula by a spreadsheet,
 * so it gets a leading single quote (and is quoted). Numbers stay numbers.
 */
import type { CellStats, CompareTable } from "./measures.js";

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
 * The table as tidy CSV, one line per scenario, measure and group: scenario,
 * table ("level": the scenario's own runs; "vs_baseline": paired differences
 * from the same society without the system; "group": a population group's
 * own rate), group ("all" or the group's name), measure (id), label, unit,
 * better, mean, sd, low, high (the t interval at `level`), level, seeds
 * (number of seeds with a value). Raw values (shares as fractions); empty
 * where undefined; "Infinity" for ∞.
 */
export function compareCsv(table: CompareTable): string {
  const lines = ["scenario,table,group,measure,label,unit,better,mean,sd,low,high,level,seeds"];
  const row = (
    scenario: string,
    kind: string,
    group: string,
    m: { id: string; label: string; unit: string; better: string },
    c: CellStats,
  ): void => {
    lines.push(
      [
        csvText(scenario),
        kind,
        csvText(group),
        m.id,
        csvText(m.label),
        m.unit,
        m.better,
        c.infinite ? "Infinity" : csvNumber(c.mean),
        csvNumber(c.sd),
        csvNumber(c.low),
        csvNumber(c.high),
        String(c.level),
        String(c.n),
      ].join(","),
    );
  };
  for (const r of table.rows)
    r.cells.forEach((c, i) => {
      row(table.scenarios[i], "level", "all", r.measure, c);
    });
  for (const r of table.baseline) {
    r.cells.forEach((c, i) => {
      if (c) row(table.scenarios[i], "vs_baseline", "all", r.measure, c);
    });
  }
  for (const r of table.groups) {
    r.cells.forEach((cells, i) => {
      cells.forEach((c, k) => {
        row(table.scenarios[i], "group", r.groups[k], r.measure, c);
      });
    });
  }
  return `${lines.join("\n")}\n`;
}

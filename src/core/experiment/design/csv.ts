import { UserError } from "../../errors.js";
import { closest } from "../../yaml/closest.js";
import { factorAllows, factorLabel } from "../factors.js";
import type { Factor, FactorValue } from "../schema.js";
import type { Design } from "./types.js";

interface Field {
  text: string;
  quoted: boolean;
  line: number;
  col: number;
}

/**
 * Splits CSV text into records of fields with their line and column
 * (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes
 * doubled, and line breaks; CRLF or LF). Blank lines are skipped.
 */
export function splitCsv(text: string, file: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  let atRecordStart = true;
  while (i < n) {
    const startLine = line;
    const startCol = col;
    let value = "";
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      col++;
      for (;;) {
        if (i >= n)
          throw new UserError(`${file}:${startLine}:${startCol}: a quoted field is not closed`);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            col += 2;
            continue;
          }
          i++;
          col++;
          break;
        }
        if (c === "\n") {
          line++;
          col = 1;
        } else col++;
        value += c;
        i++;
      }
      if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        throw new UserError(
          `${file}:${line}:${col}: text after a closing quote; double a quote inside a quoted field ("")`,
        );
      }
    } else {
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        value += text[i];
        i++;
        col++;
      }
    }
    const blank = atRecordStart && !quoted && value.trim() === "" && (i >= n || text[i] !== ",");
    if (!blank) record.push({ text: value, quoted, line: startLine, col: startCol });
    atRecordStart = false;
    if (i < n && text[i] === ",") {
      i++;
      col++;
      continue;
    }
    // End of record.
    if (i < n && text[i] === "\r") i++;
    if (i < n && text[i] === "\n") i++;
    line++;
    col = 1;
    if (record.length > 0) records.push(record);
    record = [];
    atRecordStart = true;
  }
  if (record.length > 0) records.push(record);
  return records;
}

/** A CSV cell as a factor value: a number, true/false, or the text itself (quoted: always text). */
function cellValue(f: Field): FactorValue {
  const t = f.text.trim();
  if (f.quoted) return f.text;
  if (t === "true") return true;
  if (t === "false") return false;
  if (t !== "" && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number(t);
  return t;
}

/**
 * Given points: a header naming every factor (by path or name, in any
 * order), then one row per point. Every problem names the line and column:
 * an unknown or missing column, a row with too few or too many cells, a
 * value outside the factor's range or levels.
 */
export function csvDesign(
  factors: readonly Factor[],
  text: string,
  file: string,
  maxPoints: number,
): Design {
  const records = splitCsv(text, file);
  if (records.length === 0)
    throw new UserError(
      `${file}:1:1: the CSV file is empty; it needs a header row naming the factors`,
    );
  const header = records[0];
  const k = factors.length;
  const names = factors.flatMap((f) => [f.path, factorLabel(f)]);
  const column = new Array<number>(k).fill(-1);
  header.forEach((h, c) => {
    const name = h.text.trim();
    const i = factors.findIndex((f) => f.path === name || f.name === name);
    if (i < 0) {
      const hint = closest(name, names);
      throw new UserError(
        `${file}:${h.line}:${h.col}: column "${name}" is not a factor${hint ? ` (did you mean "${hint}"?)` : ""}; factors: ${factors.map(factorLabel).join(", ")}`,
      );
    }
    if (column[i] >= 0)
      throw new UserError(`${file}:${h.line}:${h.col}: factor ${name} has two columns`);
    column[i] = c;
  });
  const missing = factors.filter((_, i) => column[i] < 0).map(factorLabel);
  if (missing.length > 0) {
    throw new UserError(`${file}:1:1: the header has no column for ${missing.join(", ")}`);
  }
  const points = records.length - 1;
  if (points === 0) throw new UserError(`${file}: the CSV file has a header but no points`);
  if (points > maxPoints)
    throw new UserError(`${file}: ${points} points is more than the ${maxPoints} allowed`);
  const values: FactorValue[] = new Array(points * k);
  for (let p = 0; p < points; p++) {
    const row = records[p + 1];
    if (row.length !== header.length) {
      throw new UserError(
        `${file}:${row[0].line}:1: ${row.length} values, but the header has ${header.length} columns`,
      );
    }
    for (let i = 0; i < k; i++) {
      const cell = row[column[i]];
      const v = cellValue(cell);
      const f = factors[i];
      if (!factorAllows(f, v)) {
        const allowed = f.levels
          ? `one of ${f.levels.map((l) => JSON.stringify(l)).join(", ")}`
          : `${f.distribution === "integer" ? "a whole number" : "a number"} in [${f.range![0]}, ${f.range![1]}]`;
        throw new UserError(
          `${file}:${cell.line}:${cell.col}: ${factorLabel(f)}: ${JSON.stringify(v)} is not ${allowed}`,
        );
      }
      values[p * k + i] = v;
    }
  }
  return { type: "csv", k, points, u: null, values };
}

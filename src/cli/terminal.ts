/**
 * What scsim prints is made safe for a terminal: a scenario's name, a
 * group's name, a file path or a field named in an error could carry escape
 * sequences (ESC [ … to recolour, move the cursor, retitle the window or
 * worse), other C0/C1 control characters, or bidirectional overrides that
 * make text read differently from what it is. Each such character is shown
 * as a visible escape (\x1b, \u202e) instead of being sent raw.
 */

// C0 except tab and newline, DEL, C1, and the bidi marks, embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");

/** Text with every control character shown as an escape (\x1b, \x85, \u202e). */
export function safeText(s: string): string {
  return s.replace(UNSAFE, (c) =>
    c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`,
  );
}

/**
 * JSON text with the same characters written as JSON escapes (\u001b),
 * so that it stays valid JSON with the same value. (JSON.stringify escapes
 * C0 but leaves DEL, C1 and bidi controls raw.)
 */
export function safeJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}

/** Writes to stdout, made safe. */
export function out(text: string): void {
  process.stdout.write(safeText(text));
}

/** Writes to stderr, made safe. */
export function err(text: string): void {
  process.stderr.write(safeText(text));
}

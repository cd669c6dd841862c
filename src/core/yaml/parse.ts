import { type Document, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { describe, firstLine, formatIssues, type Where } from "./format-issue.js";
import { nodeAt } from "./node-at.js";

/** Limits that keep a hostile or mistaken file from exhausting memory. */
export interface YamlLimits {
  /**
   * Most alias expansions `yaml` allows, counted as it counts them (uses ×
   * the aliases inside the anchored node), against "billion laughs" files
   * whose aliases of aliases expand exponentially. Default 100, yaml's own.
   */
  maxAliasCount?: number;
  /** Longest text accepted, in UTF-16 code units (default 10 MB). */
  maxLength?: number;
}

export interface YamlText {
  /** The document as plain data (mappings become objects). */
  raw: unknown;
  /** Position of a path of `raw` in the text, as "file:line:col". */
  where: Where;
}

/**
 * Parses YAML (or JSON, which is YAML) with duplicate keys refused and
 * aliases limited. A syntax error becomes a UserError "file:line:col:
 * malformed YAML/JSON: …"; an empty document reads as `null`.
 */
export function readYaml(text: string, file: string, limits: YamlLimits = {}): YamlText {
  const maxLength = limits.maxLength ?? 10_000_000;
  if (text.length > maxLength) {
    throw new UserError(
      `${file}: ${text.length} characters is more than the ${maxLength} a file may have`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new UserError(
      `${file}:${pos.line}:${pos.col}: malformed YAML/JSON: ${firstLine(e.message)}`,
    );
  }
  const raw = toJS(doc, lines, file, limits.maxAliasCount ?? 100);
  const where: Where = (path, key) => {
    const range = nodeAt(doc.contents, path, key)?.range;
    if (!range) return file;
    const pos = lines.linePos(range[0]);
    return `${file}:${pos.line}:${pos.col}`;
  };
  return { raw: raw ?? null, where };
}

/**
 * The document as plain data. An alias that names no anchor, or aliases that
 * expand too much (a "billion laughs" file of aliases of aliases), are
 * UserErrors at the alias's line and column: the yaml library throws a bare
 * ReferenceError for both.
 */
function toJS(doc: Document, lines: LineCounter, file: string, maxAliasCount: number): unknown {
  try {
    return doc.toJS({ maxAliasCount });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let unresolved: { source: string; at: number } | undefined;
    let first: number | undefined;
    visit(doc, {
      Alias(_, node) {
        const at = node.range?.[0] ?? 0;
        first ??= at;
        if (!unresolved && node.resolve(doc) === undefined)
          unresolved = { source: node.source, at };
      },
    });
    const pos = lines.linePos(unresolved?.at ?? first ?? 0);
    const where = `${file}:${pos.line}:${pos.col}`;
    if (unresolved) {
      throw new UserError(
        `${where}: alias *${unresolved.source} names no anchor (an anchor &${unresolved.source} must come before it)`,
      );
    }
    throw new UserError(
      maxAliasCount === 0
        ? `${where}: aliases are not allowed here`
        : `${where}: the aliases expand to too much data (more than ${maxAliasCount} expansions; a "billion laughs" file?)`,
      "Write the repeated values out, or use fewer aliases (*name) of anchors (&name).",
    );
  }
}

/**
 * Validates already-parsed data against a zod schema; problems become one
 * UserError listing up to five of them, each with its position (`where`),
 * field path and what is allowed.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  where: Where,
): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new UserError(formatIssues(result.error.issues, schema, where, raw));
}

/**
 * Reads YAML/JSON text and validates it against `schema`: every problem is
 * reported as "file:line:col: field.path: what is wrong; allowed: …". The
 * top level must be a mapping (`what` names the kind of file in that
 * message, e.g. "an experiment"); an empty file is the empty mapping.
 */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  what = "this file",
  limits: YamlLimits = {},
): z.output<S> {
  const { raw, where } = readYaml(text, file, limits);
  const value = raw ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UserError(
      `${file}:1:1: ${what} is a mapping of fields (name: value), not ${describe(value)}`,
    );
  }
  return validateWith(schema, value, where);
}

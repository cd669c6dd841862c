import { type Document, LineCounter, parseDocument, visit } from "yaml";
import { UserError } from "../errors.js";
import { describe, firstLine, formatIssue, nodeAt } from "../yaml/index.js";
import { epsteinScenarioSchema, type Scenario, scsScenarioSchema } from "./schema.js";

/**
 * Reads a scenario from YAML or JSON text (JSON is YAML), validates it and
 * fills in every default. Any problem becomes a UserError whose message names
 * the file, the line and column, the field and what is allowed, e.g.
 *
 *   scenario.yaml:7:5: mechanisms.tiers.cutofA: unknown field; allowed: cutoffA, cutoffB, …
 */
export function parseScenario(text: string, file = "scenario"): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new UserError(
      `${file}:${pos.line}:${pos.col}: malformed YAML/JSON: ${firstLine(e.message)}`,
    );
  }
  const raw: unknown = toJS(doc, lines, file) ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UserError(
      `${file}:1:1: a scenario is a mapping of fields (name: value), not ${describe(raw)}`,
    );
  }
  const where = (path: readonly PropertyKey[], key?: string) => {
    const node = nodeAt(doc.contents, path, key);
    const range = node?.range;
    if (!range) return `${file}`;
    const pos = lines.linePos(range[0]);
    return `${file}:${pos.line}:${pos.col}`;
  };
  return validateScenario(raw, where);
}

/**
 * Most alias expansions a scenario may make: a scenario needs few, if any,
 * and a "billion laughs" file (aliases of aliases) would otherwise expand to
 * gigabytes. The yaml library's own default.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The document as plain data. An alias that names no anchor, or aliases
 * that expand too much, are UserErrors at the alias's line and column
 * (the yaml library throws a ReferenceError for both).
 */
function toJS(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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
      `${where}: the aliases expand to too much data (more than ${MAX_ALIAS_COUNT} expansions; a "billion laughs" file?)`,
      "A scenario needs few aliases, if any: write the values out.",
    );
  }
}

/** Validates an already-parsed object (e.g. from the browser or a test). */
export function validateScenario(
  raw: unknown,
  where: (path: readonly PropertyKey[], key?: string) => string = () => "scenario",
): Scenario {
  const model = (raw as { model?: unknown })?.model;
  if (model !== undefined && model !== "scs" && model !== "epstein") {
    throw new UserError(
      `${where(["model"])}: model: must be one of scs, epstein; got ${JSON.stringify(model)}`,
    );
  }
  const schema = model === "epstein" ? epsteinScenarioSchema : scsScenarioSchema;
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const messages = result.error.issues
    .slice(0, 5)
    .map((issue) => formatIssue(issue, schema, where, raw));
  const more =
    result.error.issues.length > 5 ? `\n(and ${result.error.issues.length - 5} more)` : "";
  throw new UserError(messages.join("\n") + more);
}

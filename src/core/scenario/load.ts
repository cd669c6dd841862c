import { LineCounter, parseDocument } from "yaml";
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
  const raw: unknown = doc.toJS() ?? {};
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

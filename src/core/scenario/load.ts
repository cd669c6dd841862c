import {
  type Document,
  isMap,
  LineCounter,
  parseDocument,
  visit,
  type Node as YamlNode,
} from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
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

type Issue = z.core.$ZodIssue;

function formatIssue(
  issue: Issue,
  schema: z.ZodType,
  where: (path: readonly PropertyKey[], key?: string) => string,
  raw: unknown,
): string {
  const path = issue.path;
  const dotted = path.map(String).join(".") || "(top level)";
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schema, path, raw);
      return issue.keys
        .map((k) => {
          const field = [...path.map(String), k].join(".");
          const hint = closest(k, allowed);
          return `${where(path, k)}: ${field}: unknown field${hint ? ` (did you mean "${hint}"?)` : ""}; allowed: ${allowed.join(", ")}`;
        })
        .join("\n");
    }
    case "invalid_type":
      return `${where(path)}: ${dotted}: expected ${issue.expected === "int" ? "a whole number" : issue.expected}${receivedOf(issue)}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const rel =
        issue.code === "too_small" ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
      const what =
        issue.origin === "array"
          ? "number of entries"
          : issue.origin === "string"
            ? "length"
            : "value";
      return `${where(path)}: ${dotted}: ${what} must be ${rel} ${String(bound)}`;
    }
    case "invalid_value":
      return `${where(path)}: ${dotted}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator) {
        return `${where(path)}: ${dotted}: ${issue.message}`;
      }
      return `${where(path)}: ${dotted}: ${issue.message}`;
    default:
      return `${where(path)}: ${dotted}: ${issue.message}`;
  }
}

function receivedOf(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  return input === undefined ? ", but it is missing" : `, got ${describe(input)}`;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string")
    return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}

/** The YAML node at a path (or, with `key`, the key node of that entry), for its position. */
function nodeAt(root: unknown, path: readonly PropertyKey[], key?: string): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  let parent: YamlNode | undefined;
  for (const p of path) {
    if (node === undefined || node === null) break;
    parent = node;
    const collection = node as unknown as {
      get?: (k: unknown, keep: boolean) => unknown;
      items?: unknown[];
    };
    if (typeof collection.get !== "function") break;
    const next = collection.get(typeof p === "number" ? p : String(p), true) as
      | YamlNode
      | undefined;
    if (next === undefined) return parent;
    node = next;
  }
  if (key !== undefined && node && isMap(node)) {
    const pair = node.items.find((it) => (it.key as { value?: unknown })?.value === key);
    if (pair?.key) return pair.key as YamlNode;
  }
  return node ?? parent;
}

/**
 * The field names a strict object at `path` of the schema allows. In a union
 * (a distribution), the option whose literal fields match the input is taken;
 * failing that, every option's fields.
 */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  let s: unknown = schema;
  let value: unknown = raw;
  for (const p of [...path, null]) {
    s = pickUnionOption(unwrap(s), value);
    if (p === null) break;
    const def = (
      s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }
    ).def;
    if (def?.type === "object" && def.shape) s = def.shape[String(p)];
    else if (def?.type === "array") s = def.element;
    else return [];
    value = (value as Record<PropertyKey, unknown> | undefined)?.[p as never];
  }
  const def = (
    s as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } }
  )?.def;
  if (def?.type === "union" && def.options) {
    return [...new Set(def.options.flatMap((o) => shapeKeys(unwrap(o))))];
  }
  return shapeKeys(s);
}

function shapeKeys(s: unknown): string[] {
  const def = (s as { def?: { type?: string; shape?: Record<string, unknown> } })?.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** For a union, the option whose literal-valued fields equal the input's; otherwise the union itself. */
function pickUnionOption(s: unknown, value: unknown): unknown {
  const def = (s as { def?: { type?: string; options?: unknown[] } })?.def;
  if (def?.type !== "union" || !def.options || typeof value !== "object" || value === null)
    return s;
  for (const o of def.options) {
    const shape = (unwrap(o) as { def?: { shape?: Record<string, unknown> } }).def?.shape;
    if (!shape) continue;
    const literals = Object.entries(shape).filter(
      ([, f]) => (f as { def?: { type?: string } }).def?.type === "literal",
    );
    if (
      literals.length > 0 &&
      literals.every(([k, f]) =>
        ((f as { def: { values: unknown[] } }).def.values ?? []).includes(
          (value as Record<string, unknown>)[k],
        ),
      )
    ) {
      return unwrap(o);
    }
  }
  return s;
}

function unwrap(s: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (
      s as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } }
    )?.def;
    if (!def) return s;
    if (
      def.type === "default" ||
      def.type === "optional" ||
      def.type === "nullable" ||
      def.type === "prefault"
    ) {
      s = def.innerType;
    } else if (def.type === "pipe") {
      s = def.in;
    } else {
      return s;
    }
  }
  return s;
}

/** The allowed name nearest to `k` by edit distance, if it is near enough to be a typo. */
function closest(k: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(k.length / 3)) + 1;
  for (const a of allowed) {
    const d = editDistance(k.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = new Array(b.length + 1).fill(0).map((_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

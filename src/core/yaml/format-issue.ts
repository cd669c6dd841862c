import type { z } from "zod";
import { closest } from "./closest.js";
import { allowedKeys } from "./schema-walk.js";

/**
 * Where a value sits in its source, for messages: "file:line:col", or a flag
 * name, or just the file when the position is unknown. `key` asks for the
 * position of that key of the mapping at `path` (an unknown field).
 */
export type Where = (path: readonly PropertyKey[], key?: string) => string;

type Issue = z.core.$ZodIssue;

/**
 * One zod issue as a line a person can act on: position, dotted field path,
 * what is wrong and what is allowed, e.g.
 *
 *   scenario.yaml:7:5: mechanisms.tiers.cutofA: unknown field (did you mean "cutoffA"?); allowed: …
 */
export function formatIssue(issue: Issue, schema: z.ZodType, where: Where, raw: unknown): string {
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
      return `${where(path)}: ${dotted}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${gotHint(issue, issue.values)}`;
    case "invalid_union": {
      // A discriminated union whose tag matched no option lists the tags.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        const input = (issue as { input?: unknown }).input;
        const tag = (issue as { discriminator?: string }).discriminator;
        const got =
          tag && input && typeof input === "object"
            ? (input as Record<string, unknown>)[tag]
            : undefined;
        return `${where(path)}: ${dotted}: must be one of ${options.map((v) => JSON.stringify(v)).join(", ")}${got === undefined ? ", but it is missing" : gotHint({ input: got }, options)}`;
      }
      return `${where(path)}: ${dotted}: ${issue.message}`;
    }
    default:
      return `${where(path)}: ${dotted}: ${issue.message}`;
  }
}

/** At most `max` issues, one per line, then a count of the rest. */
export function formatIssues(
  issues: readonly Issue[],
  schema: z.ZodType,
  where: Where,
  raw: unknown,
  max = 5,
): string {
  const messages = issues.slice(0, max).map((issue) => formatIssue(issue, schema, where, raw));
  const more = issues.length > max ? `\n(and ${issues.length - max} more)` : "";
  return messages.join("\n") + more;
}

/** "; got "gird" (did you mean "grid"?)" for a value outside a list of allowed ones. */
function gotHint(issue: { input?: unknown }, allowed: readonly unknown[]): string {
  const input = issue.input;
  if (input === undefined) return "";
  const hint =
    typeof input === "string"
      ? closest(
          input,
          allowed.filter((a): a is string => typeof a === "string"),
        )
      : undefined;
  return `; got ${JSON.stringify(input)}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}

function receivedOf(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  return input === undefined ? ", but it is missing" : `, got ${describe(input)}`;
}

/** A value as a message names it: "a list", "the text \"abc\"", "number 3". */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string")
    return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

export function firstLine(s: string): string {
  return s.split("\n")[0];
}

/**
 * MODEL.md's tables, generated from the declarations: for each mechanism its
 * parameters (path, default, what is allowed, meaning, source), and the state
 * it owns (columns, tallies, counters), the random words it draws and the
 * metrics it records. Generated, so they cannot drift from the code
 * (src/node/docs/model-md.ts writes them; a test checks they are current).
 */
import type { z } from "zod";
import type { MechanismSpec } from "../mechanisms/define.js";
import { PARAM_DOCS, showDefault } from "../scenario/param.js";
import type { ColumnSpec } from "../world/columns.js";
import { type DrawSpec, wordsOf } from "../world/draws.js";

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  in?: z.ZodType;
}

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under default/prefault/optional/nullable wrappers, and the default found on the way. */
function unwrap(s: z.ZodType): { inner: z.ZodType; dflt?: unknown; nullable: boolean } {
  let dflt: unknown;
  let nullable = false;
  for (let k = 0; k < 10; k++) {
    const d = def(s);
    if (d.type === "default" || d.type === "prefault") {
      if (dflt === undefined) dflt = d.defaultValue;
      s = d.innerType as z.ZodType;
    } else if (d.type === "optional" || d.type === "nullable") {
      if (d.type === "nullable") nullable = true;
      s = d.innerType as z.ZodType;
    } else if (d.type === "pipe") s = d.in as z.ZodType;
    else break;
  }
  return { inner: s, dflt, nullable };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

/** What values a leaf schema allows, in a few words. */
export function allowed(s: z.ZodType): string {
  const { inner, nullable } = unwrap(s);
  const d = def(inner);
  let out: string;
  switch (d.type) {
    case "number": {
      const n = inner as unknown as {
        minValue: number | null;
        maxValue: number | null;
        isInt: boolean;
      };
      const checks =
        (
          inner as unknown as {
            _zod: {
              def: {
                checks?: {
                  _zod: { def: { check: string; inclusive?: boolean; value?: number } };
                }[];
              };
            };
          }
        )._zod.def.checks ?? [];
      const open = (which: string) =>
        checks.some((c) => c._zod.def.check === which && c._zod.def.inclusive === false);
      const lo = n.minValue !== null && Number.isFinite(n.minValue) ? n.minValue : null;
      const hi =
        n.maxValue !== null && Number.isFinite(n.maxValue) && n.maxValue < 2 ** 53 - 1
          ? n.maxValue
          : null;
      const kind = n.isInt ? "integer" : "number";
      if (lo !== null && hi !== null)
        out = `${kind} ${open("greater_than") ? "(" : "["}${fmt(lo)}, ${fmt(hi)}${open("less_than") ? ")" : "]"}`;
      else if (lo !== null) out = `${kind} ${open("greater_than") ? ">" : "≥"} ${fmt(lo)}`;
      else if (hi !== null) out = `${kind} ${open("less_than") ? "<" : "≤"} ${fmt(hi)}`;
      else out = kind;
      break;
    }
    case "boolean":
      out = "true, false";
      break;
    case "string":
      out = "text";
      break;
    case "enum":
      out = Object.values(d.entries ?? {}).join(", ");
      break;
    case "literal":
      out = (d.values ?? []).map((v) => JSON.stringify(v)).join(", ");
      break;
    case "array":
      out = `list of ${allowed(d.element as z.ZodType)}`;
      break;
    case "record":
      out = "mapping";
      break;
    case "union":
      out = (d.options ?? []).map((o) => allowed(o)).join(" or ");
      break;
    default:
      out = d.type;
  }
  return nullable ? `${out}, or null` : out;
}

export interface ParamRow {
  path: string;
  dflt: string;
  allowed: string;
  doc: string;
  source: string;
}

function describeOf(s: z.ZodType): string {
  return (s as unknown as { description?: string }).description ?? "";
}

/** Rows of every leaf parameter under a schema, by dotted path. */
export function paramRows(schema: z.ZodType, path: string): ParamRow[] {
  const { inner, dflt } = unwrap(schema);
  const d = def(inner);
  if (d.type === "object" && d.shape) {
    const children = Object.entries(d.shape).map(([k, v]) => ({
      k,
      rows: paramRows(v, `${path}.${k}`),
    }));
    // Children that are the same schema but for their own name (the five sub-systems) are shown once.
    const out: ParamRow[] = [];
    for (let a = 0; a < children.length; ) {
      let b = a + 1;
      const ka = children[a].k;
      const structural = children[a].rows.length > 1;
      while (
        structural &&
        b < children.length &&
        sigLoose(children[b].rows, children[b].k, path) === sigLoose(children[a].rows, ka, path)
      )
        b++;
      if (b - a > 1) {
        const names = children.slice(a, b).map((c) => c.k);
        for (let r = 0; r < children[a].rows.length; r++) {
          const row = children[a].rows[r];
          const variants = new Set(children.slice(a, b).map((c) => c.rows[r].dflt));
          out.push({
            ...row,
            path: `${path}.{${names.join(",")}}${row.path.slice(path.length + ka.length + 1)}`,
            dflt:
              variants.size === 1
                ? row.dflt
                : children
                    .slice(a, b)
                    .map((c) => `${c.k}: ${c.rows[r].dflt}`)
                    .join("; "),
            doc: variants.size === 1 ? row.doc : row.doc.replace(/ \(default [^)]*\)\.?$/, ""),
          });
        }
      } else out.push(...children[a].rows);
      a = b;
    }
    return out;
  }
  const meta = PARAM_DOCS.get(schema);
  const description = describeOf(schema) || describeOf(inner);
  const { doc: plain, source: written } = splitDefault(description);
  const doc = meta?.doc ?? plain;
  const source = meta?.source ?? written;
  return [
    {
      path,
      dflt: meta?.shown ?? (dflt === undefined ? "—" : showDefault(dflt)),
      allowed: allowed(schema),
      doc,
      source,
    },
  ];
}

/**
 * Splits "What it is (default X; where X comes from)." into what it is and
 * the source. The parenthesis is the last "(default " of the text, closed at
 * its end, so a source may hold parentheses of its own.
 */
export function splitDefault(description: string): { doc: string; source: string } {
  const text = description.trim().replace(/\.$/, "");
  const i = text.lastIndexOf(" (default ");
  if (i < 0 || !text.endsWith(")")) return { doc: text, source: "" };
  const inner = text.slice(i + " (default ".length, -1);
  const j = inner.search(/[;:] /);
  return { doc: text.slice(0, i), source: j < 0 ? "" : inner.slice(j + 2).trim() };
}

/** Signature of a child's rows with everything that may differ between the sub-systems left out. */
function sigLoose(rows: ParamRow[], k: string, path: string): string {
  return JSON.stringify(
    rows.map((r) => ({
      p: r.path.slice(path.length + k.length + 2),
      a: r.allowed,
      d: r.doc.replace(/ \(default [^)]*\)\.?$/, ""),
    })),
  );
}

function cell(s: string): string {
  return s.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function wordsText(d: DrawSpec): string {
  if ("lanes" in d)
    return `block ${d.block}: ${Object.entries(d.lanes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`;
  return wordsOf(d)
    .map((p) =>
      p.count === 1
        ? `word ${p.start}`
        : `words ${p.start}, ${p.start + p.stride}, … (${p.count === Number.POSITIVE_INFINITY ? "no end" : `${p.count}`})`,
    )
    .join("; ");
}

/** The generated tables of one declaration, as Markdown. */
export function declarationTables(d: MechanismSpec, params: Record<string, z.ZodType>): string {
  const parts: string[] = [];
  const rows = Object.entries(params).flatMap(([key, s]) => paramRows(s, key));
  if (rows.length > 0) {
    parts.push(
      `**Parameters** (\`mechanisms.…\`)\n\n${table(
        ["parameter", "default", "allowed", "meaning", "source"],
        rows.map((r) => [`\`${r.path}\``, r.dflt, r.allowed, r.doc, r.source || "—"]),
      )}`,
    );
  }
  const cols = Object.entries(d.columns ?? {}) as [string, ColumnSpec][];
  const state: string[][] = [
    ...cols.map(([k, c]) => [
      `\`${k}\``,
      `column, ${c.type}${c.per === "agentSub" ? " per agent and sub-system" : c.per === "tie" ? " per tie" : " per agent"}${c.event ? ", event" : ""}`,
      c.doc,
    ]),
    ...Object.entries(d.tallies ?? {}).map(([k, doc]) => [`\`${k}\``, "tally per group", doc]),
    ...Object.entries(d.counters ?? {}).map(([k, c]) => [
      `\`${k}\``,
      `counter per group${c.size ? ` × ${c.size}` : ""}`,
      c.doc,
    ]),
    ...(d.carries ?? []).map((k) => [`\`${k}\``, "model-level state", "carried from step to step"]),
  ];
  if (state.length > 0)
    parts.push(`**State it owns**\n\n${table(["name", "kind", "what"], state)}`);
  const draws = Object.entries(d.draws ?? {});
  if (draws.length > 0) {
    parts.push(
      `**Random words it draws** (stream, step, agent, word: no other purpose draws them)\n\n${table(
        ["draw", "stream", "when", "words", "what"],
        draws.map(([k, x]) => [`\`${k}\``, String(x.stream), x.at, wordsText(x), x.doc ?? ""]),
      )}`,
    );
  }
  const metrics = Object.entries(d.metrics ?? {});
  if (metrics.length > 0) {
    parts.push(
      `**Metrics it records** (every step, for all and for each group)\n\n${table(
        ["metric", "what"],
        metrics.map(([k, m]) => [`\`${k}\``, m.doc]),
      )}`,
    );
  }
  return parts.join("\n\n");
}

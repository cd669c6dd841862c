import type { z } from "zod";

/**
 * Reading a zod 4 schema's structure (its `def`) to tell the user which field
 * names are allowed where a strict object met an unknown key.
 */

/**
 * The field names a strict object at `path` of the schema allows. In a union
 * (a distribution), the option whose literal fields match the input is taken;
 * failing that, every option's fields.
 */
export function allowedKeys(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  raw: unknown,
): string[] {
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
export function pickUnionOption(s: unknown, value: unknown): unknown {
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

/** The schema inside defaults, optionals, nullables, prefaults and pipes. */
export function unwrap(s: unknown): unknown {
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

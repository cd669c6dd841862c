/** The scenarios' parameters, flattened, and where they differ. */

/**
 * Flattens a JSON value to dotted paths → JSON text of each leaf (arrays are
 * leaves; empty objects and undefined fields are left out), e.g.
 * { a: { b: 1 } } → a.b = "1".
 */
export function flattenParams(v: unknown, prefix = "", out = new Map<string, string>()) {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) flattenParams(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix && v !== undefined) {
    out.set(prefix, JSON.stringify(v));
  }
  return out;
}

/** Fields that differ between scenarios (seed, name and description left out). */
export function parameterDifferences(
  scenarios: readonly unknown[],
): { path: string; values: (string | undefined)[] }[] {
  const flat = scenarios.map((s) => flattenParams(s));
  const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort();
  const skip = new Set(["seed", "name", "description"]);
  return paths
    .filter((p) => !skip.has(p))
    .map((path) => ({ path, values: flat.map((f) => f.get(path)) }))
    .filter((d) => d.values.some((v) => v !== d.values[0]));
}

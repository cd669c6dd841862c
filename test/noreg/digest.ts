/**
 * Digests for frozen-output ("noreg") tests, in the manner of pure-rand's
 * noreg tests: a refactor that claims to change nothing must leave every one
 * of them as it is. Each digest is FNV-1a 64 over bytes, so a single changed
 * bit anywhere shows.
 */
import { Fnv1a64 } from "../../src/core/hash.js";
import type { MetricsTable } from "../../src/core/metrics/table.js";

/** FNV-1a 64 of one typed array's bytes. */
export function digest(view: ArrayBufferView): string {
  return new Fnv1a64().update(view).hex();
}

/** Digest of every typed-array field of an object, by field name (sorted). */
export function columnDigests(obj: object, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(obj).sort()) {
    if (skip.includes(key)) continue;
    const v = (obj as Record<string, unknown>)[key];
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) out[key] = digest(v);
  }
  return out;
}

const enc = new TextEncoder();
const f64 = new Float64Array(1);

/**
 * Digest of a metrics table as tidy rows sorted by (metric, grp, step), so it
 * does not depend on the order in which metrics are declared or laid out.
 */
export function metricsDigest(tab: MetricsTable): string {
  const rows: [string, string, number, number][] = [];
  tab.forEachTidy((step, metric, grp, value) => rows.push([metric, grp, step, value]));
  rows.sort((a, b) =>
    a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[2] - b[2],
  );
  const h = new Fnv1a64();
  for (const [metric, grp, step, value] of rows) {
    h.update(enc.encode(`${metric}|${grp}|${step}|`));
    f64[0] = value;
    h.update(f64);
  }
  return `${rows.length}:${h.hex()}`;
}

/**
 * Helpers for metric declarations. A metric is recorded every step for grp
 * "all" (0) and for each group g (grp g + 1); most are a tally or a counter of
 * that grp, or a ratio of two. Every helper is a plain function: recording a
 * step allocates nothing.
 */
import type { MetricSpec } from "../mechanisms/define.js";
import type { World } from "../world/world.js";

/** a / b, NaN when b is not positive (an empty denominator: not stored). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}

/** The value of a per-group array for grp: 0 = the sum over groups, g + 1 = group g. */
export function at(a: Float64Array, grp: number): number {
  if (grp > 0) return a[grp - 1];
  let s = 0;
  for (let g = 0; g < a.length; g++) s += a[g];
  return s;
}

/** Cell `cell` of a sized per-group counter (cell, g at cell * G + g), for grp. */
export function atCell(a: Float64Array, cell: number, G: number, grp: number): number {
  if (grp > 0) return a[cell * G + grp - 1];
  let s = 0;
  for (let g = 0; g < G; g++) s += a[cell * G + g];
  return s;
}

type Chart = MetricSpec["chart"];

/**
 * The share of the grp's agents that tally `name` counts. (Tally and counter
 * names are plain strings here, because declarations call these helpers
 * before the world's types exist; the world checks every name it is given
 * when it is built, so a misspelt one fails at once.)
 */
export function share(name: string, doc: string, chart?: Chart): MetricSpec {
  return {
    doc,
    chart,
    uses: { tallies: [name, "agents"] },
    value: (w, grp) => ratio(at(tallyOf(w, name), grp), at(w.tally.agents, grp)),
  };
}

/** This step's count of counter `name` (cell `cell`) for grp. */
export function counted(name: string, doc: string, cell = 0, chart?: Chart): MetricSpec {
  return {
    doc,
    chart,
    uses: { counters: [name] },
    value: (w, grp) => atCell(counterOf(w, name), cell, w.G, grp),
  };
}

function tallyOf(w: World, name: string): Float64Array {
  return (w.tally as unknown as Record<string, Float64Array>)[name];
}

function counterOf(w: World, name: string): Float64Array {
  return (w.count as unknown as Record<string, Float64Array>)[name];
}

/**
 * One metric per name, `${prefix}_${name}`, e.g. denied_flight .. denied_job:
 * typed, so each generated name is a known metric name.
 */
export function perName<const P extends string, const N extends readonly string[]>(
  prefix: P,
  names: N,
  spec: (index: number, name: N[number]) => MetricSpec,
): { readonly [K in N[number] as `${P}_${K}`]: MetricSpec } {
  return Object.fromEntries(names.map((n, k) => [`${prefix}_${n}`, spec(k, n)])) as never;
}

/** A metric from its value function (0 = all, g + 1 = group g; NaN where undefined). */
export function metric(doc: string, value: MetricSpec["value"], chart?: Chart): MetricSpec {
  return { doc, value, chart };
}

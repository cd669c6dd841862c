/**
 * Harness for effect tests: run a scenario and a variant of it on the same
 * seeds (common random numbers), reduce each run to one number, and test the
 * paired differences against an effect size that matters, with a 95% t
 * confidence interval over the seeds.
 */
import { expect } from "vitest";
import { buildSimulation } from "../src/core/build.js";
import type { ScsModel } from "../src/core/model.js";
import { validateScenario } from "../src/core/scenario/load.js";
import { presetScenario } from "../src/core/scenario/presets.js";
import type { ScsScenario } from "../src/core/scenario/schema.js";
import { runToEnd } from "../src/core/simulation.js";
import { type Difference, pairedDifference } from "../src/core/stats/index.js";
import { type Reduce, reduceSeries } from "../src/report/summary.js";

/** Seeds an effect test runs on: at least 16 (issue 8). */
export const SEEDS = 16;

/** Deep-merges plain objects (arrays and scalars are replaced). */
export function merge<T>(base: T, patch: unknown): T {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = (base as Record<string, unknown>)?.[k];
    out[k] =
      b &&
      typeof b === "object" &&
      !Array.isArray(b) &&
      v &&
      typeof v === "object" &&
      !Array.isArray(v)
        ? merge(b, v)
        : v;
  }
  return out as T;
}

/** A validated SCS scenario from a partial one (defaults fill the rest). */
export function scenario(partial: Record<string, unknown>): ScsScenario {
  const s = validateScenario({ model: "scs", ...partial });
  if (s.model !== "scs") throw new Error("not an scs scenario");
  return s;
}

/**
 * A preset at its own parameters, smaller: `agents` agents, and a shorter
 * burn-in and horizon where given (the effects tested do not need the
 * preset's steady state unless a test says so).
 */
export function preset(
  name: string,
  size: { agents?: number; burnIn?: number; steps?: number } = {},
  patch: Record<string, unknown> = {},
): Record<string, unknown> {
  const s = presetScenario(name) as unknown as Record<string, unknown>;
  return merge(merge(s, { agents: 2000, ...size }), patch);
}

/** Runs a scenario to its end; returns the model (metrics in model.metrics). */
export function run(s: ScsScenario): ScsModel {
  const sim = buildSimulation(s) as ScsModel;
  runToEnd(sim);
  return sim;
}

export interface Comparison {
  /** Per seed: the measure in arm a and in arm b. */
  a: number[];
  b: number[];
  /** The paired difference b − a over the seeds, with its 95% t interval. */
  d: Difference;
}

/** Runs arms a and b (patches of `base`) on seeds 1..reps and compares several measures of each pair. */
export function compareMany<K extends string>(
  base: Record<string, unknown>,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  reps: number,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, Comparison> {
  const keys = Object.keys(measures) as K[];
  const xs = Object.fromEntries(keys.map((k) => [k, { a: [] as number[], b: [] as number[] }]));
  for (let seed = 1; seed <= reps; seed++) {
    const ma = run(scenario(merge(merge(base, a), { seed })));
    const mb = run(scenario(merge(merge(base, b), { seed })));
    for (const k of keys) {
      xs[k].a.push(measures[k](ma));
      xs[k].b.push(measures[k](mb));
    }
  }
  const out = {} as Record<K, Comparison>;
  for (const k of keys) out[k] = { a: xs[k].a, b: xs[k].b, d: pairedDifference(xs[k].b, xs[k].a) };
  return out;
}

/** Runs one scenario on seeds 1..reps and takes several measures of each run. */
export function replicate<K extends string>(
  base: Record<string, unknown>,
  reps: number,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, number[]> {
  const keys = Object.keys(measures) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let seed = 1; seed <= reps; seed++) {
    const m = run(scenario(merge(base, { seed })));
    for (const k of keys) out[k].push(measures[k](m));
  }
  return out;
}

/**
 * Runs several arms (full scenarios) on the same seeds 1..reps, each run once,
 * and takes every measure of each: arms[name][measure] is the list of values
 * by seed. Pair any two arms with `pair`.
 */
export function runArms<A extends string, K extends string>(
  arms: Record<A, Record<string, unknown>>,
  reps: number,
  measures: Record<K, (m: ScsModel) => number>,
): Record<A, Record<K, number[]>> {
  const out = {} as Record<A, Record<K, number[]>>;
  for (const a of Object.keys(arms) as A[]) out[a] = replicate(arms[a], reps, measures);
  return out;
}

/** The paired comparison of two arms' values of one measure (b − a). */
export function pair(a: number[], b: number[]): Comparison {
  return { a, b, d: pairedDifference(b, a) };
}

/** One measure of arms a and b (see compareMany). */
export function compare(
  base: Record<string, unknown>,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  reps: number,
  measure: (m: ScsModel) => number,
): Comparison {
  return compareMany(base, a, b, reps, { measure }).measure;
}

/** A metric of a run reduced over its recorded steps (grp 0 = all, g + 1 = group g). */
export function metric(name: string, how: Reduce = "final", grp = 0): (m: ScsModel) => number {
  return (m) => reduceSeries(m.metrics, name, grp, how);
}

/** Per agent and year of the horizon: a count metric's total over the horizon. */
export function perAgentYear(name: string, grp = 0): (m: ScsModel) => number {
  return (m) =>
    (reduceSeries(m.metrics, name, grp, "total") / m.agents) * (365 / (m.metrics.recorded - 1));
}

/** The data behind a comparison, so that a failure explains itself. */
export function explain(c: Comparison): string {
  const f = (x: number[]) => x.map((v) => Number(v.toPrecision(4))).join(", ");
  const d = c.d;
  return `a: [${f(c.a)}]\nb: [${f(c.b)}]\nb − a = ${d.mean.toPrecision(4)}, 95% CI [${d.low.toPrecision(4)}, ${d.high.toPrecision(4)}] over ${d.n} seeds`;
}

/**
 * Asserts that b − a exceeds `atLeast` with 95% confidence (the lower end of
 * the interval above it); for a decrease, that it is below −atLeast. `why`
 * says why that size matters.
 */
export function expectEffect(
  c: Comparison,
  direction: "increase" | "decrease",
  atLeast: number,
  why: string,
): void {
  const msg = `${why}\n${explain(c)}`;
  expect(c.d.n, msg).toBeGreaterThanOrEqual(SEEDS);
  if (direction === "increase") expect(c.d.low, msg).toBeGreaterThan(atLeast);
  else expect(c.d.high, msg).toBeLessThan(-atLeast);
}

/** Asserts that the 95% interval of b − a includes 0 and lies within ±within. */
export function expectNoEffect(c: Comparison, within: number, why: string): void {
  const msg = `${why}\n${explain(c)}`;
  expect(c.d.low, msg).toBeLessThanOrEqual(0);
  expect(c.d.high, msg).toBeGreaterThanOrEqual(0);
  expect(Math.max(-c.d.low, c.d.high), msg).toBeLessThan(within);
}

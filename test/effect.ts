/**
 * Harness for effect tests: run a scenario with a mechanism on and off on the
 * same seeds, reduce each run to one number, and test the paired differences.
 */
import { buildSimulation } from "../src/core/build.js";
import type { ScsModel } from "../src/core/model.js";
import { validateScenario } from "../src/core/scenario/load.js";
import type { ScsScenario } from "../src/core/scenario/schema.js";
import { runToEnd } from "../src/core/simulation.js";
import { oneSampleTTest, signTest, type TTest } from "../src/core/stats/index.js";
import { type Reduce, reduceSeries } from "../src/report/summary.js";

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

/** Runs a scenario to its end; returns the model (metrics in model.metrics). */
export function run(s: ScsScenario): ScsModel {
  const sim = buildSimulation(s) as ScsModel;
  runToEnd(sim);
  return sim;
}

export interface Comparison {
  /** Per seed: the measure with the mechanism off (a) and on (b). */
  a: number[];
  b: number[];
  /** Paired differences b − a. */
  diff: number[];
  /** Paired t-test of the differences against 0; p is one-sided, for "b > a". */
  t: TTest;
  /** Exact sign test of the differences; p is one-sided, for "b > a". */
  sign: ReturnType<typeof signTest>;
}

/**
 * Runs `a` and `b` (partial scenarios merged onto `base`) on seeds 1..reps and
 * compares `measure` of each pair. The tests are one-sided for "b > a": to
 * show a decrease, swap a and b or negate the measure.
 */
export function compare(
  base: Record<string, unknown>,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  reps: number,
  measure: (m: ScsModel) => number,
): Comparison {
  return compareMany(base, a, b, reps, { measure }).measure;
}

/** Like `compare`, with several measures taken from the same pairs of runs. */
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
  for (const k of keys) {
    const { a: xa, b: xb } = xs[k];
    const diff = xb.map((v, j) => v - xa[j]);
    out[k] = { a: xa, b: xb, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
  }
  return out;
}

/** A metric of a run reduced over its steps (grp 0 = all, g + 1 = group g). */
export function metric(name: string, how: Reduce = "final", grp = 0): (m: ScsModel) => number {
  return (m) => reduceSeries(m.metrics, name, grp, how);
}

/** A message for expect(): the data behind a comparison, so a failure explains itself. */
export function explain(c: Comparison): string {
  const f = (x: number[]) => x.map((v) => Number(v.toPrecision(4))).join(", ");
  return `off: [${f(c.a)}]\non: [${f(c.b)}]\npaired t = ${c.t.t.toFixed(3)}, p = ${c.t.p.toExponential(2)}; sign test p = ${c.sign.p.toExponential(2)}`;
}

/**
 * Sanctions for effect tests where a security (political) listing carries the
 * usual sanctions, as a court listing does: agents fear surveillance only when
 * being caught has consequences (M17's stakes).
 */
export const politicalSanctions = {
  flight: { triggers: ["court", "security"], demand: 2 / 365 },
  rail: { triggers: ["court", "security"], demand: 3 / 365 },
  job: { triggers: ["court", "security"], demand: 1 / 365 },
  school: { triggers: ["court", "security"], demand: 1 },
  loan: { triggers: ["financial", "court", "security"], demand: 0 },
  social_media: { triggers: [], demand: 0.7 },
};

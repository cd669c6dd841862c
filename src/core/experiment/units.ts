import { type Seed64, seedValue } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import type { Scenario } from "../scenario/schema.js";
import { canonicalJson } from "./canonical-json.js";
import type { PreparedExperiment } from "./prepare.js";
import { scenarioWith } from "./prepare.js";
import type { FactorValue } from "./schema.js";
import { unitSeed } from "./seeds.js";
import { sha256Hex } from "./sha256.js";

/**
 * A unit of work: one replication of one design point. Units are numbered
 * point-major, index = point × R + replication, so a pool can hand out
 * index ranges; everything about a unit is a pure function of the prepared
 * experiment and its index.
 */
export interface Unit {
  index: number;
  point: number;
  replication: number;
  /** The unit's seed (unitSeed: derived from the master seed, never reused unless paired). */
  seed: Seed64;
}

/** Stream id of a test model's evaluation noise (keyed by the unit seed). */
export const TEST_NOISE_STREAM = STREAM.testModelNoise;

export function unitAt(p: PreparedExperiment, index: number): Unit {
  if (!Number.isInteger(index) || index < 0 || index >= p.units) {
    throw new RangeError(`unit ${index} is outside 0..${p.units - 1}`);
  }
  const point = Math.floor(index / p.replications);
  const replication = index - point * p.replications;
  return { index, point, replication, seed: unitSeed(p.masterSeed, point, replication, p.paired) };
}

/** The factor values of a design point, in factor order. */
export function pointValues(p: PreparedExperiment, point: number): FactorValue[] {
  const k = p.factors.length;
  return p.design.values.slice(point * k, (point + 1) * k);
}

/** The scenario of a design point: base, overrides, factor values; validated. */
export function pointScenario(p: PreparedExperiment, point: number): Scenario {
  return scenarioWith(p, pointValues(p, point));
}

/** The scenario a unit runs: its point's scenario with the unit's seed (as decimal text, the full 64 bits). */
export function unitScenario(p: PreparedExperiment, unit: Unit): Scenario {
  return scenarioWith(p, pointValues(p, unit.point), { seed: seedValue(unit.seed) });
}

/**
 * The content id of a run: SHA-256 (first 128 bits, hex) of the canonical
 * JSON (sorted keys, canonical-json.ts) of { engine version, resolved
 * scenario, seed }. The same scenario content with the same seed on the same
 * engine has the same id whatever the key order or the experiment it came
 * from, so a store can skip a unit it already holds; any change of a value,
 * of the seed or of the engine gives another id.
 */
export function runId(scenario: unknown, seed: Seed64, engineVersion: string): string {
  return sha256Hex(canonicalJson({ engine: engineVersion, scenario, seed: seedValue(seed) })).slice(
    0,
    32,
  );
}

/** The id of a unit (runId of its scenario; for a test model, of the model, values and seed). */
export function unitId(p: PreparedExperiment, unit: Unit): string {
  if (p.testModel) {
    return runId(
      { testModel: p.experiment.model, values: pointValues(p, unit.point) },
      unit.seed,
      p.engineVersion,
    );
  }
  return runId(unitScenario(p, unit), unit.seed, p.engineVersion);
}

/**
 * Runs a unit of a test-model experiment: the model at the point's values,
 * plus normal noise of the model's noiseSd drawn from the unit's seed
 * (stream 75), so replications differ only through the seed, and paired
 * replications share their noise.
 */
export function evaluateTestUnit(p: PreparedExperiment, unit: Unit): Record<string, number> {
  const m = p.testModel;
  if (!m) throw new Error("evaluateTestUnit: not a test-model experiment");
  const x = pointValues(p, unit.point) as number[];
  let y = m.evaluate(x);
  if (m.noiseSd > 0) y += m.noiseSd * new Stream(unit.seed, TEST_NOISE_STREAM).normal(0, 0, 0);
  const out: Record<string, number> = {};
  for (const o of p.outputs) out[o.name] = y;
  return out;
}

/** Every unit of a test-model experiment, evaluated in order (fast: no simulation). */
export function runTestModel(
  p: PreparedExperiment,
): { point: number; replication: number; outputs: Record<string, number> }[] {
  const out = [];
  for (let i = 0; i < p.units; i++) {
    const u = unitAt(p, i);
    out.push({ point: u.point, replication: u.replication, outputs: evaluateTestUnit(p, u) });
  }
  return out;
}

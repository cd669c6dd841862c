/**
 * An experiment as data a worker can be given: the file's text, the base
 * scenario and the design CSV already read. A worker (a thread of this
 * process, or a machine reading a queue) prepares the experiment from it
 * without touching the files, so every worker computes the same design.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { EPSTEIN_METRICS } from "../../core/epstein/model.js";
import { UserError } from "../../core/errors.js";
import {
  canonicalJson,
  type PreparedExperiment,
  parseExperiment,
  prepareExperiment,
  sha256Hex,
} from "../../core/experiment/index.js";
import type { Scenario } from "../../core/scenario/schema.js";
import { metricNames } from "../../core/world/build.js";
import { loadPreset, loadScenarioFile } from "../scenario-file.js";

/** Largest experiment file read (a page of YAML; a design CSV may be larger). */
const MAX_EXPERIMENT_BYTES = 1 << 20;
const MAX_CSV_BYTES = 64 << 20;

/** Everything needed to prepare an experiment, as plain (structured-clonable, JSON-able) data. */
export interface ExperimentSource {
  /** The experiment file's text and its name (for messages). */
  text: string;
  file: string;
  /** The base scenario (preset or file) as read, before the overrides; absent for a test model. */
  base?: Scenario;
  /** Directory relative paths in the base scenario (an edge list) resolve against. */
  baseDir: string;
  /** The design CSV's text and name (design type csv). */
  csv?: { text: string; file: string };
}

function readText(path: string, max: number, what: string): string {
  try {
    const size = statSync(path).size;
    if (size > max) {
      throw new UserError(
        `${what} ${path} is ${size.toLocaleString("en-US")} bytes, more than the ${max.toLocaleString("en-US")} allowed`,
      );
    }
    return readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === "ENOENT" ? `${what} not found: ${path}` : `cannot read ${what} ${path}: ${code}`,
    );
  }
}

/** Reads an experiment file and what it refers to (base scenario, design CSV). */
export function loadExperimentSource(path: string): ExperimentSource {
  const text = readText(path, MAX_EXPERIMENT_BYTES, "experiment file");
  const parsed = parseExperiment(text, path);
  const e = parsed.experiment;
  const dir = dirname(resolve(path));
  const source: ExperimentSource = { text, file: path, baseDir: dir };
  if (e.base) {
    const loaded = e.base.preset
      ? loadPreset(e.base.preset)
      : loadScenarioFile(resolve(dir, e.base.file ?? ""));
    source.base = loaded.scenario;
    source.baseDir = loaded.baseDir;
  }
  if (e.design.type === "csv") {
    const csvPath = resolve(dir, e.design.file);
    source.csv = { text: readText(csvPath, MAX_CSV_BYTES, "design CSV"), file: e.design.file };
  }
  return source;
}

/** The metrics a base scenario's model records. */
function knownMetrics(base: Scenario | undefined): readonly string[] | undefined {
  if (!base) return undefined;
  return base.model === "epstein" ? EPSTEIN_METRICS : metricNames();
}

/** Prepares (design built, every factor checked) the experiment of a source. */
export function prepareSource(source: ExperimentSource): PreparedExperiment {
  const file = parseExperiment(source.text, source.file);
  return prepareExperiment(file, {
    base: source.base,
    csv: source.csv,
    metricNames: knownMetrics(source.base),
  });
}

/**
 * The identity of a prepared experiment: SHA-256 of the canonical JSON of the
 * engine version, the validated experiment (defaults filled in), the base
 * scenario with its overrides, and the design's values. Two directories with
 * the same fingerprint hold units of the same study; a changed file, base
 * scenario, CSV or engine gives another.
 */
export function experimentFingerprint(p: PreparedExperiment): string {
  return sha256Hex(
    canonicalJson({
      engine: p.engineVersion,
      experiment: p.experiment,
      base: p.base,
      design: Array.from(p.design.values),
    }),
  );
}

import { deepClone } from "../clone.js";
import { UserError } from "../errors.js";
import { type Seed64, seed64 } from "../rng/seed.js";
import { validateScenario } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { ENGINE_VERSION } from "../version.js";
import type { Where } from "../yaml/format-issue.js";
import { closest, describe, readYaml, validateWith } from "../yaml/index.js";
import { csvDesign } from "./design/csv.js";
import { gridDesign } from "./design/grid.js";
import { lhsDesign } from "./design/lhs.js";
import { morrisDesign } from "./design/morris.js";
import { saltelliDesign } from "./design/saltelli.js";
import type { Design } from "./design/types.js";
import { factorLabel, factorValue } from "./factors.js";
import { type OutputDef, outputDefs } from "./outputs.js";
import {
  type Experiment,
  experimentSchema,
  type Factor,
  type FactorValue,
  MAX_UNITS,
} from "./schema.js";
import { type TestModel, testModel } from "./test-models.js";

/** A parsed experiment file with the positions of its fields. */
export interface ExperimentFile {
  experiment: Experiment;
  /** Position of a path of the file, for messages. */
  where: Where;
  file: string;
}

/**
 * Reads and validates an experiment file (YAML or JSON). Every problem is a
 * UserError naming file:line:col, the field, and what is allowed.
 */
export function parseExperiment(text: string, file = "experiment"): ExperimentFile {
  const { raw, where } = readYaml(text, file);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError(
      `${file}:1:1: an experiment is a mapping of fields (version: 1, design: …), not ${raw === null ? "an empty file" : describe(raw)}`,
    );
  }
  return { experiment: validateWith(experimentSchema, raw, where), where, file };
}

/** An experiment ready to run: its design built, its base scenario and outputs resolved. */
export interface PreparedExperiment {
  experiment: Experiment;
  factors: Factor[];
  design: Design;
  replications: number;
  /** Common random numbers: replication r of every point shares its seed. */
  paired: boolean;
  masterSeed: Seed64;
  outputs: OutputDef[];
  /** The built-in test function, or null for a scenario experiment. */
  testModel: TestModel | null;
  /** The base scenario with the overrides applied (validated), or null for a test model. */
  base: Scenario | null;
  /** Design points × replications. */
  units: number;
  /** Engine version that goes into every unit id. */
  engineVersion: string;
  /** Position of a path of the experiment file, for messages. */
  where: Where;
}

export interface PrepareInputs {
  /**
   * The base scenario named by base.preset or base.file, validated (the
   * caller reads it: files and presets are not the core's business).
   */
  base?: Scenario;
  /** Text of the design's CSV file (design type csv), and its name for messages. */
  csv?: { text: string; file: string };
  /** Most units allowed (default MAX_UNITS). */
  maxUnits?: number;
  /** The metrics the model records: a metric outside them is refused with a did-you-mean. */
  metricNames?: readonly string[];
}

/** Default of pairedSeeds per design: common random numbers except for lhs. */
export function defaultPaired(type: Design["type"]): boolean {
  return type !== "lhs";
}

/**
 * Builds the design, merges the overrides into the base scenario, resolves
 * the outputs and checks, before anything runs, that the whole study fits
 * (points × replications ≤ maxUnits) and that every factor path takes its
 * extreme values (or each level) in a valid scenario.
 */
export function prepareExperiment(
  source: ExperimentFile | Experiment,
  inputs: PrepareInputs = {},
): PreparedExperiment {
  const file: ExperimentFile =
    "experiment" in source
      ? source
      : { experiment: source, where: () => "experiment", file: "experiment" };
  const e = file.experiment;
  const where = file.where;
  const maxUnits = inputs.maxUnits ?? MAX_UNITS;
  const model = e.model !== undefined ? testModel(e.model) : null;
  const factors = e.factors.length > 0 ? e.factors : model ? model.factors : [];
  if (model) checkTestModelFactors(model, factors, where);
  const masterSeed = seed64(e.seed);
  const R = e.replications;
  const maxPoints = Math.floor(maxUnits / R);
  const d = e.design;
  const tooMany = (points: number) =>
    new UserError(
      `${where(["design"])}: design: ${points} points × ${R} replications = ${points * R} units is more than the ${maxUnits} allowed`,
      "Use a smaller design or fewer replications.",
    );
  let design: Design;
  switch (d.type) {
    case "grid":
      design = gridDesign(factors, d.levels, maxPoints);
      break;
    case "lhs":
      if (d.points > maxPoints) throw tooMany(d.points);
      design = lhsDesign(factors, d.points, masterSeed);
      break;
    case "sobol": {
      const points = d.n * (d.secondOrder ? 2 * factors.length + 2 : factors.length + 2);
      if (points > maxPoints) throw tooMany(points);
      design = saltelliDesign(factors, d.n, d.secondOrder, d.scramble ? masterSeed : null);
      break;
    }
    case "morris": {
      const points = d.trajectories * (factors.length + 1);
      if (points > maxPoints) throw tooMany(points);
      design = morrisDesign(factors, d.trajectories, d.levels, masterSeed);
      break;
    }
    case "csv":
      if (!inputs.csv) {
        throw new UserError(
          `${where(["design", "file"])}: design.file: the CSV text was not given`,
        );
      }
      design = csvDesign(factors, inputs.csv.text, inputs.csv.file, maxPoints);
      break;
  }
  const metrics = e.metrics ?? [{ metric: "y", group: "all", at: "end" as const }];
  const outputs = outputDefs(metrics, where);
  if (model) {
    outputs.forEach((o, i) => {
      if (o.metric !== "y" || o.group !== "all" || o.at !== "end") {
        throw new UserError(
          `${where(["metrics", i])}: metrics.${i}: a test model has one output, metric y at the end`,
        );
      }
    });
  }
  const known = inputs.metricNames;
  if (known && !model) {
    outputs.forEach((o, i) => {
      if (!known.includes(o.metric)) {
        const hint = closest(o.metric, known);
        throw new UserError(
          `${where(["metrics", i, "metric"])}: metrics.${i}.metric: unknown metric "${o.metric}"${hint ? ` (did you mean "${hint}"?)` : ""}; metrics: ${known.join(", ")}`,
        );
      }
    });
  }
  let base: Scenario | null = null;
  if (!model) {
    if (!inputs.base) throw new Error("prepareExperiment: the base scenario was not given");
    const raw = deepClone(inputs.base) as Record<string, unknown>;
    deepMerge(raw, e.base!.overrides);
    base = validateScenario(raw, (path, key) =>
      where(["base", "overrides", ...path, ...(key === undefined ? [] : [key])]),
    );
  }
  const prepared: PreparedExperiment = {
    experiment: e,
    factors,
    design,
    replications: R,
    paired: e.pairedSeeds ?? defaultPaired(design.type),
    masterSeed,
    outputs,
    testModel: model,
    base,
    units: design.points * R,
    engineVersion: ENGINE_VERSION,
    where,
  };
  if (base) {
    checkFactorPaths(prepared);
    checkGroups(prepared);
  }
  return prepared;
}

function checkTestModelFactors(model: TestModel, factors: readonly Factor[], where: Where): void {
  const want = model.factors.map((f) => f.path);
  const got = factors.map((f) => f.path);
  if (got.join(",") !== want.join(",")) {
    throw new UserError(
      `${where(["factors"])}: factors: the ${model.name} model takes the factors ${want.join(", ")} in that order (got ${got.join(", ") || "none"})`,
      "Leave factors out to get the model's standard inputs.",
    );
  }
  factors.forEach((f, i) => {
    if (f.levels?.some((v) => typeof v !== "number")) {
      throw new UserError(
        `${where(["factors", i, "levels"])}: factors.${i}.levels: a test model takes numbers`,
      );
    }
  });
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    const t = target[k];
    if (
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      t &&
      typeof t === "object" &&
      !Array.isArray(t)
    ) {
      deepMerge(t as Record<string, unknown>, v as Record<string, unknown>);
    } else {
      target[k] = deepClone(v);
    }
  }
}

/** Sets a dotted path in a plain object, creating mappings on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    const next = o[key];
    if (typeof next !== "object" || next === null) o[key] = {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}

/**
 * The base scenario with the given factor values set and validated again;
 * a problem names the factor's line in the experiment file and its value.
 */
export function scenarioWith(
  p: PreparedExperiment,
  values: readonly FactorValue[],
  extra: Record<string, unknown> = {},
): Scenario {
  if (!p.base) throw new Error("scenarioWith: a test-model experiment has no scenario");
  const raw = deepClone(p.base) as Record<string, unknown>;
  p.factors.forEach((f, i) => {
    setPath(raw, f.path, values[i]);
  });
  for (const [k, v] of Object.entries(extra)) setPath(raw, k, v);
  return validateScenario(raw, (path, key) => {
    const dotted = [...path.map(String), ...(key === undefined ? [] : [key])].join(".");
    const i = p.factors.findIndex(
      (f) =>
        dotted === f.path || dotted.startsWith(`${f.path}.`) || f.path.startsWith(`${dotted}.`),
    );
    if (i >= 0) {
      return `${p.where(["factors", i, "path"])} (factor ${factorLabel(p.factors[i])} = ${JSON.stringify(values[i])})`;
    }
    return `${p.where(["base"])} (base scenario)`;
  });
}

/** Each factor at its lowest and highest value (or each of its levels), the others at point 0. */
function checkFactorPaths(p: PreparedExperiment): void {
  const k = p.factors.length;
  const start = p.design.values.slice(0, k);
  scenarioWith(p, start);
  p.factors.forEach((f, i) => {
    const tries: FactorValue[] = f.levels ? [...f.levels] : [factorValue(f, 0), factorValue(f, 1)];
    for (const v of tries) {
      const values = start.slice();
      values[i] = v;
      scenarioWith(p, values);
    }
  });
}

/** Every output's group is all or a population group of the base scenario. */
function checkGroups(p: PreparedExperiment): void {
  const population = (p.base as { population?: { groups?: { name: string }[] } }).population;
  if (!population?.groups) return;
  const groups = ["all", ...population.groups.map((g) => g.name)];
  p.outputs.forEach((o, i) => {
    if (!groups.includes(o.group)) {
      const hint = closest(o.group, groups);
      throw new UserError(
        `${p.where(["metrics", i, "group"])}: metrics.${i}.group: unknown group "${o.group}"${hint ? ` (did you mean "${hint}"?)` : ""}; groups: ${groups.join(", ")}`,
      );
    }
  });
}

/** Validates an experiment given as data (from the browser or a test). */
export function validateExperiment(raw: unknown): Experiment {
  return validateWith(experimentSchema, raw, () => "experiment");
}

/**
 * Experiments (issue 9): a design of scenario variants, replicated with
 * derived seeds, summarised with t intervals, and analysed for sensitivity
 * (Sobol' indices, Morris effects). Pure: the caller reads files, runs units
 * (a worker pool) and stores results; see docs/EXPERIMENTS.md.
 */
export {
  analyseExperiment,
  BOOTSTRAP_STREAM,
  type ExperimentReport,
  type NoiseEstimate,
  type PointSummary,
  pointDifference,
  type SeriesSummary,
  type UnitResult,
} from "./analysis.js";
export { canonicalJson } from "./canonical-json.js";
export { csvDesign, splitCsv } from "./design/csv.js";
export { gridDesign } from "./design/grid.js";
export { LHS_STREAM, lhsDesign } from "./design/lhs.js";
export { MORRIS_STREAM, morrisDesign } from "./design/morris.js";
export { saltelliDesign, saltelliPoint } from "./design/saltelli.js";
export type { Design, MorrisLayout, SaltelliLayout } from "./design/types.js";
export { factorAllows, factorLabel, factorValue, gridValues } from "./factors.js";
export { type OutputDef, outputDefs, reduceSeries, unitOutputs } from "./outputs.js";
export {
  defaultPaired,
  type ExperimentFile,
  type PreparedExperiment,
  type PrepareInputs,
  parseExperiment,
  prepareExperiment,
  scenarioWith,
  setPath,
  validateExperiment,
} from "./prepare.js";
export {
  type DesignSpec,
  EXPERIMENT_VERSION,
  type Experiment,
  experimentJsonSchema,
  experimentSchema,
  type Factor,
  type FactorValue,
  MAX_FACTORS,
  MAX_UNITS,
  type OutputSpec,
  type TestModelSpec,
} from "./schema.js";
export { UNIT_SEED_STREAM, unitSeed } from "./seeds.js";
export { sha256Hex } from "./sha256.js";
export { ishigami, sobolG, type TestModel, testModel } from "./test-models.js";
export {
  evaluateTestUnit,
  pointScenario,
  pointValues,
  runId,
  runTestModel,
  TEST_NOISE_STREAM,
  type Unit,
  unitAt,
  unitId,
  unitScenario,
} from "./units.js";

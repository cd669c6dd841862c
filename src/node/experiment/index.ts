/**
 * Running experiments (issue 9): `scsim experiment FILE`. The pure core
 * (design, seeds, ids, analysis) is src/core/experiment; this is the part
 * with files, threads and the database.
 *
 * API (stable: a queue executor, issue 10, builds on it):
 *
 *   loadExperimentSource(path) → ExperimentSource   plain data (file text,
 *       base scenario, CSV text): what a worker anywhere needs; JSON-able.
 *   prepareSource(source) → PreparedExperiment      in every worker, the same.
 *   computeUnit(p, index, baseDir) → Promise<Uint8Array>
 *       one unit (point × replication) run and reduced to its outputs,
 *       encoded by codec.ts (encodeUnitResult / decodeUnitResult); pure.
 *   Ledger.open(dir, manifest, {resume}) / storeResult(id, bytes) (async:
 *       many parts are written at once, their fsyncs committed together) /
 *       storeFailure({index, id, message}) / doneIds() / failures() /
 *       readResult(id) / release(): the output directory; a unit is done
 *       when its part units/<id>.bin exists (temporary name, fsync, rename);
 *       failed/<id>.json records a failure until the unit is stored; .lock
 *       holds out a second process. manifestOf(p, source, distinct) makes
 *       the manifest, unitIds(p) every unit's id.
 *   UnitExecutor { run(source, indices, sink, signal?), close() }: runs
 *       units and reports each once to sink.result(index, bytes) or
 *       sink.failure(index, message). PiscinaExecutor (threads),
 *       InProcessExecutor (this thread).
 *   runExperiment(file, {out, resume, executor, progress, signal,
 *       concurrentUnits, writeReport}) → the whole command: only units
 *       without a part run (units sharing an id once); at the end
 *       experiment.duckdb, analysis.json (and the report) are rebuilt from
 *       the parts, so they are the same however the units were computed.
 *
 * Unit ids: core's unitId (SHA-256 of engine, resolved scenario, seed);
 * units with the same id share one part.
 */
export { decodeUnitResult, encodeUnitResult, type UnitOutputs } from "./codec.js";
export { computeUnit, TEST_DELAY_ENV, TEST_FAULTS_ENV } from "./compute.js";
export {
  failureMessage,
  InProcessExecutor,
  type UnitExecutor,
  type UnitSink,
} from "./executor.js";
export {
  DATABASE_FILE,
  FAILED_DIR,
  LEDGER_FORMAT,
  Ledger,
  MANIFEST_FILE,
  type Manifest,
  UNITS_DIR,
  type UnitFailure,
} from "./ledger.js";
export { PiscinaExecutor, type PiscinaExecutorOptions } from "./piscina-executor.js";
export {
  ANALYSIS_FILE,
  analysisJson,
  checkExperimentMemory,
  type ExperimentProgress,
  type ExperimentRunOptions,
  type ExperimentRunResult,
  type FinishedExperiment,
  manifestOf,
  REPORT_FILE,
  readUnits,
  runExperiment,
  runExperimentSource,
  unitIds,
} from "./runner.js";
export {
  type ExperimentSource,
  experimentFingerprint,
  loadExperimentSource,
  prepareSource,
} from "./source.js";

/**
 * What an output directory holds, and the columns of `results.duckdb`.
 *
 * ```text
 * DIR/runs/<run_id>/            one immutable part per stored run (the truth)
 *   run.json                    the run record (seed, scenario, provenance, …)
 *   metrics.parquet             its metrics, tidy: run_id, step, metric, grp, value
 *   report.html                 its report (absent with --no-report)
 * DIR/metrics.parquet/          a Parquet dataset: <run_id>.parquet per run
 *                               (hard links to the parts' files)
 * DIR/results.duckdb            tables runs and metrics, brought up to date
 *                               from the parts by every command
 * DIR/report.html               the report of the latest stored run
 * DIR/.staging/                 runs being written (invisible until renamed)
 * ```
 *
 * A run is stored the moment its part directory is renamed from `.staging/`
 * into `runs/`: one rename, atomic on POSIX, so a run is either whole or not
 * there. Everything else is derived from the parts and repaired by the next
 * command that opens the directory.
 */
import type { RunRecord } from "../../core/run-record.js";

/** File name of the results database inside an output directory. */
export const RESULTS_DB_FILE = "results.duckdb";
/** The Parquet dataset directory (one file per run) inside an output directory. */
export const METRICS_PARQUET_DIR = "metrics.parquet";
/** @deprecated the Parquet export is now a directory; same name as METRICS_PARQUET_DIR. */
export const METRICS_PARQUET_FILE = METRICS_PARQUET_DIR;
/** Directory of the stored runs' parts. */
export const RUNS_DIR = "runs";
/** Directory of parts being written; a part here is not stored. */
export const STAGING_DIR = ".staging";
/** The latest run's report, at the top of the output directory. */
export const REPORT_FILE = "report.html";
/** Files inside one part. */
export const PART_RECORD = "run.json";
export const PART_METRICS = "metrics.parquet";
export const PART_REPORT = "report.html";
/** Version of the part layout (run.json `format`). */
export const PART_FORMAT = 1;

/** Where a run came from, beyond its scenario: recorded so that a run can be told apart and redone. */
export interface Provenance {
  /** The command line that made the run (shell-quoted), or null when not run from the CLI. */
  command: string | null;
  /** Overrides applied to the scenario, as `field=value` (`--set`, `--agents`, `--steps`, `--seed`). */
  overrides: string[];
  /** Absolute path of the scenario file, or null for a preset or a scenario built in code. */
  scenarioFile: string | null;
  /** Title of the run as the report shows it, e.g. "integrated (preset, with overrides: …)". */
  title: string | null;
}

/** A stored run: the engine's record, its provenance and what was stored of it. */
export interface StoredRun extends RunRecord, Provenance {
  /** Number of metric rows stored (non-NaN cells of the stored steps). */
  metricRows: number;
  /** Every how many steps a metrics row was stored (1: every step; the last step always). */
  storeEvery: number;
}

export const NO_PROVENANCE: Provenance = {
  command: null,
  overrides: [],
  scenarioFile: null,
  title: null,
};

/** The columns of table `runs`, in order, with their DuckDB types. */
export const RUNS_COLUMNS = [
  ["run_id", "VARCHAR"],
  ["preset", "VARCHAR"],
  ["seed", "VARCHAR"],
  ["agents", "BIGINT"],
  ["steps", "INTEGER"],
  ["scenario", "VARCHAR"],
  ["engine_version", "VARCHAR"],
  ["started_at", "TIMESTAMP"],
  ["finished_at", "TIMESTAMP"],
  ["state_hash", "VARCHAR"],
  ["title", "VARCHAR"],
  ["command", "VARCHAR"],
  ["overrides", "VARCHAR[]"],
  ["scenario_file", "VARCHAR"],
  ["metric_rows", "BIGINT"],
  ["store_every", "INTEGER"],
] as const;

/** The columns of scsim 0.1's `runs` table (before provenance was recorded). */
export const LEGACY_RUNS_COLUMNS = RUNS_COLUMNS.slice(0, 10);

export const METRICS_COLUMNS = [
  ["run_id", "VARCHAR"],
  ["step", "INTEGER"],
  ["metric", "VARCHAR"],
  ["grp", "VARCHAR"],
  ["value", "DOUBLE"],
] as const;

/** Marks a database as written by this store (scsim ≥ 0.2): its runs mirror the parts. */
export const STORE_TABLE = "scsim_store";

export const CREATE_RUNS = `CREATE TABLE IF NOT EXISTS runs (
  ${RUNS_COLUMNS.map(([n, t]) => `${n} ${t}${n === "run_id" ? " PRIMARY KEY" : ""}`).join(",\n  ")}
)`;

export const CREATE_METRICS = `CREATE TABLE IF NOT EXISTS metrics (
  ${METRICS_COLUMNS.map(([n, t]) => `${n} ${t}`).join(",\n  ")}
)`;

export const CREATE_STORE = `CREATE TABLE IF NOT EXISTS ${STORE_TABLE} (format INTEGER)`;

/** A run id names a directory and a file: letters, digits, `.`, `_`, `-`, not starting with a dot. */
export function checkRunId(runId: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(runId)) {
    throw new Error(`scsim: run id ${JSON.stringify(runId)} is not a valid part name`);
  }
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The results store of an output directory: one immutable part per run
 * (DIR/runs/<run id>/), and what is derived from the parts (results.duckdb,
 * the Parquet dataset DIR/metrics.parquet/, DIR/report.html). See schema.ts
 * for the layout and sync.ts for how the derived files are kept up to date.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import type { MetricsTable } from "../../core/metrics/table.js";
import type { RunRecord } from "../../core/run-record.js";
import { traceStore } from "../trace.js";
import { ensureOutputDir, removeLeftovers } from "./dir.js";
import { LockedError, withDb } from "./open.js";
import { StagedPart } from "./part.js";
import {
  METRICS_PARQUET_DIR,
  NO_PROVENANCE,
  type Provenance,
  REPORT_FILE,
  RESULTS_DB_FILE,
  type StoredRun,
} from "./schema.js";
import { databaseKind, latestRun, type SyncOptions, type SyncResult, syncStore } from "./sync.js";

export { ensureOutputDir, freeDiskBytes, listParts, partDir, removeLeftovers } from "./dir.js";
export { LockedError, lockTimeoutMs } from "./open.js";
export { countStoredRows, storedSteps, writeMetricsParquet } from "./parquet.js";
export { StagedPart } from "./part.js";
export { type MetricRow, readMetrics, readRuns } from "./read.js";
export * from "./schema.js";
export { latestRun, type SyncOptions, type SyncResult, syncStore } from "./sync.js";

/**
 * Checks DIR before a run, so that a mistake is refused before the
 * simulation starts rather than after: DIR is (or can be made) a writable
 * directory, and its results.duckdb, if any, is a database scsim can use (a
 * lock held by another process is fine: the run waits for it when storing).
 * Also removes what killed processes left in DIR.
 */
export async function prepareStore(dir: string): Promise<void> {
  ensureOutputDir(dir);
  removeLeftovers(dir);
  const dbPath = path.join(dir, RESULTS_DB_FILE);
  if (!fs.existsSync(dbPath)) return; // made when the run is stored
  try {
    await withDb(dbPath, { waitMs: 0 }, (c) => databaseKind(c, dbPath));
  } catch (err) {
    if (!(err instanceof LockedError)) throw err;
  }
}

export interface WriteRunOptions {
  /** Store every `storeEvery`-th step's metrics (and the last step's). Default 1: every step. */
  storeEvery?: number;
  /** The run's report, stored in its part (and shown as DIR/report.html while it is the latest). */
  reportHtml?: string;
  /** How the indexes are brought up to date after the run is stored. */
  sync?: SyncOptions;
  /** Progress of writing the metrics: stored steps written, of the total. */
  progress?: (done: number, total: number) => void;
}

export interface WriteRunResult {
  record: StoredRun;
  /** The run's part directory. */
  partPath: string;
  /** Path of results.duckdb. */
  dbPath: string;
  /** The run's file in the Parquet dataset DIR/metrics.parquet/. */
  parquetPath: string;
  /** DIR/report.html when this run's report is there, else null. */
  reportPath: string | null;
  /** Number of metric rows stored for this run (the non-NaN cells of the stored steps). */
  metricRows: number;
  sync: SyncResult;
}

/**
 * Stores one run in DIR: writes its part in DIR/.staging, renames it into
 * DIR/runs/ (from then on the run is stored, whole), then brings
 * results.duckdb, the Parquet dataset and DIR/report.html up to date.
 *
 * Throws UserError when DIR is not writable, when the run id is already
 * stored, when the disk fills (nothing of the run is stored if it fills
 * before the rename; after it, the run is stored and the message says that
 * the indexes are behind), and when the database is not scsim's.
 */
export async function writeRun(
  dir: string,
  record: RunRecord & Partial<Provenance>,
  metrics: MetricsTable,
  opts: WriteRunOptions = {},
): Promise<WriteRunResult> {
  ensureOutputDir(dir);
  const storeEvery = opts.storeEvery ?? 1;
  traceStore("stage");
  const part = StagedPart.create(dir, record.runId);
  let stored: StoredRun;
  let partPath: string;
  try {
    traceStore("write-metrics");
    const metricRows = await part.writeMetrics(metrics, storeEvery, opts.progress);
    if (opts.reportHtml !== undefined) {
      traceStore("write-report");
      part.writeReport(opts.reportHtml);
    }
    stored = {
      ...NO_PROVENANCE,
      ...record,
      overrides: record.overrides ?? [],
      metricRows,
      storeEvery,
    };
    traceStore("commit");
    partPath = part.commit(stored);
  } catch (err) {
    part.abort();
    throw err;
  }
  let sync: SyncResult;
  try {
    sync = await syncStore(dir, opts.sync);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw new UserError(
      `run ${record.runId} is stored (${partPath}), but ${err.message}`,
      `${err.hint ? `${err.hint} ` : ""}The next scsim command in ${dir} (e.g. \`scsim sync ${dir}\`) brings results.duckdb, metrics.parquet/ and report.html up to date.`,
    );
  }
  const reportPath = path.join(dir, REPORT_FILE);
  return {
    record: stored,
    partPath,
    dbPath: path.join(dir, RESULTS_DB_FILE),
    parquetPath: path.join(dir, METRICS_PARQUET_DIR, `${record.runId}.parquet`),
    reportPath:
      opts.reportHtml !== undefined && latestRun(sync.runs)?.runId === record.runId
        ? reportPath
        : null,
    metricRows: stored.metricRows,
    sync,
  };
}

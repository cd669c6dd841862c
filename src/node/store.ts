/**
 * The results store of an output directory DIR:
 *
 * - `DIR/results.duckdb`, tables `runs` (one row per run) and `metrics` (tidy:
 *   run_id, step, metric, grp, value). Runs accumulate: each write appends.
 * - `DIR/metrics.parquet`, all metrics of all runs in the database, rewritten
 *   after each write (to a temporary name, then renamed into place).
 *
 * A run's metrics and its `runs` row are written in one transaction, the
 * `runs` row last: a run listed in `runs` always has all its metrics, even if
 * the process was killed mid-write.
 */
import fs from "node:fs";
import path from "node:path";
import {
  BIGINT,
  type DuckDBConnection,
  DuckDBInstance,
  INTEGER,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from "@duckdb/node-api";
import { UserError } from "../core/errors.js";
import type { MetricsTable } from "../core/metrics/table.js";
import type { RunRecord } from "../core/run-record.js";
import { commitTempFile, tempPathFor } from "./atomic-write.js";

/** File name of the results database inside an output directory. */
export const RESULTS_DB_FILE = "results.duckdb";
/** File name of the Parquet export of all metrics inside an output directory. */
export const METRICS_PARQUET_FILE = "metrics.parquet";

const RUNS_COLUMNS = [
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
] as const;

const METRICS_COLUMNS = [
  ["run_id", "VARCHAR"],
  ["step", "INTEGER"],
  ["metric", "VARCHAR"],
  ["grp", "VARCHAR"],
  ["value", "DOUBLE"],
] as const;

const CREATE_RUNS = `CREATE TABLE IF NOT EXISTS runs (
  run_id VARCHAR PRIMARY KEY,
  preset VARCHAR,
  seed VARCHAR,
  agents BIGINT,
  steps INTEGER,
  scenario VARCHAR,
  engine_version VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  state_hash VARCHAR
)`;

const CREATE_METRICS = `CREATE TABLE IF NOT EXISTS metrics (
  run_id VARCHAR,
  step INTEGER,
  metric VARCHAR,
  grp VARCHAR,
  value DOUBLE
)`;

export interface WriteRunOptions {
  /**
   * If a run with the same run id is already stored, replace it (its metrics
   * and its row) in the same transaction. Default false: refuse with a
   * UserError.
   */
  replace?: boolean;
  /** Rewrite DIR/metrics.parquet after the write. Default true. */
  parquet?: boolean;
}

export interface WriteRunResult {
  /** Path of results.duckdb. */
  dbPath: string;
  /** Path of metrics.parquet, or null when the export was turned off. */
  parquetPath: string | null;
  /** Number of metric rows written for this run (the non-NaN cells). */
  metricRows: number;
}

/** One tidy metrics row of a stored run. */
export interface MetricRow {
  step: number;
  metric: string;
  grp: string;
  value: number;
}

interface Db {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0].trim();
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Turns a failure to open (or set up) the database file into a UserError. */
function openError(file: string, err: unknown): UserError {
  const msg = messageOf(err);
  if (/could not set lock/i.test(msg)) {
    const pid = /PID (\d+)/.exec(msg)?.[1];
    return new UserError(
      `${file} is locked by another process${pid ? ` (PID ${pid})` : ""}`,
      "Wait for that process to finish (or stop it), or use another output directory.",
    );
  }
  if (/not a valid DuckDB database file/i.test(msg)) {
    return new UserError(
      `${file} exists but is not a DuckDB database file`,
      "Move or delete it, or use another output directory.",
    );
  }
  if (/version number|storage version|incompatible/i.test(msg)) {
    return new UserError(
      `${file} was written by an incompatible DuckDB version: ${firstLine(msg)}`,
      "Move it away, or use another output directory.",
    );
  }
  if (/permission denied|read-only file system/i.test(msg)) {
    return new UserError(
      `cannot write ${file}: ${firstLine(msg)}`,
      "Choose an output directory you can write to.",
    );
  }
  return new UserError(
    `cannot open results database ${file}: ${firstLine(msg)}`,
    "Check the file and its directory, or use another output directory.",
  );
}

/**
 * mkdir -p, by hand: Node's `mkdirSync(..., { recursive: true })` loops
 * forever where mkdir fails with ENOENT under an existing parent (e.g. /proc).
 */
function mkdirp(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) mkdirp(parent);
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    // Created meanwhile by someone else: fine (the caller checks it is a directory).
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/** Creates DIR if needed and checks it is a writable directory. */
function ensureWritableDir(dir: string): void {
  try {
    mkdirp(path.resolve(dir));
  } catch (err) {
    throw new UserError(
      `cannot create output directory ${dir}: ${firstLine(messageOf(err))}`,
      "Choose an output directory you can write to.",
    );
  }
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
    if (isDir) fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new UserError(
      `output directory ${dir} is not writable: ${firstLine(messageOf(err))}`,
      "Choose an output directory you can write to.",
    );
  }
  if (!isDir) {
    throw new UserError(
      `output path ${dir} exists and is not a directory`,
      "Choose a directory as output.",
    );
  }
}

async function openDb(file: string, readOnly: boolean): Promise<Db> {
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(
      file,
      readOnly ? { access_mode: "READ_ONLY" } : undefined,
    );
    const connection = await instance.connect();
    return { instance, connection };
  } catch (err) {
    instance?.closeSync();
    throw openError(file, err);
  }
}

/** Closes connection then instance, so the file is unlocked and the WAL checkpointed. */
function closeDb(db: Db): void {
  try {
    db.connection.closeSync();
  } finally {
    db.instance.closeSync();
  }
}

/**
 * DuckDB does not stop two instances of the same process from opening one
 * file (the lock is per process), so store operations on one database are
 * queued here: concurrent writeRun calls on one DIR run one after the other.
 */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

async function withDb<T>(
  file: string,
  readOnly: boolean,
  fn: (c: DuckDBConnection) => Promise<T>,
): Promise<T> {
  return serialized(file, async () => {
    const db = await openDb(file, readOnly);
    try {
      return await fn(db.connection);
    } finally {
      closeDb(db);
    }
  });
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * Creates the tables if missing, and checks that existing ones have the
 * expected columns (a results.duckdb from something else is a user mistake).
 */
async function ensureSchema(c: DuckDBConnection, file: string): Promise<void> {
  await c.run(CREATE_RUNS);
  await c.run(CREATE_METRICS);
  await checkSchema(c, file);
}

async function checkSchema(c: DuckDBConnection, file: string): Promise<void> {
  const reader = await c.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name IN ('runs', 'metrics')
     ORDER BY table_name, ordinal_position`,
  );
  const found = new Map<string, string[]>();
  for (const [table, column, type] of reader.getRowsJS()) {
    const list = found.get(String(table)) ?? [];
    list.push(`${column} ${type}`);
    found.set(String(table), list);
  }
  const expected: [string, readonly (readonly [string, string])[]][] = [
    ["runs", RUNS_COLUMNS],
    ["metrics", METRICS_COLUMNS],
  ];
  for (const [table, cols] of expected) {
    const want = cols.map(([n, t]) => `${n} ${t}`).join(", ");
    const got = (found.get(table) ?? []).join(", ");
    if (got !== want) {
      throw new UserError(
        `${file}: table "${table}" does not have the columns scsim expects ` +
          `(found: ${got || "no such table"}; expected: ${want})`,
        "It was not written by this version of scsim: move it away, or use another output directory.",
      );
    }
  }
}

function toTimestamp(d: Date) {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new Error(`scsim: invalid date in run record: ${String(d)}`);
  return timestampValue(BigInt(ms) * 1000n);
}

async function appendMetrics(
  c: DuckDBConnection,
  runId: string,
  metrics: MetricsTable,
): Promise<number> {
  const appender = await c.createAppender("metrics");
  let rows = 0;
  try {
    metrics.forEachTidy((step, metric, grp, value) => {
      appender.appendVarchar(runId);
      appender.appendInteger(step);
      appender.appendVarchar(metric);
      appender.appendVarchar(grp);
      appender.appendDouble(value);
      appender.endRow();
      rows++;
    });
  } catch (err) {
    try {
      appender.clear();
      appender.closeSync();
    } catch {
      // The transaction is rolled back anyway.
    }
    throw err;
  }
  appender.closeSync(); // flushes
  return rows;
}

async function insertRunRow(c: DuckDBConnection, r: RunRecord): Promise<void> {
  await c.run(
    `INSERT INTO runs (run_id, preset, seed, agents, steps, scenario, engine_version,
       started_at, finished_at, state_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      r.runId,
      r.preset,
      r.seed,
      BigInt(r.agents),
      r.steps,
      r.scenario,
      r.engineVersion,
      toTimestamp(r.startedAt),
      toTimestamp(r.finishedAt),
      r.stateHash,
    ],
    [VARCHAR, VARCHAR, VARCHAR, BIGINT, INTEGER, VARCHAR, VARCHAR, TIMESTAMP, TIMESTAMP, VARCHAR],
  );
}

async function runExists(c: DuckDBConnection, runId: string): Promise<boolean> {
  const reader = await c.runAndReadAll(
    "SELECT count(*) FROM runs WHERE run_id = $1",
    [runId],
    [VARCHAR],
  );
  return Number(reader.getRowsJS()[0][0]) > 0;
}

/**
 * Writes the Parquet export of all metrics of all (committed) runs, to a
 * temporary file in DIR renamed into place, so that a reader never sees a
 * half-written file.
 */
async function exportParquetWith(c: DuckDBConnection, dir: string): Promise<string> {
  const target = path.join(dir, METRICS_PARQUET_FILE);
  const tmp = tempPathFor(target);
  try {
    await c.run(
      `COPY (
         SELECT run_id, step, metric, grp, value FROM metrics
         WHERE run_id IN (SELECT run_id FROM runs)
         ORDER BY run_id, step, metric, grp
       ) TO ${sqlString(tmp)} (FORMAT parquet)`,
    );
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  commitTempFile(tmp, target);
  return target;
}

/**
 * Stores one run in DIR/results.duckdb (created if needed; runs accumulate),
 * its metrics and its `runs` row in one transaction, then rewrites
 * DIR/metrics.parquet. Throws UserError when DIR is not writable, when the
 * database is locked by another process or is not a DuckDB file, or when the
 * run id is already stored (unless `opts.replace`).
 */
export async function writeRun(
  dir: string,
  record: RunRecord,
  metrics: MetricsTable,
  opts: WriteRunOptions = {},
): Promise<WriteRunResult> {
  ensureWritableDir(dir);
  const dbPath = path.join(dir, RESULTS_DB_FILE);
  return withDb(dbPath, false, async (c) => {
    try {
      await ensureSchema(c, dbPath);
    } catch (err) {
      throw err instanceof UserError ? err : openError(dbPath, err);
    }

    let metricRows = 0;
    await c.run("BEGIN TRANSACTION");
    try {
      if (await runExists(c, record.runId)) {
        if (!opts.replace) {
          throw new UserError(
            `run "${record.runId}" is already stored in ${dbPath}`,
            "Use another run id or output directory, or replace the stored run.",
          );
        }
        await c.run("DELETE FROM metrics WHERE run_id = $1", [record.runId], [VARCHAR]);
        await c.run("DELETE FROM runs WHERE run_id = $1", [record.runId], [VARCHAR]);
      }
      metricRows = await appendMetrics(c, record.runId, metrics);
      // The runs row is the commit marker: last, in the same transaction.
      await insertRunRow(c, record);
      await c.run("COMMIT");
    } catch (err) {
      try {
        await c.run("ROLLBACK");
      } catch {
        // Already aborted: nothing was committed.
      }
      throw err;
    }

    let parquetPath: string | null = null;
    if (opts.parquet !== false) {
      try {
        parquetPath = await exportParquetWith(c, dir);
      } catch (err) {
        throw new UserError(
          `the run was stored in ${dbPath}, but writing ${path.join(dir, METRICS_PARQUET_FILE)} failed: ${firstLine(messageOf(err))}`,
          "The database is complete; free some disk space or fix the directory's permissions: " +
            "the next run written there (or exportParquet) rewrites the file.",
        );
      }
    }
    return { dbPath, parquetPath, metricRows };
  });
}

function existingDb(dir: string): string {
  const dbPath = path.join(dir, RESULTS_DB_FILE);
  if (!fs.existsSync(dbPath)) {
    throw new UserError(
      `no results database in ${dir} (${dbPath} does not exist)`,
      "Give the output directory of an earlier run.",
    );
  }
  return dbPath;
}

/**
 * Rewrites DIR/metrics.parquet from DIR/results.duckdb (what writeRun does
 * after each write; useful after a crash between the two).
 */
export async function exportParquet(dir: string): Promise<string> {
  const dbPath = existingDb(dir);
  return withDb(dbPath, false, async (c) => {
    await checkSchema(c, dbPath);
    return exportParquetWith(c, dir);
  });
}

function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}

/** All runs stored in DIR/results.duckdb, oldest first. */
export async function readRuns(dir: string): Promise<RunRecord[]> {
  const dbPath = existingDb(dir);
  return withDb(dbPath, true, async (c) => {
    await checkSchema(c, dbPath);
    const reader = await c.runAndReadAll(
      `SELECT run_id, preset, seed, agents, steps, scenario, engine_version,
         started_at, finished_at, state_hash
       FROM runs ORDER BY started_at, run_id`,
    );
    return reader.getRowObjectsJS().map(
      (r): RunRecord => ({
        runId: String(r.run_id),
        preset: r.preset === null ? null : String(r.preset),
        seed: String(r.seed),
        agents: Number(r.agents),
        steps: Number(r.steps),
        scenario: String(r.scenario),
        engineVersion: String(r.engine_version),
        startedAt: toDate(r.started_at),
        finishedAt: toDate(r.finished_at),
        stateHash: String(r.state_hash),
      }),
    );
  });
}

/** The tidy metrics rows of one stored run, ordered by step, metric, grp. */
export async function readMetrics(dir: string, runId: string): Promise<MetricRow[]> {
  const dbPath = existingDb(dir);
  return withDb(dbPath, true, async (c) => {
    await checkSchema(c, dbPath);
    const reader = await c.runAndReadAll(
      `SELECT step, metric, grp, value FROM metrics WHERE run_id = $1
       ORDER BY step, metric, grp`,
      [runId],
      [VARCHAR],
    );
    const cols = reader.getColumnsJS();
    if (cols.length < 4) return [];
    const [steps, names, grps, values] = cols;
    const out: MetricRow[] = new Array(steps.length);
    for (let i = 0; i < steps.length; i++) {
      out[i] = {
        step: Number(steps[i]),
        metric: String(names[i]),
        grp: String(grps[i]),
        value: Number(values[i]),
      };
    }
    return out;
  });
}

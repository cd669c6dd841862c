/**
 * Brings what is derived from the parts up to date: results.duckdb (tables
 * runs and metrics), the Parquet dataset DIR/metrics.parquet/ and
 * DIR/report.html. Every command that writes into DIR ends with it, so a
 * process killed at any moment leaves at worst indexes one run behind, which
 * the next command repairs; and it removes what killed processes left behind.
 *
 * The database is checked cheaply each time (its metrics row count against
 * the runs' recorded counts) and repaired run by run from the parts when they
 * disagree, so even a database write cut short cannot leave rows of a run
 * that is not stored.
 */
import fs from "node:fs";
import path from "node:path";
import {
  BIGINT,
  type DuckDBConnection,
  INTEGER,
  LIST,
  listValue,
  TIMESTAMP,
  timestampValue,
  VARCHAR,
} from "@duckdb/node-api";
import { UserError } from "../../core/errors.js";
import { linkOrCopyAtomic } from "../atomic-write.js";
import { traceStore } from "../trace.js";
import { byStart, ensureOutputDir, listParts, mkdirp, partDir, removeLeftovers } from "./dir.js";
import { describeError, diskHint, firstLine, isDiskError, messageOf } from "./errors.js";
import { LockedError, type OpenOptions, withDb } from "./open.js";
import { StagedPart } from "./part.js";
import {
  CREATE_METRICS,
  CREATE_RUNS,
  CREATE_STORE,
  LEGACY_RUNS_COLUMNS,
  METRICS_COLUMNS,
  METRICS_PARQUET_DIR,
  PART_FORMAT,
  PART_METRICS,
  PART_REPORT,
  REPORT_FILE,
  RESULTS_DB_FILE,
  RUNS_COLUMNS,
  STORE_TABLE,
  type StoredRun,
  sqlString,
} from "./schema.js";

export interface SyncOptions extends Pick<OpenOptions, "waitMs" | "onWait"> {
  /**
   * When the database stays locked past the wait: false (default) throws a
   * LockedError; true updates the Parquet dataset and the report anyway and
   * reports `dbUpdated: false` (the next command adds the runs).
   */
  tolerateLock?: boolean;
}

export interface SyncResult {
  /** The stored runs (parts), oldest first. */
  runs: StoredRun[];
  /** Runs added to results.duckdb by this sync. */
  added: string[];
  /** Runs removed from results.duckdb because they have no part (any more). */
  dropped: string[];
  /** Runs whose rows in results.duckdb were incomplete or orphaned, and were rebuilt. */
  repaired: string[];
  /** Parts that cannot be read (left alone, not indexed). */
  bad: { runId: string; problem: string }[];
  /** Leftovers of killed processes that were removed (paths relative to DIR). */
  leftovers: string[];
  /** False when results.duckdb was locked past the wait (tolerateLock). */
  dbUpdated: boolean;
  /** Runs converted from a scsim 0.1 database (which held runs only in itself). */
  migrated: string[];
}

function toTimestamp(d: Date) {
  return timestampValue(BigInt(d.getTime()) * 1000n);
}

async function tableColumns(c: DuckDBConnection): Promise<Map<string, string[]>> {
  const reader = await c.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name IN ('runs', 'metrics', '${STORE_TABLE}')
     ORDER BY table_name, ordinal_position`,
  );
  const found = new Map<string, string[]>();
  for (const [table, column, type] of reader.getRowsJS()) {
    const list = found.get(String(table)) ?? [];
    list.push(`${column} ${type}`);
    found.set(String(table), list);
  }
  return found;
}

const cols = (xs: readonly (readonly [string, string])[]) => xs.map(([n, t]) => `${n} ${t}`);

function schemaMismatch(file: string, table: string, got: string[], want: string[]): UserError {
  return new UserError(
    `${file}: table "${table}" does not have the columns scsim expects ` +
      `(found: ${got.join(", ") || "no such table"}; expected: ${want.join(", ")})`,
    "It was not written by this version of scsim: move it away, or use another output directory.",
  );
}

/**
 * What the database is: "new" (no scsim tables), "current", or "legacy"
 * (scsim 0.1: runs and metrics only in the database). Anything else is a
 * UserError naming the table and its columns.
 */
export async function databaseKind(
  c: DuckDBConnection,
  file: string,
): Promise<"new" | "current" | "legacy"> {
  const found = await tableColumns(c);
  const runs = found.get("runs") ?? [];
  const metrics = found.get("metrics") ?? [];
  if (!found.has("runs") && !found.has("metrics")) return "new";
  if (metrics.join() !== cols(METRICS_COLUMNS).join()) {
    throw schemaMismatch(file, "metrics", metrics, cols(METRICS_COLUMNS));
  }
  if (found.has(STORE_TABLE)) {
    if (runs.join() !== cols(RUNS_COLUMNS).join()) {
      throw schemaMismatch(file, "runs", runs, cols(RUNS_COLUMNS));
    }
    return "current";
  }
  if (runs.join() !== cols(LEGACY_RUNS_COLUMNS).join()) {
    throw schemaMismatch(file, "runs", runs, cols(RUNS_COLUMNS));
  }
  return "legacy";
}

async function createSchema(c: DuckDBConnection): Promise<void> {
  await c.run("BEGIN TRANSACTION");
  try {
    await c.run(CREATE_RUNS);
    await c.run(CREATE_METRICS);
    await c.run(CREATE_STORE);
    await c.run(`INSERT INTO ${STORE_TABLE} VALUES (${PART_FORMAT})`);
    await c.run("COMMIT");
  } catch (err) {
    await rollback(c);
    throw err;
  }
}

async function rollback(c: DuckDBConnection): Promise<void> {
  try {
    await c.run("ROLLBACK");
  } catch {
    // Already aborted: nothing was committed.
  }
}

/**
 * Converts a scsim 0.1 database (runs only inside it) into parts, one per
 * run that has a runs row (rows of runs without one were never stored), then
 * gives the tables their new columns. The old single-file metrics.parquet
 * goes: the parts' dataset replaces it.
 */
async function migrateLegacy(c: DuckDBConnection, dir: string): Promise<string[]> {
  const existing = new Set(listParts(dir).runs.map((r) => r.runId));
  const rows = (
    await c.runAndReadAll(
      `SELECT run_id, preset, seed, agents, steps, scenario, engine_version,
         epoch_ms(started_at), epoch_ms(finished_at), state_hash FROM runs ORDER BY started_at, run_id`,
    )
  ).getRowsJS();
  const migrated: string[] = [];
  for (const r of rows) {
    const runId = String(r[0]);
    if (existing.has(runId)) continue;
    const part = StagedPart.create(dir, runId);
    const file = part.metricsPath;
    try {
      const res = await c.run(
        `COPY (SELECT run_id, step, metric, grp, value FROM metrics WHERE run_id = ${sqlString(runId)}
               ORDER BY step, metric, grp)
         TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const metricRows = Number(res.rowsChanged);
      part.adopt(file);
      part.commit({
        runId,
        preset: r[1] === null ? null : String(r[1]),
        seed: String(r[2]),
        agents: Number(r[3]),
        steps: Number(r[4]),
        scenario: String(r[5]),
        engineVersion: String(r[6]),
        startedAt: new Date(Number(r[7])),
        finishedAt: new Date(Number(r[8])),
        stateHash: String(r[9]),
        title: null,
        command: null,
        overrides: [],
        scenarioFile: null,
        metricRows,
        storeEvery: 1,
      });
      migrated.push(runId);
    } catch (err) {
      part.abort();
      throw err;
    }
  }
  // The database is an index of the parts from now on: rebuilt in the new shape.
  await c.run("BEGIN TRANSACTION");
  try {
    await c.run("DROP TABLE runs");
    await c.run("DROP TABLE metrics");
    await c.run("COMMIT");
  } catch (err) {
    await rollback(c);
    throw err;
  }
  await createSchema(c);
  const old = path.join(dir, METRICS_PARQUET_DIR);
  if (fs.existsSync(old) && fs.statSync(old).isFile()) {
    fs.rmSync(old);
    mkdirp(old);
  }
  return migrated;
}

async function deleteRun(c: DuckDBConnection, runId: string): Promise<void> {
  await c.run("DELETE FROM metrics WHERE run_id = $1", [runId], [VARCHAR]);
  await c.run("DELETE FROM runs WHERE run_id = $1", [runId], [VARCHAR]);
}

async function insertRun(c: DuckDBConnection, dir: string, r: StoredRun): Promise<void> {
  const file = path.join(partDir(dir, r.runId), PART_METRICS);
  await c.run("BEGIN TRANSACTION");
  try {
    await deleteRun(c, r.runId); // rows a cut-short write may have left
    const res = await c.run(
      `INSERT INTO metrics SELECT run_id, step, metric, grp, value FROM read_parquet(${sqlString(file)})`,
    );
    if (Number(res.rowsChanged) !== r.metricRows) {
      throw new UserError(
        `${file} holds ${res.rowsChanged} metric rows, but its run.json says ${r.metricRows}`,
        "The part was changed after it was stored; move it out of runs/ to leave it out.",
      );
    }
    await c.run(
      `INSERT INTO runs (${RUNS_COLUMNS.map(([n]) => n).join(", ")})
       VALUES (${RUNS_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
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
        r.title,
        r.command,
        listValue(r.overrides),
        r.scenarioFile,
        BigInt(r.metricRows),
        r.storeEvery,
      ],
      [
        VARCHAR,
        VARCHAR,
        VARCHAR,
        BIGINT,
        INTEGER,
        VARCHAR,
        VARCHAR,
        TIMESTAMP,
        TIMESTAMP,
        VARCHAR,
        VARCHAR,
        VARCHAR,
        LIST(VARCHAR),
        VARCHAR,
        BIGINT,
        INTEGER,
      ],
    );
    await c.run("COMMIT");
  } catch (err) {
    await rollback(c);
    throw err;
  }
}

/** Makes the database hold exactly the parts: adds, drops and repairs runs. */
async function reconcile(
  c: DuckDBConnection,
  dir: string,
  runs: StoredRun[],
  result: SyncResult,
): Promise<void> {
  const inDb = new Map<string, number>();
  for (const [id, n] of (
    await c.runAndReadAll("SELECT run_id, metric_rows FROM runs")
  ).getRowsJS()) {
    inDb.set(String(id), Number(n));
  }
  const [[total]] = (await c.runAndReadAll("SELECT count(*) FROM metrics")).getRowsJS();
  let expected = 0;
  for (const n of inDb.values()) expected += n;
  if (Number(total) !== expected) {
    // Rows without a run, or a run with too few or too many rows: find them.
    const counts = new Map<string, number>();
    for (const [id, n] of (
      await c.runAndReadAll("SELECT run_id, count(*) FROM metrics GROUP BY run_id")
    ).getRowsJS()) {
      counts.set(String(id), Number(n));
    }
    await c.run("BEGIN TRANSACTION");
    try {
      for (const [id, n] of counts) {
        if (inDb.get(id) === n) continue;
        await deleteRun(c, id);
        inDb.delete(id);
        result.repaired.push(id);
      }
      for (const [id, n] of inDb) {
        if (n > 0 && !counts.has(id)) {
          await deleteRun(c, id);
          inDb.delete(id);
          result.repaired.push(id);
        }
      }
      await c.run("COMMIT");
    } catch (err) {
      await rollback(c);
      throw err;
    }
  }
  const parts = new Set(runs.map((r) => r.runId));
  const gone = [...inDb.keys()].filter((id) => !parts.has(id));
  if (gone.length > 0) {
    await c.run("BEGIN TRANSACTION");
    try {
      for (const id of gone) await deleteRun(c, id);
      await c.run("COMMIT");
    } catch (err) {
      await rollback(c);
      throw err;
    }
    result.dropped.push(...gone);
  }
  for (const r of runs) {
    if (inDb.has(r.runId)) continue;
    try {
      await insertRun(c, dir, r);
      if (!result.repaired.includes(r.runId)) result.added.push(r.runId);
    } catch (err) {
      // A full disk stops the sync; a part DuckDB cannot read is reported and skipped.
      if (isDiskError(err)) throw err;
      result.bad.push({ runId: r.runId, problem: firstLine(messageOf(err)) });
    }
  }
}

/** DIR/metrics.parquet/<run id>.parquet for every stored run, and nothing else. */
export function syncDataset(dir: string, runs: readonly StoredRun[]): void {
  const ds = path.join(dir, METRICS_PARQUET_DIR);
  if (fs.existsSync(ds) && !fs.statSync(ds).isDirectory()) return; // legacy file: migration pending
  mkdirp(ds);
  const want = new Set(runs.map((r) => `${r.runId}.parquet`));
  const have = new Set(
    fs.readdirSync(ds).filter((f) => f.endsWith(".parquet") && !f.startsWith(".")),
  );
  for (const r of runs) {
    const name = `${r.runId}.parquet`;
    if (have.has(name)) continue;
    linkOrCopyAtomic(path.join(partDir(dir, r.runId), PART_METRICS), path.join(ds, name), true);
  }
  for (const f of have) if (!want.has(f)) fs.rmSync(path.join(ds, f), { force: true });
}

/** The run DIR/report.html shows: the one that finished last (then the greater run id). */
export function latestRun(runs: readonly StoredRun[]): StoredRun | undefined {
  let best: StoredRun | undefined;
  for (const r of runs) {
    if (
      !best ||
      r.finishedAt.getTime() > best.finishedAt.getTime() ||
      (r.finishedAt.getTime() === best.finishedAt.getTime() && r.runId > best.runId)
    ) {
      best = r;
    }
  }
  return best;
}

/**
 * DIR/report.html is the latest stored run's report (a hard link to, or copy
 * of, its part's report.html), and absent when that run has none (--no-report):
 * never the report of a run that is not stored, nor of an older one.
 */
export function syncReport(dir: string, runs: readonly StoredRun[]): void {
  const target = path.join(dir, REPORT_FILE);
  const latest = latestRun(runs);
  const source = latest ? path.join(partDir(dir, latest.runId), PART_REPORT) : undefined;
  if (!source || !fs.existsSync(source)) {
    fs.rmSync(target, { force: true });
    return;
  }
  try {
    const a = fs.statSync(source);
    const b = fs.statSync(target);
    if (a.ino === b.ino && a.dev === b.dev) return;
    if (a.size === b.size && fs.readFileSync(source).equals(fs.readFileSync(target))) return;
  } catch {
    // No report yet.
  }
  linkOrCopyAtomic(source, target);
}

/**
 * Brings results.duckdb, DIR/metrics.parquet/ and DIR/report.html up to date
 * with the stored parts, after removing what killed processes left behind.
 * Throws a UserError when the database is not scsim's, is locked past the
 * wait (unless `tolerateLock`), or the disk is full.
 */
export async function syncStore(dir: string, opts: SyncOptions = {}): Promise<SyncResult> {
  ensureOutputDir(dir);
  const result: SyncResult = {
    runs: [],
    added: [],
    dropped: [],
    repaired: [],
    bad: [],
    leftovers: removeLeftovers(dir),
    dbUpdated: true,
    migrated: [],
  };
  const dbPath = path.join(dir, RESULTS_DB_FILE);
  try {
    traceStore("open-db");
    await withDb(dbPath, opts, async (c) => {
      const kind = await databaseKind(c, dbPath);
      if (kind === "legacy") result.migrated = await migrateLegacy(c, dir);
      else if (kind === "new") await createSchema(c);
      const parts = listParts(dir);
      result.runs = parts.runs;
      result.bad.push(...parts.bad);
      traceStore("insert-db");
      await reconcile(c, dir, parts.runs, result);
    });
  } catch (err) {
    if (err instanceof LockedError && opts.tolerateLock) {
      result.dbUpdated = false;
      const parts = listParts(dir);
      result.runs = parts.runs;
      result.bad.push(...parts.bad);
    } else if (err instanceof UserError) {
      throw err;
    } else if (isDiskError(err)) {
      throw new UserError(`cannot update ${dbPath}: ${describeError(err)}`, diskHint(err));
    } else if (/^[A-Z][A-Za-z ]* Error:/.test(messageOf(err))) {
      // DuckDB's own errors ("IO Error: …"): about the file, not a bug of ours.
      throw new UserError(`cannot update ${dbPath}: ${firstLine(messageOf(err))}`);
    } else {
      throw err;
    }
  }
  const good = result.runs.filter((r) => !result.bad.some((b) => b.runId === r.runId));
  try {
    traceStore("sync-dataset");
    syncDataset(dir, good);
    traceStore("sync-report");
    syncReport(dir, good);
  } catch (err) {
    if (isDiskError(err)) {
      throw new UserError(`cannot update ${dir}: ${describeError(err)}`, diskHint(err));
    }
    throw err;
  }
  result.runs.sort(byStart);
  return result;
}

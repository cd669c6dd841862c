import { randomUUID } from "node:crypto";
import { basename, resolve } from "node:path";
import { buildSimulation } from "../core/build.js";
import { UserError } from "../core/errors.js";
import type { MetricsTable } from "../core/metrics/table.js";
import type { Csr } from "../core/network/csr.js";
import type { RunRecord } from "../core/run-record.js";
import type { Scenario } from "../core/scenario/schema.js";
import { runToEnd, type Simulation } from "../core/simulation.js";
import { ENGINE_VERSION } from "../core/version.js";
import { chartsFor } from "../report/charts.js";
import { renderReport } from "../report/html.js";
import { runTitle } from "../report/title.js";
import { loadEdgeList, scanEdgeList } from "./edge-list.js";
import { checkMemoryFor, formatBytes, metricCellsPerStep } from "./memory-guard.js";
import {
  freeDiskBytes,
  NO_PROVENANCE,
  type Provenance,
  prepareStore,
  type StoredRun,
  storedSteps,
  writeRun,
} from "./store.js";

/** Metric cells from which storing shows progress. */
const STORE_PROGRESS_CELLS = 2_000_000;

/** Where a long job reports how far it is. */
export interface ProgressSink {
  start(label: string, total: number): void;
  update(done: number): void;
  stop(): void;
}

export const silentProgress: ProgressSink = { start() {}, update() {}, stop() {} };

export interface RunOptions {
  /** Output directory (created if missing). */
  out: string;
  preset: string | null;
  /** Directory relative paths in the scenario resolve against. */
  baseDir: string;
  /** Memory limit in bytes instead of the free memory. */
  maxMemory?: number;
  progress?: ProgressSink;
  /** Write the run's report (default true). */
  report?: boolean;
  /** Store results (default true); false only runs. */
  store?: boolean;
  /** Store every k-th step's metrics and the last (default 1: every step). */
  storeEvery?: number;
  /** Command line, overrides and scenario file, recorded with the run. */
  provenance?: Partial<Provenance>;
  /** Told when the results database is locked by another process and the run waits. */
  onLockWait?: (message: string) => void;
  /** Told once every check has passed, just before the population is built. */
  onChecked?: () => void;
}

export interface RunResult {
  record: StoredRun;
  metrics: MetricsTable;
  sim: Simulation;
  files: string[];
  /** Seconds spent building (population, network) and stepping. */
  buildSeconds: number;
  stepSeconds: number;
}

/**
 * Builds a scenario's model, loading an edge list from disk when it names
 * one (`edgeListLines`: its line count, if scanned already).
 */
export async function buildFromScenario(
  s: Scenario,
  baseDir: string,
  edgeListLines?: number,
): Promise<Simulation> {
  let edges: Csr | undefined;
  if (s.model === "scs" && s.network.kind === "edge-list" && s.network.path) {
    const file = resolve(baseDir, s.network.path);
    const lines = edgeListLines ?? (await scanEdgeList(file)).lines;
    edges = await loadEdgeList(file, s.agents, lines);
  }
  return buildSimulation(s, edges);
}

/**
 * Disk a run's part and its share of results.duckdb take, as a floor to
 * refuse an obviously full disk before the simulation. Measured for 384k
 * rows: the Parquet part 0.8 bytes a row (zstd), the database's copy 6
 * bytes a row, the report 0.6 MB, and a new database starts at 1 MB (256
 * KiB blocks). The floor counts 4 bytes a row and 3 MiB: a disk below it
 * cannot take the run; one above it that fills anyway is caught when
 * writing (nothing of the run is stored if the part cannot be written, and
 * nothing stored is harmed if the database cannot be updated).
 */
export function diskFloorBytes(s: Scenario, storeEvery: number): number {
  const rows = storedSteps(s.steps + 1, storeEvery) * metricCellsPerStep(s);
  return 3 * 2 ** 20 + rows * 4;
}

/**
 * Runs a scenario to the end and stores it in `out` (see store/): the run's
 * part (its metrics, record and report), then results.duckdb, the Parquet
 * dataset metrics.parquet/ and report.html brought up to date. Everything
 * that can be checked is checked before the simulation starts: the memory it
 * needs, and that `out` is a writable directory with room and a usable
 * database. A crash or kill at any moment leaves every stored run whole.
 */
export async function runScenario(s: Scenario, opts: RunOptions): Promise<RunResult> {
  const store = opts.store !== false;
  const storeEvery = opts.storeEvery ?? 1;
  const memory = await checkMemoryFor(s, opts.baseDir, opts.maxMemory);
  if (store) {
    await prepareStore(opts.out);
    const free = freeDiskBytes(opts.out);
    const floor = diskFloorBytes(s, storeEvery);
    if (free !== undefined && free < floor) {
      throw new UserError(
        `storing this run needs about ${formatBytes(floor)} of disk in ${opts.out}, but only ${formatBytes(free)} is free`,
        "Free some disk space, use an output directory on another disk, or store fewer steps (--store-every K).",
      );
    }
  }
  opts.onChecked?.();
  const progress = opts.progress ?? silentProgress;
  const startedAt = new Date();
  const t0 = performance.now();
  const sim = await buildFromScenario(s, opts.baseDir, memory.edgeListLines);
  const t1 = performance.now();
  progress.start(sim.burnIn > 0 ? "burn-in and steps" : "steps", sim.stepsTotal);
  runToEnd(sim, (done) => progress.update(done), Math.max(1, Math.floor(sim.stepsTotal / 200)));
  progress.stop();
  const t2 = performance.now();
  const provenance: Provenance = { ...NO_PROVENANCE, ...opts.provenance };
  provenance.title ??= runTitle({
    name: s.name,
    preset: opts.preset,
    scenarioFile: provenance.scenarioFile ? basename(provenance.scenarioFile) : null,
    overrides: provenance.overrides,
  });
  const record: RunRecord & Provenance = {
    runId: randomUUID(),
    preset: opts.preset,
    seed: String(s.seed),
    agents: sim.agents,
    steps: s.steps,
    scenario: JSON.stringify(s),
    engineVersion: ENGINE_VERSION,
    startedAt,
    finishedAt: new Date(),
    stateHash: sim.stateHash(),
    ...provenance,
  };
  const files: string[] = [];
  let stored: StoredRun = {
    ...record,
    metricRows: 0,
    storeEvery,
  };
  if (store) {
    const reportHtml =
      opts.report !== false
        ? renderReport({
            record,
            metrics: sim.metrics,
            title: provenance.title ?? s.name,
            description: s.description,
            charts: chartsFor(s),
          })
        : undefined;
    const total = storedSteps(sim.metrics.recorded, storeEvery);
    // A bar only where storing takes a while (about a second per million rows).
    const showStore = total * metricCellsPerStep(s) >= STORE_PROGRESS_CELLS;
    if (showStore) progress.start("store", total);
    let res: Awaited<ReturnType<typeof writeRun>>;
    try {
      res = await writeRun(opts.out, record, sim.metrics, {
        storeEvery,
        reportHtml,
        progress: showStore ? (done) => progress.update(done) : undefined,
        sync: { onWait: opts.onLockWait },
      });
    } finally {
      if (showStore) progress.stop();
    }
    stored = res.record;
    files.push(res.partPath, res.dbPath, res.parquetPath);
    if (res.reportPath) files.push(res.reportPath);
  }
  return {
    record: stored,
    metrics: sim.metrics,
    sim,
    files,
    buildSeconds: (t1 - t0) / 1000,
    stepSeconds: (t2 - t1) / 1000,
  };
}

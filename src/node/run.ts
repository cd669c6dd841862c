import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSimulation } from "../core/build.js";
import type { MetricsTable } from "../core/metrics/table.js";
import type { Csr } from "../core/network/csr.js";
import type { RunRecord } from "../core/run-record.js";
import type { Scenario } from "../core/scenario/schema.js";
import { runToEnd, type Simulation } from "../core/simulation.js";
import { ENGINE_VERSION } from "../core/version.js";
import { chartsFor } from "../report/charts.js";
import { renderReport } from "../report/html.js";
import { writeFileAtomic } from "./atomic-write.js";
import { loadEdgeList } from "./edge-list.js";
import { checkMemory } from "./memory-guard.js";
import { writeRun } from "./store.js";

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
  /** Write report.html (default true). */
  report?: boolean;
  /** Store results (default true); false only runs. */
  store?: boolean;
}

export interface RunResult {
  record: RunRecord;
  metrics: MetricsTable;
  sim: Simulation;
  files: string[];
  /** Seconds spent building (population, network) and stepping. */
  buildSeconds: number;
  stepSeconds: number;
}

/** Builds a scenario's model, loading an edge list from disk when it names one. */
export async function buildFromScenario(s: Scenario, baseDir: string): Promise<Simulation> {
  let edges: Csr | undefined;
  if (s.model === "scs" && s.network.kind === "edge-list" && s.network.path) {
    edges = await loadEdgeList(resolve(baseDir, s.network.path), s.agents);
  }
  return buildSimulation(s, edges);
}

/**
 * Runs a scenario to the end and stores it: results.duckdb (tables runs and
 * metrics), metrics.parquet and report.html in `out`. Nothing is written
 * unless the run completes; each file is replaced atomically, and the DuckDB
 * write is one transaction, so a crash or a kill leaves earlier results whole.
 */
export async function runScenario(s: Scenario, opts: RunOptions): Promise<RunResult> {
  checkMemory(s, opts.maxMemory);
  const progress = opts.progress ?? silentProgress;
  const startedAt = new Date();
  const t0 = performance.now();
  const sim = await buildFromScenario(s, opts.baseDir);
  const t1 = performance.now();
  progress.start(sim.burnIn > 0 ? "burn-in and steps" : "steps", sim.stepsTotal);
  runToEnd(sim, (done) => progress.update(done), Math.max(1, Math.floor(sim.stepsTotal / 200)));
  progress.stop();
  const t2 = performance.now();
  const record: RunRecord = {
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
  };
  const files: string[] = [];
  if (opts.store !== false) {
    mkdirSync(opts.out, { recursive: true });
    const res = await writeRun(opts.out, record, sim.metrics);
    files.push(res.dbPath);
    if (res.parquetPath) files.push(res.parquetPath);
    if (opts.report !== false) {
      const html = renderReport({
        record,
        metrics: sim.metrics,
        title: `${s.name}${opts.preset && opts.preset !== s.name ? ` (preset ${opts.preset})` : ""}`,
        description: s.description,
        charts: chartsFor(s),
      });
      const path = join(opts.out, "report.html");
      writeFileAtomic(path, html);
      files.push(path);
    }
  }
  return {
    record,
    metrics: sim.metrics,
    sim,
    files,
    buildSeconds: (t1 - t0) / 1000,
    stepSeconds: (t2 - t1) / 1000,
  };
}

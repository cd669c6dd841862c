/**
 * Runs an experiment file into an output directory: prepares it, opens the
 * ledger (ledger.ts), hands the units without a part to an executor, stores
 * each result as its part the moment it arrives, and, once every unit is
 * stored, builds experiment.duckdb, analysis.json and experiment.html from
 * the parts alone. Whatever stops the process, the parts stored are whole,
 * and a run with `resume` computes only the others; as the final files are
 * made from the parts in unit order, they do not depend on how many runs,
 * workers or interruptions it took.
 */
import fs from "node:fs";
import path from "node:path";
import {
  analyseExperiment,
  type ExperimentReport,
  type PreparedExperiment,
  pointDifference,
  type UnitResult,
  unitAt,
  unitId,
} from "../../core/experiment/index.js";
import { seedValue } from "../../core/rng/seed.js";
import type { Difference } from "../../core/stats/summary.js";
import { writeFileAtomic } from "../atomic-write.js";
import { decodeUnitResult } from "./codec.js";
import type { UnitExecutor } from "./executor.js";
import { LEDGER_FORMAT, Ledger, type Manifest, type UnitFailure } from "./ledger.js";
import {
  type ExperimentSource,
  experimentFingerprint,
  loadExperimentSource,
  prepareSource,
} from "./source.js";

export const ANALYSIS_FILE = "analysis.json";
export const REPORT_FILE = "experiment.html";

/** Progress of the units of one run. */
export interface ExperimentProgress {
  /** `total` units to compute in this run (the ones already stored are not counted). */
  start(total: number): void;
  /** Units of this run finished so far: stored and failed. */
  update(done: number, failed: number): void;
  stop(): void;
}

export const silentExperimentProgress: ExperimentProgress = {
  start() {},
  update() {},
  stop() {},
};

export interface ExperimentRunOptions {
  /** Output directory. */
  out: string;
  /** Continue the experiment stored in `out`. */
  resume?: boolean;
  executor: UnitExecutor;
  progress?: ExperimentProgress;
  /** Aborting it stops handing out units; the running ones are stored, then the run returns. */
  signal?: AbortSignal;
  /** Told once the directory is checked, before any unit runs. */
  onStart?: (info: { units: number; distinct: number; stored: number; toRun: number }) => void;
  /** Builds the report (experiment.html) from the finished study; default none. */
  writeReport?: (
    dir: string,
    p: PreparedExperiment,
    r: FinishedExperiment,
  ) => Promise<string | null>;
}

/** Everything about the study's units, as stored. */
export interface UnitTable {
  /** Unit id of each unit index. */
  ids: string[];
  /** Each unit's outputs (null: no part), by unit index. */
  outputs: (UnitResult["outputs"] | null)[];
  failures: Map<string, UnitFailure>;
}

/** An output's difference between a point and the baseline point 0. */
export interface PointDifferenceRow {
  point: number;
  baseline: number;
  output: string;
  difference: Difference;
}

/** Differences against point 0 are computed for grid and csv designs up to this many points. */
export const MAX_DIFFERENCE_POINTS = 500;

export interface FinishedExperiment {
  analysis: ExperimentReport;
  /** Each point against point 0 (grid and csv designs, at least 2 replications), paired when the seeds are. */
  differences: PointDifferenceRow[];
  units: UnitTable;
  manifest: Manifest;
}

export interface ExperimentRunResult {
  dir: string;
  prepared: PreparedExperiment;
  manifest: Manifest;
  /** Units stored before this run began. */
  alreadyStored: number;
  /** Units computed and stored by this run. */
  stored: number;
  /** Units that failed in this run. */
  failed: UnitFailure[];
  /** Whether the signal stopped the run before every unit was reported. */
  stopped: boolean;
  /** The analysis and files, when the run reached its end (not stopped). */
  finished: FinishedExperiment | null;
  files: string[];
}

/** Unit ids of every unit index, and the first index of each distinct id. */
export function unitIds(p: PreparedExperiment): { ids: string[]; firsts: number[] } {
  const ids: string[] = new Array(p.units);
  const seen = new Set<string>();
  const firsts: number[] = [];
  for (let i = 0; i < p.units; i++) {
    const id = unitId(p, unitAt(p, i));
    ids[i] = id;
    if (!seen.has(id)) {
      seen.add(id);
      firsts.push(i);
    }
  }
  return { ids, firsts };
}

export function manifestOf(
  p: PreparedExperiment,
  source: ExperimentSource,
  distinct: number,
): Manifest {
  return {
    format: LEDGER_FORMAT,
    name: p.experiment.name,
    fingerprint: experimentFingerprint(p),
    engineVersion: p.engineVersion,
    file: source.file,
    text: source.text,
    csvFile: source.csv?.file,
    masterSeed: seedValue(p.masterSeed),
    design: p.design.type,
    points: p.design.points,
    replications: p.replications,
    units: p.units,
    distinctUnits: distinct,
    createdAt: new Date().toISOString(),
  };
}

/** Runs (or resumes) the experiment of `file` into `opts.out`. */
export async function runExperiment(
  file: string,
  opts: ExperimentRunOptions,
): Promise<ExperimentRunResult> {
  const source = loadExperimentSource(file);
  return runExperimentSource(source, opts);
}

export async function runExperimentSource(
  source: ExperimentSource,
  opts: ExperimentRunOptions,
): Promise<ExperimentRunResult> {
  const p = prepareSource(source);
  const { ids, firsts } = unitIds(p);
  const dir = path.resolve(opts.out);
  const ledger = Ledger.open(dir, manifestOf(p, source, firsts.length), {
    resume: opts.resume ?? false,
  });
  try {
    const manifest = readManifest(dir);
    const done = ledger.doneIds();
    const todo = firsts.filter((i) => !done.has(ids[i]));
    opts.onStart?.({
      units: p.units,
      distinct: firsts.length,
      stored: firsts.length - todo.length,
      toRun: todo.length,
    });
    const progress = opts.progress ?? silentExperimentProgress;
    let stored = 0;
    const failed: UnitFailure[] = [];
    let reported = 0;
    // Parts are written asynchronously, many at once; a write that fails
    // (a full disk) stops the run: no more units are handed out.
    const pending = new Set<Promise<void>>();
    let writeError: unknown;
    const halt = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, halt.signal]) : halt.signal;
    const fail = (index: number, message: string) => {
      const f = { index, id: ids[index], message };
      ledger.storeFailure(f);
      failed.push(f);
      progress.update(reported, failed.length);
    };
    progress.start(todo.length);
    try {
      await opts.executor.run(
        source,
        todo,
        {
          result(index, bytes) {
            reported++;
            try {
              decodeUnitResult(p.outputs, bytes);
            } catch (err) {
              fail(index, `bad result: ${(err as Error).message}`);
              return;
            }
            const w = ledger.storeResult(ids[index], bytes).then(
              () => {
                pending.delete(w);
                stored++;
                progress.update(reported, failed.length);
              },
              (err: unknown) => {
                pending.delete(w);
                writeError ??= err;
                halt.abort();
              },
            );
            pending.add(w);
          },
          failure(index, message) {
            reported++;
            fail(index, message);
          },
        },
        signal,
      );
      while (pending.size > 0) await Promise.all([...pending]);
    } finally {
      progress.stop();
    }
    if (writeError !== undefined) throw writeError;
    const stopped = stored + failed.length < todo.length;
    const result: ExperimentRunResult = {
      dir,
      prepared: p,
      manifest,
      alreadyStored: firsts.length - todo.length,
      stored,
      failed,
      stopped,
      finished: null,
      files: [],
    };
    if (stopped) return result;
    const finished = await finishExperiment(dir, p, ids, ledger, manifest);
    result.finished = finished.finished;
    result.files = finished.files;
    if (opts.writeReport) {
      const f = await opts.writeReport(dir, p, finished.finished);
      if (f) result.files.push(f);
    }
    return result;
  } finally {
    ledger.release();
  }
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "experiment.json"), "utf8")) as Manifest;
}

/** Reads every unit's part, by unit index (units sharing an id share the part). */
export function readUnits(p: PreparedExperiment, ids: string[], ledger: Ledger): UnitTable {
  const cache = new Map<string, UnitResult["outputs"] | null>();
  const outputs = ids.map((id) => {
    let o = cache.get(id);
    if (o === undefined) {
      const bytes = ledger.readResult(id);
      o = bytes ? decodeUnitResult(p.outputs, bytes) : null;
      cache.set(id, o);
    }
    return o;
  });
  return { ids, outputs, failures: ledger.failures() };
}

/** Analyses the stored units and writes analysis.json and experiment.duckdb. */
async function finishExperiment(
  dir: string,
  p: PreparedExperiment,
  ids: string[],
  ledger: Ledger,
  manifest: Manifest,
): Promise<{ finished: FinishedExperiment; files: string[] }> {
  const units = readUnits(p, ids, ledger);
  const results: UnitResult[] = [];
  units.outputs.forEach((o, i) => {
    if (!o) return;
    const u = unitAt(p, i);
    results.push({ point: u.point, replication: u.replication, outputs: o });
  });
  const analysis = analyseExperiment(p, results);
  const differences: PointDifferenceRow[] = [];
  const P = p.design.points;
  if (
    (p.design.type === "grid" || p.design.type === "csv") &&
    P <= MAX_DIFFERENCE_POINTS &&
    p.replications >= 2
  ) {
    for (const o of p.outputs.filter((d) => d.scalar)) {
      for (let point = 1; point < P; point++) {
        differences.push({
          point,
          baseline: 0,
          output: o.name,
          difference: pointDifference(p, results, point, 0, o.name),
        });
      }
    }
  }
  const finished = { analysis, differences, units, manifest };
  const analysisPath = path.join(dir, ANALYSIS_FILE);
  writeFileAtomic(analysisPath, `${analysisJson(analysis)}\n`);
  const { writeExperimentDatabase } = await import("./database.js");
  const dbPath = await writeExperimentDatabase(dir, p, finished);
  return { finished, files: [dbPath, analysisPath] };
}

/** The analysis as JSON: typed arrays as arrays, non-finite numbers as null. */
export function analysisJson(a: ExperimentReport): string {
  return JSON.stringify(
    a,
    (_k, v) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        return Array.from(v as unknown as ArrayLike<number>);
      }
      return v;
    },
    1,
  );
}

/**
 * Cluster array jobs (`scsim worker --experiment FILE --unit INDEX --out DIR`):
 * each task of a Slurm job array or Kubernetes Indexed Job computes a few
 * units by index and stores them in a directory every task shares, through
 * the Ledger (parts written atomically, by unit id); `scsim experiment FILE
 * --resume --out DIR` then computes what is missing, if anything, and builds
 * the database and the analysis from the parts. No queue, no Redis: only a
 * shared file system.
 *
 * The ledger's lock (one process per directory) is taken only for the
 * moment of checking the directory and of storing a part, and a task that
 * finds it held waits and tries again, so any number of tasks store into
 * one directory; the unit itself is computed outside the lock.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import { computeUnit } from "../experiment/compute.js";
import { failureMessage } from "../experiment/executor.js";
import { Ledger, LOCK_FILE, UNITS_DIR } from "../experiment/ledger.js";
import { manifestOf, unitIds } from "../experiment/runner.js";
import { loadExperimentSource, prepareSource } from "../experiment/source.js";

/** Environment variables that give an array task its index, in the order they are read. */
export const INDEX_ENV = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] as const;

export interface ArrayUnitOptions {
  file: string;
  out: string;
  /** Task index; default from INDEX_ENV. */
  index?: number;
  /** Units per task: task i runs units i·batch … i·batch + batch − 1 (default 1). */
  batch?: number;
  /** Give up waiting for the directory's lock after this long (default 10 minutes). */
  lockWaitMs?: number;
}

export interface ArrayUnitOutcome {
  index: number;
  id: string;
  status: "stored" | "stored already" | "failed";
  message?: string;
  ms: number;
}

/** The task index of this process: the option, else SLURM_ARRAY_TASK_ID, else JOB_COMPLETION_INDEX. */
export function taskIndex(given: string | undefined, env = process.env): number {
  let text = given;
  let from = "--unit";
  if (text === undefined) {
    for (const name of INDEX_ENV) {
      if (env[name] !== undefined && env[name] !== "") {
        text = env[name];
        from = name;
        break;
      }
    }
  }
  if (text === undefined) {
    throw new UserError(
      "no unit index: give --unit INDEX, or run as an array task (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX set)",
    );
  }
  const v = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isSafeInteger(v)) {
    throw new UserError(`${from}: expected a whole number ≥ 0, got "${text}"`);
  }
  return v;
}

/** Opens the ledger, waiting while another task holds its lock. */
async function openShared(
  dir: string,
  manifest: Parameters<typeof Ledger.open>[1],
  waitMs: number,
): Promise<Ledger> {
  const t0 = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return Ledger.open(dir, manifest, { resume: true });
    } catch (err) {
      const held = err instanceof UserError && fs.existsSync(path.join(dir, LOCK_FILE));
      if (!held || performance.now() - t0 > waitMs) throw err;
      await new Promise((r) =>
        setTimeout(r, 10 + Math.random() * Math.min(500, 20 * 2 ** attempt)),
      );
    }
  }
}

/** Runs the units of one array task into `out`; a unit already stored is not computed again. */
export async function runArrayUnit(opts: ArrayUnitOptions): Promise<ArrayUnitOutcome[]> {
  const source = loadExperimentSource(opts.file);
  const p = prepareSource(source);
  const { ids, firsts } = unitIds(p);
  const batch = opts.batch ?? 1;
  const task = opts.index ?? taskIndex(undefined);
  const first = task * batch;
  if (first >= p.units) {
    throw new UserError(
      `unit ${first} does not exist: the experiment has ${p.units} units (indices 0 to ${p.units - 1})` +
        (batch > 1 ? `, ${Math.ceil(p.units / batch)} tasks of ${batch}` : ""),
      `Size the array to ${Math.ceil(p.units / batch)} tasks (scsim worker --experiment ${opts.file} --count).`,
    );
  }
  const dir = path.resolve(opts.out);
  const manifest = manifestOf(p, source, firsts.length);
  const waitMs = opts.lockWaitMs ?? 600_000;
  // Checks the directory (same experiment, same engine) before computing anything.
  (await openShared(dir, manifest, waitMs)).release();
  const outcomes: ArrayUnitOutcome[] = [];
  for (let index = first; index < Math.min(first + batch, p.units); index++) {
    const id = ids[index];
    const t0 = performance.now();
    if (fs.existsSync(path.join(dir, UNITS_DIR, `${id}.bin`))) {
      outcomes.push({ index, id, status: "stored already", ms: 0 });
      continue;
    }
    let bytes: Uint8Array | undefined;
    let message: string | undefined;
    try {
      bytes = await computeUnit(p, index, source.baseDir);
    } catch (err) {
      message = failureMessage(err);
    }
    const ledger = await openShared(dir, manifest, waitMs);
    try {
      if (bytes) await ledger.storeResult(id, bytes);
      else ledger.storeFailure({ index, id, message: message ?? "failed" });
    } finally {
      ledger.release();
    }
    outcomes.push({
      index,
      id,
      status: bytes ? "stored" : "failed",
      message,
      ms: performance.now() - t0,
    });
  }
  return outcomes;
}

/** Units of an experiment (for sizing an array). */
export function experimentUnitCount(file: string): { units: number; distinct: number } {
  const p = prepareSource(loadExperimentSource(file));
  return { units: p.units, distinct: unitIds(p).firsts.length };
}

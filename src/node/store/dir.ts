/**
 * The output directory itself: creating it safely, checking it before a run,
 * listing the stored parts, and removing what killed processes left behind.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import { abandonedTemp, HOST_TAG, pidAlive } from "../atomic-write.js";
import { describeError, diskHint, errorCode, firstLine, messageOf } from "./errors.js";
import {
  METRICS_PARQUET_DIR,
  PART_FORMAT,
  PART_METRICS,
  PART_RECORD,
  RUNS_DIR,
  STAGING_DIR,
  type StoredRun,
} from "./schema.js";

/**
 * mkdir -p, by hand: Node's `mkdirSync(..., { recursive: true })` loops
 * forever where mkdir fails with ENOENT under an existing parent (e.g. /proc).
 */
export function mkdirp(dir: string): void {
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

/** The nearest existing ancestor of `p` that is not a directory, if any (for "under a file"). */
function fileAncestor(p: string): string | undefined {
  for (let d = path.dirname(p); d !== path.dirname(d); d = path.dirname(d)) {
    try {
      return fs.statSync(d).isDirectory() ? undefined : d;
    } catch {
      // Does not exist (yet): look further up.
    }
  }
  return undefined;
}

/**
 * Creates DIR if needed and checks that it is a directory scsim can write
 * in: a file, something under a file, a device (/dev/null), a place where
 * nothing can be created (/proc) or a read-only or full disk is a UserError.
 * Writing is tested for real (by creating DIR/runs and DIR/.staging), since
 * access(2) says yes to root everywhere.
 */
export function ensureOutputDir(dir: string): void {
  const abs = path.resolve(dir);
  const hint = "Choose an output directory you can write to (--out DIR).";
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch {
    st = undefined;
  }
  if (st && !st.isDirectory()) {
    throw new UserError(
      `output path ${dir} exists and is not a directory${st.isCharacterDevice() || st.isBlockDevice() ? " (it is a device)" : ""}`,
      hint,
    );
  }
  if (!st) {
    const file = fileAncestor(abs);
    if (file) {
      throw new UserError(`cannot create output directory ${dir}: ${file} is a file`, hint);
    }
    try {
      mkdirp(abs);
    } catch (err) {
      throw new UserError(`cannot create output directory ${dir}: ${describeError(err)}`, hint);
    }
  }
  for (const sub of [RUNS_DIR, STAGING_DIR, METRICS_PARQUET_DIR]) {
    const p = path.join(abs, sub);
    try {
      if (sub === METRICS_PARQUET_DIR && fs.existsSync(p) && !fs.statSync(p).isDirectory()) {
        continue; // a legacy single-file export: migrated when the database is opened
      }
      mkdirp(p);
      if (!fs.statSync(p).isDirectory())
        throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    } catch (err) {
      const code = errorCode(err);
      throw new UserError(
        `output directory ${dir} is not writable: cannot create ${p}: ${describeError(err)}`,
        code === "ENOSPC" || code === "EDQUOT" ? diskHint(err) : hint,
      );
    }
  }
}

/** Free bytes for an unprivileged writer on the file system of `dir`, or undefined if unknown. */
export function freeDiskBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

/** A staging directory's name: `<run id>.<host tag>.<pid>`, so that its owner can be told. */
export function stagingName(runId: string): string {
  return `${runId}.${HOST_TAG}.${process.pid}`;
}

function stagingAbandoned(name: string): boolean {
  const m = /\.([0-9a-f]{8})\.(\d+)$/.exec(name);
  return m !== null && m[1] === HOST_TAG && !pidAlive(Number(m[2]));
}

/**
 * Removes what killed scsim processes of this host left in DIR: staging
 * directories and temporary files whose owner PID is gone. Returns what was
 * removed (relative paths). In-progress work of live processes is left alone.
 */
export function removeLeftovers(dir: string): string[] {
  const removed: string[] = [];
  const rm = (rel: string) => {
    try {
      fs.rmSync(path.join(dir, rel), { recursive: true, force: true });
      removed.push(rel);
    } catch {
      // Someone else removed it, or it cannot be removed: try again next time.
    }
  };
  const list = (rel: string): string[] => {
    try {
      return fs.readdirSync(path.join(dir, rel));
    } catch {
      return [];
    }
  };
  for (const name of list(STAGING_DIR)) {
    if (stagingAbandoned(name)) rm(path.join(STAGING_DIR, name));
  }
  for (const sub of ["", RUNS_DIR, METRICS_PARQUET_DIR]) {
    for (const name of list(sub)) if (abandonedTemp(name)) rm(path.join(sub, name));
  }
  return removed;
}

/** One stored part that could not be read (kept, reported, left out of the indexes). */
export interface BadPart {
  runId: string;
  problem: string;
}

function str(v: unknown, field: string): string {
  if (typeof v !== "string") throw new Error(`${field} is not text`);
  return v;
}

function strOrNull(v: unknown, field: string): string | null {
  return v === null || v === undefined ? null : str(v, field);
}

function num(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${field} is not a number`);
  return v;
}

function date(v: unknown, field: string): Date {
  const d = new Date(str(v, field));
  if (!Number.isFinite(d.getTime())) throw new Error(`${field} is not a date`);
  return d;
}

/** Serialises a stored run as its part's run.json. */
export function recordJson(r: StoredRun): string {
  return `${JSON.stringify(
    {
      format: PART_FORMAT,
      runId: r.runId,
      preset: r.preset,
      seed: r.seed,
      agents: r.agents,
      steps: r.steps,
      title: r.title,
      command: r.command,
      overrides: r.overrides,
      scenarioFile: r.scenarioFile,
      engineVersion: r.engineVersion,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt.toISOString(),
      stateHash: r.stateHash,
      metricRows: r.metricRows,
      storeEvery: r.storeEvery,
      scenario: r.scenario,
    },
    null,
    2,
  )}\n`;
}

/** Parses a part's run.json; throws an Error saying what is wrong. */
export function parseRecord(text: string, runId: string): StoredRun {
  const o = JSON.parse(text) as Record<string, unknown>;
  if (o.format !== PART_FORMAT) throw new Error(`unknown part format ${String(o.format)}`);
  const overrides = o.overrides;
  if (!Array.isArray(overrides) || !overrides.every((x) => typeof x === "string")) {
    throw new Error("overrides is not a list of text");
  }
  const r: StoredRun = {
    runId: str(o.runId, "runId"),
    preset: strOrNull(o.preset, "preset"),
    seed: str(o.seed, "seed"),
    agents: num(o.agents, "agents"),
    steps: num(o.steps, "steps"),
    scenario: str(o.scenario, "scenario"),
    engineVersion: str(o.engineVersion, "engineVersion"),
    startedAt: date(o.startedAt, "startedAt"),
    finishedAt: date(o.finishedAt, "finishedAt"),
    stateHash: str(o.stateHash, "stateHash"),
    title: strOrNull(o.title, "title"),
    command: strOrNull(o.command, "command"),
    overrides: overrides as string[],
    scenarioFile: strOrNull(o.scenarioFile, "scenarioFile"),
    metricRows: num(o.metricRows, "metricRows"),
    storeEvery: num(o.storeEvery, "storeEvery"),
  };
  if (r.runId !== runId) throw new Error(`run.json names run ${r.runId}`);
  return r;
}

/** Orders runs oldest first: by start, then run id (a stable order for equal times). */
export function byStart(a: StoredRun, b: StoredRun): number {
  return a.startedAt.getTime() - b.startedAt.getTime() || (a.runId < b.runId ? -1 : 1);
}

/**
 * The stored runs of DIR (the parts in DIR/runs), oldest first, and the parts
 * that cannot be read (a part is written whole, so only a hand edit makes one).
 */
export function listParts(dir: string): { runs: StoredRun[]; bad: BadPart[] } {
  const runsDir = path.join(dir, RUNS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(runsDir);
  } catch {
    return { runs: [], bad: [] };
  }
  const runs: StoredRun[] = [];
  const bad: BadPart[] = [];
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const part = path.join(runsDir, name);
    try {
      const text = fs.readFileSync(path.join(part, PART_RECORD), "utf8");
      const r = parseRecord(text, name);
      if (!fs.statSync(path.join(part, PART_METRICS)).isFile())
        throw new Error("no metrics.parquet");
      runs.push(r);
    } catch (err) {
      bad.push({ runId: name, problem: firstLine(messageOf(err)) });
    }
  }
  runs.sort(byStart);
  return { runs, bad };
}

/** The directory of a stored run's part. */
export function partDir(dir: string, runId: string): string {
  return path.join(dir, RUNS_DIR, runId);
}

/**
 * Helpers of the CLI tests that run the built bin/scsim.js (the cli project's
 * global setup builds dist/): spawning it, temporary directories, and the
 * consistency check of an output directory after a kill.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { duck } from "./duck.js";
import { tmpDir } from "./tmp-dir.js";

export { tmpDir };

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = path.join(ROOT, "bin", "scsim.js");

export interface Result {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Spawned {
  child: ChildProcess;
  done: Promise<Result>;
  /** Resolves when stderr has shown a line matching `re` (with the time it did). */
  when(re: RegExp): Promise<number>;
}

/** Starts `scsim args` (node bin/scsim.js) in `cwd`; `nodeArgs` go before the script. */
export function start(
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    nodeArgs?: string[];
    timeoutMs?: number;
    /** Another bin/scsim.js (of a copy of the package). */
    bin?: string;
  } = {},
): Spawned {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.bin ?? BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { re: RegExp; resolve: (t: number) => void }[] = [];
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    for (const w of waiters.splice(0)) {
      if (w.re.test(stderr)) w.resolve(performance.now());
      else waiters.push(w);
    }
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
  const done = new Promise<Result>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
  return {
    child,
    done,
    when: (re) =>
      new Promise((resolve) => {
        if (re.test(stderr)) resolve(performance.now());
        else waiters.push({ re, resolve });
      }),
  };
}

/** Runs `scsim args` to the end. */
export function scsim(args: string[], opts: Parameters<typeof start>[1] = {}): Promise<Result> {
  return start(args, opts).done;
}

/** No stack trace: no "    at …" frame lines, no internal error names. */
export function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/TypeError|ReferenceError|RangeError|node:internal/);
}

/** SQL on an in-memory DuckDB (for Parquet files). */
export function sql(query: string): Promise<unknown[][]> {
  return duck(":memory:", query);
}

/** SQL on DIR/results.duckdb, read-only. */
export function dbSql(dir: string, query: string): Promise<unknown[][]> {
  return duck(path.join(dir, "results.duckdb"), query);
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Every path under `dir` (relative), depth first. */
export function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(path.join(dir, rel))) {
    const p = path.join(rel, f);
    out.push(p);
    if (fs.statSync(path.join(dir, p)).isDirectory()) out.push(...walk(dir, p));
  }
  return out;
}

/** What a stopped process may leave until the next command: staging entries, temporary files, a WAL. */
export function leftovers(dir: string): string[] {
  return walk(dir).filter(
    (p) => p.includes(".tmp-") || p.endsWith(".wal") || p.startsWith(`.staging${path.sep}`),
  );
}

/**
 * Checks what a reader of DIR can see, at any moment: every stored run
 * (runs/<id>/) is whole (run.json, its metrics with the recorded row count,
 * its report naming it); the dataset holds only stored runs; results.duckdb
 * holds only stored runs, each with all its rows, and no row of anything
 * else; report.html shows a stored run. With `settled` (after a command
 * that ran to the end), also: nothing left behind, and every index holds
 * exactly the stored runs, report.html the latest. Returns the stored ids.
 */
export async function expectConsistent(dir: string, settled: boolean): Promise<string[]> {
  const runsDir = path.join(dir, "runs");
  const ids = fs.existsSync(runsDir)
    ? fs.readdirSync(runsDir).filter((f) => !f.startsWith("."))
    : [];
  const records = new Map<string, { metricRows: number; finishedAt: string }>();
  for (const id of ids) {
    const part = path.join(runsDir, id);
    expect(fs.readdirSync(part).sort(), `runs/${id}`).toEqual([
      "metrics.parquet",
      "report.html",
      "run.json",
    ]);
    const rec = JSON.parse(fs.readFileSync(path.join(part, "run.json"), "utf8"));
    expect(rec.runId).toBe(id);
    const [[n]] = await sql(
      `SELECT count(*) FROM read_parquet(${q(path.join(part, "metrics.parquet"))})`,
    );
    expect(Number(n), `rows of runs/${id}`).toBe(rec.metricRows);
    expect(fs.readFileSync(path.join(part, "report.html"), "utf8")).toContain(
      `<meta name="scsim-run" content="${id}">`,
    );
    records.set(id, rec);
  }
  const ds = path.join(dir, "metrics.parquet");
  const visible = fs.existsSync(ds) ? fs.readdirSync(ds).filter((f) => !f.startsWith(".")) : [];
  for (const f of visible) expect(ids, `dataset file ${f}`).toContain(f.replace(/\.parquet$/, ""));
  if (fs.existsSync(path.join(dir, "results.duckdb"))) {
    const dbRuns = await dbSql(dir, "SELECT run_id, metric_rows FROM runs");
    for (const [id, rows] of dbRuns) {
      expect(ids, `database run ${id}`).toContain(String(id));
      expect(Number(rows)).toBe(records.get(String(id))?.metricRows);
    }
    const counts = await dbSql(
      dir,
      "SELECT run_id, count(*), (SELECT count(*) FROM runs r WHERE r.run_id = m.run_id) FROM metrics m GROUP BY run_id",
    );
    for (const [id, n, hasRun] of counts) {
      expect(Number(hasRun), `metric rows of ${id} without a runs row`).toBe(1);
      expect(Number(n)).toBe(records.get(String(id))?.metricRows);
    }
    if (settled) expect(dbRuns.map((r) => String(r[0])).sort()).toEqual([...ids].sort());
  } else if (settled) {
    expect(ids).toEqual([]);
  }
  const report = path.join(dir, "report.html");
  if (fs.existsSync(report)) {
    const shown = /<meta name="scsim-run" content="([^"]+)">/.exec(
      fs.readFileSync(report, "utf8"),
    )?.[1];
    expect(ids, "the run report.html shows").toContain(shown);
    if (settled) {
      const latest = [...records.entries()].sort(
        ([a, ra], [b, rb]) => ra.finishedAt.localeCompare(rb.finishedAt) || a.localeCompare(b),
      );
      expect(shown).toBe(latest.at(-1)?.[0]);
    }
  } else if (settled) {
    expect(ids).toEqual([]);
  }
  if (settled) {
    expect(leftovers(dir)).toEqual([]);
    expect(visible.sort()).toEqual(ids.map((id) => `${id}.parquet`).sort());
  }
  return ids;
}

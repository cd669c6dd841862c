import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../core/errors.js";
import { MetricsTable } from "../core/metrics/table.js";
import type { RunRecord } from "../core/run-record.js";
import { writeFileAtomic } from "./atomic-write.js";
import {
  exportParquet,
  METRICS_PARQUET_FILE,
  RESULTS_DB_FILE,
  readMetrics,
  readRuns,
  writeRun,
} from "./store.js";

const tmpDirs: string[] = [];
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "scsim-store-"));
  tmpDirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function sampleMetrics(steps: number, offset = 0): MetricsTable {
  const t = new MetricsTable(["listed", "default_rate"], ["all", "majority", "minority"], steps);
  const listed = t.index("listed");
  const rate = t.index("default_rate");
  for (let s = 0; s < steps; s++) {
    t.set(s, listed, 0, 10 * s + offset);
    t.set(s, listed, 1, 6 * s + offset);
    t.set(s, listed, 2, 4 * s);
    t.set(s, rate, 0, 0.05 + 0.001 * s + offset / 7);
    // per-grp default_rate only on even steps: odd ones stay NaN (not stored)
    if (s % 2 === 0) {
      t.set(s, rate, 1, 0.04 + s / 1000);
      t.set(s, rate, 2, 0.07 + s / 3000);
    }
  }
  t.recorded = steps;
  return t;
}

function countCells(t: MetricsTable): number {
  let n = 0;
  t.forEachTidy(() => n++);
  return n;
}

function sampleRecord(runId: string, over: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    preset: "baseline",
    seed: "42",
    agents: 10_000,
    steps: 25,
    scenario: JSON.stringify({ name: "it's a <test>", agents: 10_000 }),
    engineVersion: "0.1.0",
    startedAt: new Date("2025-03-04T05:06:07.123Z"),
    finishedAt: new Date("2025-03-04T05:06:09.456Z"),
    stateHash: "deadbeefcafef00d",
    ...over,
  };
}

async function query(file: string, sql: string): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(":memory:");
  const c = await inst.connect();
  try {
    return (await c.runAndReadAll(sql.replaceAll("$FILE", `'${file.replaceAll("'", "''")}'`)))
      .getRowsJS()
      .map((r) => [...r]);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

describe("writeRun / readRuns / readMetrics", () => {
  it("stores the runs row and every non-NaN cell, and reads them back", async () => {
    const dir = tmpDir();
    const metrics = sampleMetrics(25);
    const rec = sampleRecord("run-a");
    const res = await writeRun(dir, rec, metrics);
    expect(res.dbPath).toBe(path.join(dir, RESULTS_DB_FILE));
    expect(res.parquetPath).toBe(path.join(dir, METRICS_PARQUET_FILE));
    expect(res.metricRows).toBe(countCells(metrics));

    const runs = await readRuns(dir);
    expect(runs).toEqual([rec]);

    const rows = await readMetrics(dir, "run-a");
    expect(rows.length).toBe(countCells(metrics));
    // 25 steps × (3 listed + 1 rate) + 13 even steps × 2 grp rates
    expect(rows.length).toBe(25 * 4 + 13 * 2);
    const expected: { step: number; metric: string; grp: string; value: number }[] = [];
    metrics.forEachTidy((step, metric, grp, value) => expected.push({ step, metric, grp, value }));
    const key = (r: { step: number; metric: string; grp: string }) =>
      `${r.step}|${r.metric}|${r.grp}`;
    const byKey = new Map(rows.map((r) => [key(r), r.value]));
    for (const e of expected) expect(byKey.get(key(e))).toBe(e.value);

    expect(await readMetrics(dir, "no-such-run")).toEqual([]);
    // no temp files left behind
    expect(fs.readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("appends several runs to the same database; the parquet holds them all", async () => {
    const dir = tmpDir();
    const m1 = sampleMetrics(25);
    const m2 = sampleMetrics(40, 3);
    await writeRun(dir, sampleRecord("run-1"), m1);
    await writeRun(
      dir,
      sampleRecord("run-2", {
        preset: null,
        seed: "seed-text",
        agents: 5_000_000_000,
        steps: 40,
        startedAt: new Date("2025-03-05T00:00:00.000Z"),
        finishedAt: new Date("2025-03-05T00:01:00.000Z"),
      }),
      m2,
    );
    const runs = await readRuns(dir);
    expect(runs.map((r) => r.runId)).toEqual(["run-1", "run-2"]);
    expect(runs[1].preset).toBeNull();
    expect(runs[1].agents).toBe(5_000_000_000);
    expect(runs[1].seed).toBe("seed-text");
    expect((await readMetrics(dir, "run-1")).length).toBe(countCells(m1));
    expect((await readMetrics(dir, "run-2")).length).toBe(countCells(m2));

    const parquet = path.join(dir, METRICS_PARQUET_FILE);
    const [[count]] = await query(parquet, "SELECT count(*) FROM $FILE");
    expect(Number(count)).toBe(countCells(m1) + countCells(m2));
    const perRun = await query(
      parquet,
      "SELECT run_id, count(*), sum(value) FROM $FILE GROUP BY run_id ORDER BY run_id",
    );
    expect(perRun.map((r) => [r[0], Number(r[1])])).toEqual([
      ["run-1", countCells(m1)],
      ["run-2", countCells(m2)],
    ]);
    const cols = await query(parquet, "SELECT column_name, column_type FROM (DESCRIBE $FILE)");
    expect(cols).toEqual([
      ["run_id", "VARCHAR"],
      ["step", "INTEGER"],
      ["metric", "VARCHAR"],
      ["grp", "VARCHAR"],
      ["value", "DOUBLE"],
    ]);
    // sorted by run_id, step, metric, grp
    const firstRows = await query(parquet, "SELECT run_id, step, metric, grp FROM $FILE LIMIT 4");
    expect(firstRows).toEqual([
      ["run-1", 0, "default_rate", "all"],
      ["run-1", 0, "default_rate", "majority"],
      ["run-1", 0, "default_rate", "minority"],
      ["run-1", 0, "listed", "all"],
    ]);

    // exportParquet rewrites the same content
    fs.rmSync(parquet);
    await exportParquet(dir);
    const [[again]] = await query(parquet, "SELECT count(*) FROM $FILE");
    expect(Number(again)).toBe(Number(count));
  });

  it("refuses a duplicate run id unless replace is set, leaving the stored run intact", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("dup"), sampleMetrics(10));
    const err = await writeRun(dir, sampleRecord("dup"), sampleMetrics(20)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err.message)).toContain("dup");
    expect((await readMetrics(dir, "dup")).length).toBe(countCells(sampleMetrics(10)));

    await writeRun(dir, sampleRecord("dup", { steps: 20 }), sampleMetrics(20), { replace: true });
    expect((await readRuns(dir)).map((r) => r.steps)).toEqual([20]);
    expect((await readMetrics(dir, "dup")).length).toBe(countCells(sampleMetrics(20)));
  });

  it("concurrent writes to one directory in one process are queued, not interleaved", async () => {
    const dir = tmpDir();
    const ids = ["c1", "c2", "c3", "c4"];
    await Promise.all(ids.map((id, i) => writeRun(dir, sampleRecord(id), sampleMetrics(10 + i))));
    expect((await readRuns(dir)).map((r) => r.runId).sort()).toEqual(ids);
    for (const [i, id] of ids.entries()) {
      expect((await readMetrics(dir, id)).length).toBe(countCells(sampleMetrics(10 + i)));
    }
  });

  it("a failure mid-write commits nothing (no run row, no metrics)", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("ok"), sampleMetrics(5));
    const bad = sampleRecord("bad", { startedAt: new Date(Number.NaN) });
    await expect(writeRun(dir, bad, sampleMetrics(5))).rejects.toThrow(/invalid date/);
    expect((await readRuns(dir)).map((r) => r.runId)).toEqual(["ok"]);
    expect(await readMetrics(dir, "bad")).toEqual([]);
  });

  it("leaves the database unlocked: another instance can open it afterwards", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("r"), sampleMetrics(3));
    const inst = await DuckDBInstance.create(path.join(dir, RESULTS_DB_FILE));
    const c = await inst.connect();
    const [[n]] = (await c.runAndReadAll("SELECT count(*) FROM runs")).getRowsJS();
    expect(Number(n)).toBe(1);
    c.closeSync();
    inst.closeSync();
  });

  it("writes 100k metric rows, every one stored (speed is measured in benchmarks, not here)", async () => {
    const dir = tmpDir();
    // 2 metrics × 3 grps × 16_667 steps ≈ 100k cells
    const steps = 16_667;
    const t = new MetricsTable(["listed", "default_rate"], ["all", "majority", "minority"], steps);
    for (let i = 0; i < t.values.length; i++) t.values[i] = i * 0.5;
    t.recorded = steps;
    const res = await writeRun(dir, sampleRecord("big"), t);
    expect(res.metricRows).toBe(steps * 6);
    const rows = await readMetrics(dir, "big");
    expect(rows.length).toBe(steps * 6);
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, v) => a + v, 0);
    expect(sum(rows.map((r) => r.value))).toBe(sum(t.values));
  });
});

describe("store errors", () => {
  it("a corrupt results.duckdb gives a UserError naming the file", async () => {
    const dir = tmpDir();
    const file = path.join(dir, RESULTS_DB_FILE);
    fs.writeFileSync(file, Buffer.from("garbage bytes, not a database\n".repeat(200)));
    const err = await writeRun(dir, sampleRecord("x"), sampleMetrics(3)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not a DuckDB database/);
    expect(err.hint).toBeTruthy();
    await expect(readRuns(dir)).rejects.toBeInstanceOf(UserError);
  });

  it("a results.duckdb locked by another process gives a UserError", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("x"), sampleMetrics(3));
    const file = path.join(dir, RESULTS_DB_FILE);
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { DuckDBInstance } from "@duckdb/node-api";
         const i = await DuckDBInstance.create(${JSON.stringify(file)});
         await (await i.connect()).run("SELECT 1");
         console.log("ready");
         setTimeout(() => {}, 30000);`,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (d) => {
          if (String(d).includes("ready")) resolve();
        });
        holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
      });
      const err = await writeRun(dir, sampleRecord("y"), sampleMetrics(3)).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toContain(file);
      expect(err.message).toMatch(/locked by another process/);
    } finally {
      holder.kill();
    }
  });

  it("an output path that is a file gives a UserError", async () => {
    const dir = tmpDir();
    const notDir = path.join(dir, "file.txt");
    fs.writeFileSync(notDir, "x");
    await expect(writeRun(notDir, sampleRecord("x"), sampleMetrics(3))).rejects.toBeInstanceOf(
      UserError,
    );
  });

  it("an unwritable directory gives a UserError (even as root: /proc takes no new entries)", async () => {
    const dir = `/proc/scsim-unwritable-${process.pid}`;
    const err = await writeRun(dir, sampleRecord("x"), sampleMetrics(3)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(dir);
  });

  it("reading a directory without results gives a UserError", async () => {
    await expect(readRuns(tmpDir())).rejects.toBeInstanceOf(UserError);
  });
});

describe("writeFileAtomic", () => {
  it("writes the content and leaves no temp file", () => {
    const dir = tmpDir();
    const file = path.join(dir, "report.html");
    writeFileAtomic(file, "one");
    writeFileAtomic(file, "two");
    expect(fs.readFileSync(file, "utf8")).toBe("two");
    expect(fs.readdirSync(dir)).toEqual(["report.html"]);
  });
});

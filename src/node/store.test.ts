import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { duck } from "../../test/duck.js";
import { tmpDir } from "../../test/tmp-dir.js";
import { UserError } from "../core/errors.js";
import { MetricsTable } from "../core/metrics/table.js";
import type { RunRecord } from "../core/run-record.js";
import { HOST_TAG, writeFileAtomic } from "./atomic-write.js";
import {
  countStoredRows,
  LockedError,
  METRICS_PARQUET_DIR,
  PART_METRICS,
  RESULTS_DB_FILE,
  readMetrics,
  readRuns,
  STAGING_DIR,
  storedSteps,
  syncStore,
  writeRun,
} from "./store.js";

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

/** Runs SQL on an in-memory DuckDB; `$DIR` is replaced by the quoted directory. */
function query(dir: string, sql: string): Promise<unknown[][]> {
  return duck(":memory:", sql.replaceAll("$DIR", dir.replaceAll("'", "''")));
}

/** Runs SQL on DIR/results.duckdb, read-only. */
function queryDb(dir: string, sql: string): Promise<unknown[][]> {
  return duck(path.join(dir, RESULTS_DB_FILE), sql);
}

/** The database holds exactly the parts: same runs, each with its part's rows. */
async function expectDbMatchesParts(dir: string): Promise<void> {
  const runs = await readRuns(dir);
  const dbRuns = await queryDb(dir, "SELECT run_id, metric_rows FROM runs ORDER BY run_id");
  expect(dbRuns.map((r) => [String(r[0]), Number(r[1])])).toEqual(
    runs.map((r) => [r.runId, r.metricRows]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
  const counts = await queryDb(
    dir,
    "SELECT run_id, count(*) FROM metrics GROUP BY run_id ORDER BY run_id",
  );
  expect(counts.map((r) => [String(r[0]), Number(r[1])])).toEqual(
    dbRuns.map((r) => [String(r[0]), Number(r[1])]).filter(([, n]) => (n as number) > 0),
  );
}

function leftovers(dir: string): string[] {
  const all: string[] = [];
  const walk = (rel: string) => {
    for (const f of fs.readdirSync(path.join(dir, rel))) {
      const p = path.join(rel, f);
      if (f.includes(".tmp-")) all.push(p);
      if (fs.statSync(path.join(dir, p)).isDirectory()) walk(p);
    }
  };
  walk("");
  return [...all, ...fs.readdirSync(path.join(dir, STAGING_DIR))];
}

describe("writeRun / readRuns / readMetrics", () => {
  it("stores a part, the database rows and the dataset file, and reads every value back", async () => {
    const dir = tmpDir();
    const metrics = sampleMetrics(25);
    const rec = sampleRecord("run-a");
    const res = await writeRun(
      dir,
      {
        ...rec,
        command: "scsim run x.yaml --set a.b=1",
        overrides: ["a.b=1"],
        scenarioFile: "/x.yaml",
        title: "t",
      },
      metrics,
      { reportHtml: "<p>report of run-a</p>" },
    );
    expect(res.dbPath).toBe(path.join(dir, RESULTS_DB_FILE));
    expect(res.parquetPath).toBe(path.join(dir, METRICS_PARQUET_DIR, "run-a.parquet"));
    expect(res.partPath).toBe(path.join(dir, "runs", "run-a"));
    expect(res.reportPath).toBe(path.join(dir, "report.html"));
    expect(res.metricRows).toBe(countCells(metrics));
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).toBe("<p>report of run-a</p>");

    const [run] = await readRuns(dir);
    expect(run).toEqual({
      ...rec,
      command: "scsim run x.yaml --set a.b=1",
      overrides: ["a.b=1"],
      scenarioFile: "/x.yaml",
      title: "t",
      metricRows: countCells(metrics),
      storeEvery: 1,
    });

    const rows = await readMetrics(dir, "run-a");
    // 25 steps × (3 listed + 1 rate) + 13 even steps × 2 grp rates
    expect(rows.length).toBe(25 * 4 + 13 * 2);
    const byKey = new Map(rows.map((r) => [`${r.step}|${r.metric}|${r.grp}`, r.value]));
    metrics.forEachTidy((step, metric, grp, value) =>
      expect(byKey.get(`${step}|${metric}|${grp}`)).toBe(value),
    );
    expect(await readMetrics(dir, "no-such-run")).toEqual([]);

    // The database: the same run, with its provenance, and the same rows.
    const [db] = await queryDb(
      dir,
      "SELECT run_id, preset, seed, agents, steps, title, command, overrides, scenario_file, metric_rows, store_every, epoch_ms(started_at) FROM runs",
    );
    expect(db).toEqual([
      "run-a",
      "baseline",
      "42",
      10_000n,
      25,
      "t",
      "scsim run x.yaml --set a.b=1",
      ["a.b=1"],
      "/x.yaml",
      BigInt(countCells(metrics)),
      1,
      BigInt(rec.startedAt.getTime()),
    ]);
    const [[n, sum]] = await queryDb(dir, "SELECT count(*), sum(value) FROM metrics");
    expect(Number(n)).toBe(rows.length);
    expect(sum).toBeCloseTo(
      rows.reduce((a, r) => a + r.value, 0),
      6,
    );
    expect(leftovers(dir)).toEqual([]);
  });

  it("writes one Parquet part per run and never rewrites an earlier one (no quadratic rewrite)", async () => {
    const dir = tmpDir();
    const ms = [sampleMetrics(25), sampleMetrics(40, 3), sampleMetrics(7, 1)];
    await writeRun(dir, sampleRecord("run-1"), ms[0]);
    const first = path.join(dir, "runs", "run-1", PART_METRICS);
    const before = fs.statSync(first);
    const bytesBefore = fs.readFileSync(first);
    await writeRun(
      dir,
      sampleRecord("run-2", { preset: null, seed: "seed-text", agents: 5_000_000_000 }),
      ms[1],
    );
    await writeRun(dir, sampleRecord("run-3"), ms[2]);
    const after = fs.statSync(first);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([
      before.ino,
      before.mtimeMs,
      before.size,
    ]);
    expect(fs.readFileSync(first).equals(bytesBefore)).toBe(true);
    // The dataset links the parts (hard links: the same inode, no copy).
    const ds = path.join(dir, METRICS_PARQUET_DIR);
    expect(fs.readdirSync(ds).sort()).toEqual(["run-1.parquet", "run-2.parquet", "run-3.parquet"]);
    expect(fs.statSync(path.join(ds, "run-1.parquet")).ino).toBe(before.ino);

    const runs = await readRuns(dir);
    expect(runs.map((r) => r.runId)).toEqual(["run-1", "run-2", "run-3"]);
    expect(runs[1].preset).toBeNull();
    expect(runs[1].agents).toBe(5_000_000_000);
    // What pandas / Polars / DuckDB read: the dataset directory, all runs.
    const perRun = await query(
      dir,
      "SELECT run_id, count(*) FROM read_parquet('$DIR/metrics.parquet/*.parquet') GROUP BY run_id ORDER BY run_id",
    );
    expect(perRun.map((r) => [r[0], Number(r[1])])).toEqual(
      ms.map((m, i) => [`run-${i + 1}`, countCells(m)]),
    );
    const cols = await query(
      dir,
      "SELECT column_name, column_type FROM (DESCRIBE '$DIR/metrics.parquet/run-1.parquet')",
    );
    expect(cols).toEqual([
      ["run_id", "VARCHAR"],
      ["step", "INTEGER"],
      ["metric", "VARCHAR"],
      ["grp", "VARCHAR"],
      ["value", "DOUBLE"],
    ]);
    // In step, metric (table order), grp order.
    const firstRows = await query(
      dir,
      "SELECT run_id, step, metric, grp FROM '$DIR/runs/run-1/metrics.parquet' LIMIT 4",
    );
    expect(firstRows).toEqual([
      ["run-1", 0, "listed", "all"],
      ["run-1", 0, "listed", "majority"],
      ["run-1", 0, "listed", "minority"],
      ["run-1", 0, "default_rate", "all"],
    ]);
    await expectDbMatchesParts(dir);
  });

  it("stores every k-th step and the last with storeEvery", async () => {
    const dir = tmpDir();
    const t = sampleMetrics(23);
    const res = await writeRun(dir, sampleRecord("thin"), t, { storeEvery: 5 });
    expect(storedSteps(23, 5)).toBe(6);
    const steps = [...new Set((await readMetrics(dir, "thin")).map((r) => r.step))];
    expect(steps).toEqual([0, 5, 10, 15, 20, 22]);
    expect(res.metricRows).toBe(countStoredRows(t, 5));
    expect((await readRuns(dir))[0].storeEvery).toBe(5);
  });

  it("refuses a duplicate run id, leaving the stored run intact", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("dup"), sampleMetrics(10));
    const err = await writeRun(dir, sampleRecord("dup"), sampleMetrics(20)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err.message)).toContain("dup");
    expect((await readMetrics(dir, "dup")).length).toBe(countCells(sampleMetrics(10)));
    expect(leftovers(dir)).toEqual([]);
  });

  it("concurrent writes to one directory in one process all land", async () => {
    const dir = tmpDir();
    const ids = ["c1", "c2", "c3", "c4"];
    await Promise.all(ids.map((id, i) => writeRun(dir, sampleRecord(id), sampleMetrics(10 + i))));
    expect((await readRuns(dir)).map((r) => r.runId).sort()).toEqual(ids);
    for (const [i, id] of ids.entries()) {
      expect((await readMetrics(dir, id)).length).toBe(countCells(sampleMetrics(10 + i)));
    }
    await expectDbMatchesParts(dir);
  });

  it("a failure mid-write stores nothing and leaves nothing behind", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("ok"), sampleMetrics(5));
    const bad = sampleRecord("bad", { startedAt: new Date(Number.NaN) });
    await expect(writeRun(dir, bad, sampleMetrics(5))).rejects.toThrow(/Invalid time value/);
    expect((await readRuns(dir)).map((r) => r.runId)).toEqual(["ok"]);
    expect(await readMetrics(dir, "bad")).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
    await expectDbMatchesParts(dir);
  });

  it("leaves the database unlocked: another instance can open it afterwards", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("r"), sampleMetrics(3));
    const [[n]] = await queryDb(dir, "SELECT count(*) FROM runs");
    expect(Number(n)).toBe(1);
  });

  it("writes 100k metric rows, every one stored (speed is measured in benchmarks, not here)", async () => {
    const dir = tmpDir();
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

describe("syncStore: the indexes follow the parts", () => {
  it("removes orphan rows and re-adds a run whose rows were cut short", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("a"), sampleMetrics(10));
    await writeRun(dir, sampleRecord("b"), sampleMetrics(12));
    // What a write cut short could leave: rows of a run that is not stored, and a run missing rows.
    const inst = await DuckDBInstance.create(path.join(dir, RESULTS_DB_FILE));
    const c = await inst.connect();
    await c.run(
      "INSERT INTO metrics VALUES ('ghost', 0, 'listed', 'all', 1), ('ghost', 1, 'listed', 'all', 2)",
    );
    await c.run("DELETE FROM metrics WHERE run_id = 'b' AND step > 5");
    c.closeSync();
    inst.closeSync();
    const res = await syncStore(dir);
    expect(res.repaired.sort()).toEqual(["b", "ghost"]);
    await expectDbMatchesParts(dir);
    expect(await queryDb(dir, "SELECT count(*) FROM metrics WHERE run_id = 'ghost'")).toEqual([
      [0n],
    ]);
  });

  it("drops a run whose part was removed, from the database and the dataset; report follows the latest", async () => {
    const dir = tmpDir();
    await writeRun(
      dir,
      sampleRecord("old", { finishedAt: new Date("2025-01-01T00:00:00Z") }),
      sampleMetrics(4),
      { reportHtml: "old" },
    );
    await writeRun(
      dir,
      sampleRecord("new", { finishedAt: new Date("2025-02-01T00:00:00Z") }),
      sampleMetrics(4),
      { reportHtml: "new" },
    );
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).toBe("new");
    fs.rmSync(path.join(dir, "runs", "new"), { recursive: true });
    const res = await syncStore(dir);
    expect(res.dropped).toEqual(["new"]);
    expect(fs.readdirSync(path.join(dir, METRICS_PARQUET_DIR))).toEqual(["old.parquet"]);
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).toBe("old");
    await expectDbMatchesParts(dir);
  });

  it("rebuilds a missing results.duckdb from the parts", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("x"), sampleMetrics(6));
    await writeRun(dir, sampleRecord("y"), sampleMetrics(8));
    fs.rmSync(path.join(dir, RESULTS_DB_FILE));
    const res = await syncStore(dir);
    expect(res.added.sort()).toEqual(["x", "y"]);
    await expectDbMatchesParts(dir);
  });

  it("removes staging directories and temporary files of dead processes, not of live ones", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("kept"), sampleMetrics(3));
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    const staging = path.join(dir, STAGING_DIR);
    fs.mkdirSync(path.join(staging, `r1.${HOST_TAG}.${dead}`));
    fs.writeFileSync(path.join(staging, `r1.${HOST_TAG}.${dead}`, PART_METRICS), "half");
    fs.mkdirSync(path.join(staging, `r2.${HOST_TAG}.${process.pid}`)); // ours: in progress
    fs.mkdirSync(path.join(staging, `r3.0badc0de.${dead}`)); // another host's: not ours to judge
    fs.writeFileSync(path.join(dir, `report.html.tmp-${HOST_TAG}-${dead}-abcdef`), "x");
    fs.writeFileSync(
      path.join(dir, METRICS_PARQUET_DIR, `.z.parquet.tmp-${HOST_TAG}-${dead}-abcdef`),
      "x",
    );
    const res = await syncStore(dir);
    expect(res.leftovers.sort()).toEqual(
      [
        path.join(STAGING_DIR, `r1.${HOST_TAG}.${dead}`),
        `report.html.tmp-${HOST_TAG}-${dead}-abcdef`,
        path.join(METRICS_PARQUET_DIR, `.z.parquet.tmp-${HOST_TAG}-${dead}-abcdef`),
      ].sort(),
    );
    expect(fs.readdirSync(staging).sort()).toEqual(
      [`r2.${HOST_TAG}.${process.pid}`, `r3.0badc0de.${dead}`].sort(),
    );
    expect((await readRuns(dir)).map((r) => r.runId)).toEqual(["kept"]);
  });

  it("converts a scsim 0.1 directory (runs only in results.duckdb, one metrics.parquet file)", async () => {
    const dir = tmpDir();
    const inst = await DuckDBInstance.create(path.join(dir, RESULTS_DB_FILE));
    const c = await inst.connect();
    await c.run(`CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, preset VARCHAR, seed VARCHAR, agents BIGINT,
      steps INTEGER, scenario VARCHAR, engine_version VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, state_hash VARCHAR)`);
    await c.run(
      "CREATE TABLE metrics (run_id VARCHAR, step INTEGER, metric VARCHAR, grp VARCHAR, value DOUBLE)",
    );
    await c.run(`INSERT INTO runs VALUES ('legacy-1', 'integrated', '7', 100, 2, '{}', '0.1.0',
      TIMESTAMP '2025-01-01 00:00:00', TIMESTAMP '2025-01-01 00:00:01', 'abc')`);
    await c.run(
      "INSERT INTO metrics SELECT 'legacy-1', i, 'listed', 'all', i * 0.5 FROM range(3) t(i)",
    );
    await c.run("INSERT INTO metrics VALUES ('orphan', 0, 'listed', 'all', 9)"); // never stored
    await c.run(`COPY metrics TO '${path.join(dir, "metrics.parquet")}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();

    const res = await syncStore(dir);
    expect(res.migrated).toEqual(["legacy-1"]);
    const [run] = await readRuns(dir);
    expect(run).toMatchObject({
      runId: "legacy-1",
      preset: "integrated",
      seed: "7",
      metricRows: 3,
      storeEvery: 1,
    });
    expect((await readMetrics(dir, "legacy-1")).map((r) => r.value)).toEqual([0, 0.5, 1]);
    expect(fs.statSync(path.join(dir, METRICS_PARQUET_DIR)).isDirectory()).toBe(true);
    await expectDbMatchesParts(dir);
    // And it keeps working as a current store.
    await writeRun(dir, sampleRecord("next"), sampleMetrics(3));
    await expectDbMatchesParts(dir);
  });
});

/** Holds DIR/results.duckdb open in another process for `ms` milliseconds, or until a line on its stdin. */
async function holdLock(file: string, ms: number) {
  const holder = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { DuckDBInstance } from "@duckdb/node-api";
       const i = await DuckDBInstance.create(${JSON.stringify(file)});
       const c = await i.connect();
       await c.run("SELECT 1");
       console.log("ready");
       const done = () => { c.closeSync(); i.closeSync(); process.exit(0); };
       setTimeout(done, ${ms});
       process.stdin.once("data", done);`,
    ],
    { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on("data", (d) => {
      if (String(d).includes("ready")) resolve();
    });
    holder.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
  });
  return holder;
}

describe("a results.duckdb locked by another process", () => {
  it("is waited for (with a message), and the run lands", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("first"), sampleMetrics(3));
    const holder = await holdLock(path.join(dir, RESULTS_DB_FILE), 30_000);
    const waits: string[] = [];
    try {
      await writeRun(dir, sampleRecord("second"), sampleMetrics(3), {
        sync: {
          waitMs: 30_000,
          onWait: (m) => {
            waits.push(m);
            holder.stdin?.write("go\n"); // let go once the wait has begun
          },
        },
      });
    } finally {
      holder.kill();
    }
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(/locked by another process \(PID \d+\): waiting/);
    await expectDbMatchesParts(dir);
    expect((await readRuns(dir)).map((r) => r.runId)).toEqual(["first", "second"]);
  });

  it("past the wait: a LockedError; the run is stored all the same and indexed by the next sync", async () => {
    const dir = tmpDir();
    await writeRun(dir, sampleRecord("first"), sampleMetrics(3));
    const file = path.join(dir, RESULTS_DB_FILE);
    const holder = await holdLock(file, 20_000);
    let err: unknown;
    try {
      err = await writeRun(dir, sampleRecord("second"), sampleMetrics(3), {
        sync: { waitMs: 300 },
      }).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(
        /run second is stored .* is locked by another process/,
      );
      const tolerant = await syncStore(dir, { waitMs: 100, tolerateLock: true });
      expect(tolerant.dbUpdated).toBe(false);
      // The dataset follows the parts even while the database is locked.
      expect(fs.readdirSync(path.join(dir, METRICS_PARQUET_DIR)).sort()).toEqual([
        "first.parquet",
        "second.parquet",
      ]);
      await expect(syncStore(dir, { waitMs: 0 })).rejects.toBeInstanceOf(LockedError);
    } finally {
      holder.kill();
      await new Promise((r) => holder.on("exit", r));
    }
    expect((await syncStore(dir)).added).toEqual(["second"]);
    await expectDbMatchesParts(dir);
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
  });

  it("a results.duckdb with other tables named runs gives a UserError naming the columns", async () => {
    const dir = tmpDir();
    const inst = await DuckDBInstance.create(path.join(dir, RESULTS_DB_FILE));
    const c = await inst.connect();
    await c.run("CREATE TABLE runs (id INTEGER)");
    c.closeSync();
    inst.closeSync();
    const err = await syncStore(dir).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/table "metrics" does not have the columns scsim expects/);
  });

  it.each([
    [
      "a file",
      (d: string) => {
        fs.writeFileSync(path.join(d, "file.txt"), "x");
        return path.join(d, "file.txt");
      },
      /exists and is not a directory/,
    ],
    [
      "under a file",
      (d: string) => {
        fs.writeFileSync(path.join(d, "file.txt"), "x");
        return path.join(d, "file.txt", "sub", "dir");
      },
      /file\.txt is a file/,
    ],
    ["a device", () => "/dev/null", /exists and is not a directory \(it is a device\)/],
    [
      "in /proc (nothing can be created, even as root)",
      () => `/proc/scsim-${process.pid}/out`,
      /cannot create output directory/,
    ],
  ])("an output path that is %s gives a UserError", async (_, make, message) => {
    const out = make(tmpDir());
    const err = await writeRun(out, sampleRecord("x"), sampleMetrics(3)).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(message);
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

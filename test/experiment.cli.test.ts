/**
 * `scsim experiment` end to end, through the built CLI, its worker pool and
 * the stored parts: results identical for any --workers and however often
 * the process is killed (kill -9) and resumed; failing units (a throw, a
 * thread that exits, a worker out of memory) recorded and retried; and the
 * Sobol' indices of the analytic test functions inside their intervals.
 * Units are the built-in test models (microseconds each), made slow or
 * failing where needed by the test-only hooks of src/node/experiment/compute.ts.
 * Timeouts are generous: the machine is shared, and each test spawns several
 * CLI processes.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  analyseExperiment,
  parseExperiment,
  prepareExperiment,
  runTestModel,
  sobolG,
} from "../src/core/experiment/index.js";
import { analysisJson } from "../src/node/experiment/runner.js";
import { expectNoStack, scsim, start, tmpDir } from "./cli-helpers.js";
import { duck } from "./duck.js";

function write(dir: string, name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

/** Every stored part (name → bytes) of an experiment directory. */
function parts(out: string): Map<string, string> {
  const d = path.join(out, "units");
  return new Map(
    fs
      .readdirSync(d)
      .filter((f) => f.endsWith(".bin"))
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(d, f)).toString("hex")]),
  );
}

/** What a reader of the finished study sees: the analysis and the database tables, in order. */
async function results(out: string): Promise<unknown> {
  const db = path.join(out, "experiment.duckdb");
  const tables: Record<string, unknown> = {};
  for (const [t, order] of [
    ["runs", "unit"],
    ["metrics", "unit, output"],
    ["summaries", "point, output"],
    ["sobol", "output, factor, measure"],
    ["points", "point"],
  ]) {
    tables[t] = await duck(db, `SELECT * FROM ${t} ORDER BY ${order}`);
  }
  return { analysis: fs.readFileSync(path.join(out, "analysis.json"), "utf8"), tables };
}

/** 40 points × 4 replications of a noisy Ishigami: 160 units. */
const NOISY = `version: 1
name: noisy ishigami
model: {name: ishigami, noiseSd: 0.5}
design: {type: sobol, n: 8, bootstrap: 200}
replications: 4
seed: 11
`;

describe("scsim experiment", () => {
  it("gives identical results with 1 and 2 workers, and refuses a used directory without --resume", async () => {
    const dir = tmpDir("scsim-exp-");
    const file = write(dir, "noisy.yaml", NOISY);
    const one = path.join(dir, "one");
    const two = path.join(dir, "two");
    const r1 = await scsim(["experiment", file, "--out", one, "--workers", "1"]);
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stderr).toMatch(/160 units, 0 stored, 160 to run on 1 worker thread/);
    expect(r1.stdout).toMatch(/Sobol' indices of y/);
    const r2 = await scsim(["experiment", file, "--out", two, "--workers", "2", "-q"]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(parts(one).size).toBe(160);
    expect(parts(two)).toEqual(parts(one));
    expect(await results(two)).toEqual(await results(one));
    const html = fs.readFileSync(path.join(one, "experiment.html"), "utf8");
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script|src="http/);

    const again = await scsim(["experiment", file, "--out", one]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds the experiment "noisy ishigami" \(160 of 160/);
    expect(again.stderr).toMatch(/--resume/);
    expectNoStack(again.stderr);
    const other = write(dir, "other.yaml", NOISY.replace("seed: 11", "seed: 12"));
    const wrong = await scsim(["experiment", other, "--out", one, "--resume"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/cannot resume: .* different experiment file/);
    expectNoStack(wrong.stderr);
  }, 180_000);

  it("kill -9 mid-experiment, twice, then Ctrl-C: --resume runs only the missing units, results bit-identical", async () => {
    const dir = tmpDir("scsim-exp-kill-");
    const file = write(dir, "noisy.yaml", NOISY);
    const ref = path.join(dir, "ref");
    expect((await scsim(["experiment", file, "--out", ref, "-q", "--workers", "2"])).status).toBe(
      0,
    );

    const out = path.join(dir, "killed");
    // 160 units of 25 ms on 2 threads: about 2 s of units; the progress
    // lines (stderr is not a TTY) aim the kills at 30% and, resumed, at 20%.
    const slow = { SCSIM_TEST_UNIT_DELAY_MS: "25" };
    const counts: number[] = [];
    for (const [resume, at] of [
      [false, /units 30%/],
      [true, /units 20%/],
    ] as const) {
      const p = start(
        ["experiment", file, "--out", out, "--workers", "2", ...(resume ? ["--resume"] : [])],
        { env: slow },
      );
      await p.when(at);
      p.child.kill("SIGKILL");
      const r = await p.done;
      expect(r.signal).toBe("SIGKILL");
      counts.push(parts(out).size);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(counts[0]);
    expect(counts[1]).toBeLessThan(160);
    // Every stored part is one the uninterrupted run stored, byte for byte.
    const reference = parts(ref);
    for (const [name, bytes] of parts(out)) expect(reference.get(name)).toBe(bytes);

    // Ctrl-C: the running units finish and are stored, then it stops with 130.
    const p = start(["experiment", file, "--out", out, "--workers", "2", "--resume"], {
      env: slow,
    });
    await p.when(/units 20%/);
    p.child.kill("SIGINT");
    const stopped = await p.done;
    expect(stopped.status, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/stopping: the running units finish and are stored/);
    expect(stopped.stderr).toMatch(/stopped: \d+ of 160 units stored/);
    expect(stopped.stderr).toMatch(/--resume continues it/);
    expectNoStack(stopped.stderr);
    expect(parts(out).size).toBeGreaterThan(counts[1]);
    expect(fs.readdirSync(path.join(out, "units")).filter((f) => !f.endsWith(".bin"))).toEqual([]);

    const fresh = await scsim(["experiment", file, "--out", out]);
    expect(fresh.status).toBe(2);
    expect(fresh.stderr).toMatch(/--resume/);
    const before = parts(out).size;
    const r = await scsim(["experiment", file, "--out", out, "--resume", "--workers", "2"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${before} stored, ${160 - before} to run`);
    expect(r.stdout).toContain(`${160 - before} units run`);
    expect(parts(out)).toEqual(reference);
    expect(await results(out)).toEqual(await results(ref));
    // Nothing left behind by the killed processes.
    expect(fs.readdirSync(path.join(out, "units")).filter((f) => !f.endsWith(".bin"))).toEqual([]);
    expect(fs.existsSync(path.join(out, ".lock"))).toBe(false);
  }, 180_000);

  it("a unit that throws, exits its thread or runs out of memory fails alone, is recorded, and is retried on --resume", async () => {
    const dir = tmpDir("scsim-exp-fail-");
    const file = write(
      dir,
      "grid.yaml",
      "version: 1\nmodel: sobol-g\ndesign: {type: lhs, points: 10}\nreplications: 2\n",
    );
    const out = path.join(dir, "out");
    const r = await scsim(
      ["experiment", file, "--out", out, "--workers", "2", "--worker-memory", "64M"],
      { env: { SCSIM_TEST_UNIT_FAULTS: "2:throw,5:exit,7:oom" } },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/unit 2 failed: test fault: unit 2 throws/);
    expect(r.stderr).toMatch(/unit 5 failed: .*exit/i);
    expect(r.stderr).toMatch(/unit 7 failed: .*memory/i);
    expect(r.stderr).toMatch(/3 units failed/);
    expectNoStack(r.stderr);
    expect(parts(out).size).toBe(17);
    expect(fs.readdirSync(path.join(out, "failed"))).toHaveLength(3);
    const db = path.join(out, "experiment.duckdb");
    expect(
      await duck(db, "SELECT unit, status FROM runs WHERE status <> 'done' ORDER BY unit"),
    ).toEqual([
      [2, "failed"],
      [5, "failed"],
      [7, "failed"],
    ]);
    const again = await scsim(["experiment", file, "--out", out, "--resume", "-q"]);
    expect(again.status, again.stderr).toBe(0);
    expect(parts(out).size).toBe(20);
    expect(fs.readdirSync(path.join(out, "failed"))).toHaveLength(0);
  }, 180_000);
});

/** Sobol' indices read back from the stored analysis. */
function storedSobol(out: string) {
  const a = JSON.parse(fs.readFileSync(path.join(out, "analysis.json"), "utf8"));
  return a.sobol.y as {
    S1: { estimate: number; low: number; high: number }[];
    ST: { estimate: number; low: number; high: number }[];
  };
}

describe("scsim experiment against analytic Sobol' indices", () => {
  it("Ishigami (a = 7, b = 0.1) at N = 1024, seed 1: each analytic S1 and ST inside its stored 95% CI", async () => {
    const dir = tmpDir("scsim-exp-ish-");
    const text = "version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 1024}\nseed: 1\n";
    const file = write(dir, "ishigami.yaml", text);
    const out = path.join(dir, "out");
    const r = await scsim(["experiment", file, "--out", out, "-q", "--workers", "2"]);
    expect(r.status, r.stderr).toBe(0);
    const s = storedSobol(out);
    const S1 = [0.3139, 0.4424, 0];
    const ST = [0.5576, 0.4424, 0.2437];
    for (let i = 0; i < 3; i++) {
      expect(S1[i]).toBeGreaterThanOrEqual(s.S1[i].low);
      expect(S1[i]).toBeLessThanOrEqual(s.S1[i].high);
      expect(ST[i]).toBeGreaterThanOrEqual(s.ST[i].low);
      expect(ST[i]).toBeLessThanOrEqual(s.ST[i].high);
    }
    // The stored pipeline computes what the core computes in one process, bit for bit.
    const p = prepareExperiment(parseExperiment(text));
    const direct = JSON.parse(analysisJson(analyseExperiment(p, runTestModel(p))));
    expect(JSON.parse(fs.readFileSync(path.join(out, "analysis.json"), "utf8"))).toEqual(direct);
  }, 180_000);

  it("Sobol' G (a = 0, 1, 4.5, 9, 99 ×4) at N = 256, seed 2: each analytic S1 and ST inside its stored 95% CI", async () => {
    const dir = tmpDir("scsim-exp-g-");
    const file = write(
      dir,
      "g.yaml",
      "version: 1\nmodel: sobol-g\ndesign: {type: sobol, n: 256}\nseed: 2\n",
    );
    const out = path.join(dir, "out");
    const r = await scsim(["experiment", file, "--out", out, "-q", "--workers", "2"]);
    expect(r.status, r.stderr).toBe(0);
    const s = storedSobol(out);
    const analytic = sobolG().analytic;
    // The published first four S1 (Saltelli and Sobol' 1995) and the code's formula agree.
    expect(analytic.S1.slice(0, 4).map((x) => Number(x.toFixed(4)))).toEqual([
      0.7162, 0.179, 0.0237, 0.0072,
    ]);
    for (let i = 0; i < 8; i++) {
      expect(analytic.S1[i]).toBeGreaterThanOrEqual(s.S1[i].low);
      expect(analytic.S1[i]).toBeLessThanOrEqual(s.S1[i].high);
      expect(analytic.ST[i]).toBeGreaterThanOrEqual(s.ST[i].low);
      expect(analytic.ST[i]).toBeLessThanOrEqual(s.ST[i].high);
    }
  }, 180_000);
});

import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { duck } from "../../../test/duck.js";
import { tmpDir } from "../../../test/tmp-dir.js";
import { UserError } from "../../core/errors.js";
import { outputDefs } from "../../core/experiment/index.js";
import { decodeUnitResult, encodeUnitResult } from "./codec.js";
import { TEST_FAULTS_ENV } from "./compute.js";
import { InProcessExecutor } from "./executor.js";
import { DATABASE_FILE, FAILED_DIR, UNITS_DIR } from "./ledger.js";
import { ANALYSIS_FILE, runExperiment } from "./runner.js";

const executor = new InProcessExecutor();

function write(dir: string, name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

const ISHIGAMI =
  "version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 16, bootstrap: 100}\nseed: 5\n";

afterEach(() => {
  delete process.env[TEST_FAULTS_ENV];
});

describe("unit result bytes", () => {
  const defs = outputDefs(
    [
      { metric: "a", group: "all", at: "end", as: "a" },
      { metric: "b", group: "all", at: "every-step", as: "b" },
      { metric: "c", group: "all", at: "mean", last: 3, as: "c" },
    ],
    () => "x",
  );

  it("round-trip scalars, series and NaN bit for bit", () => {
    const outs = { a: -0, b: Float64Array.of(1, Number.NaN, 3e300), c: Number.NaN };
    const bytes = encodeUnitResult(defs, outs);
    const back = decodeUnitResult(defs, bytes);
    expect(Object.is(back.a, -0)).toBe(true);
    expect(Array.from(back.b as Float64Array)).toEqual([1, Number.NaN, 3e300]);
    expect(back.c).toBeNaN();
    // Unaligned copies (a Buffer from a pool) decode the same.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeUnitResult(defs, shifted.subarray(3))).toEqual(back);
  });

  it("refuse bytes of another shape", () => {
    const bytes = encodeUnitResult(defs, { a: 1, b: [1, 2], c: 3 });
    expect(() => decodeUnitResult(defs.slice(0, 2), bytes)).toThrow(/3 outputs/);
    expect(() => decodeUnitResult(defs, bytes.subarray(0, bytes.length - 8))).toThrow(/bytes/);
    expect(() => decodeUnitResult(defs, new Uint8Array(16))).toThrow(/magic/);
  });
});

describe("runExperiment (in this thread)", () => {
  it("stores one part per unit, the database and the analysis; refuses to overwrite", async () => {
    const dir = tmpDir();
    const file = write(dir, "e.yaml", ISHIGAMI);
    const out = path.join(dir, "out");
    const r = await runExperiment(file, { out, executor });
    expect(r.stored).toBe(16 * 5);
    expect(r.failed).toEqual([]);
    expect(fs.readdirSync(path.join(out, UNITS_DIR))).toHaveLength(80);
    const a = JSON.parse(fs.readFileSync(path.join(out, ANALYSIS_FILE), "utf8"));
    expect(a.units).toEqual({ expected: 80, received: 80 });
    const db = path.join(out, DATABASE_FILE);
    expect(
      await duck(
        db,
        "SELECT count(*)::INTEGER, count(DISTINCT id)::INTEGER FROM runs WHERE status = 'done'",
      ),
    ).toEqual([[80, 80]]);
    const cols = (
      await duck(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'runs'")
    ).flat();
    expect(cols).toEqual(
      expect.arrayContaining(["unit", "point", "replication", "seed", "id", "x1", "x2", "x3"]),
    );
    expect(await duck(db, "SELECT count(*)::INTEGER FROM sobol WHERE measure = 'S1'")).toEqual([
      [3],
    ]);

    await expect(runExperiment(file, { out, executor })).rejects.toThrow(/--resume|already holds/);
    const again = await runExperiment(file, { out, executor, resume: true });
    expect(again.stored).toBe(0);
    expect(again.alreadyStored).toBe(80);

    const other = write(dir, "f.yaml", ISHIGAMI.replace("seed: 5", "seed: 6"));
    const err = await runExperiment(other, { out, executor, resume: true }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/different experiment file/);
  });

  it("records a failed unit, leaves it out of the summaries, and retries it on resume", async () => {
    const dir = tmpDir();
    const file = write(
      dir,
      "e.yaml",
      "version: 1\nmodel: sobol-g\ndesign: {type: lhs, points: 12}\nreplications: 2\n",
    );
    const out = path.join(dir, "out");
    process.env[TEST_FAULTS_ENV] = "3:throw";
    const r = await runExperiment(file, { out, executor });
    expect(r.failed.map((f) => [f.index, f.message])).toEqual([[3, "test fault: unit 3 throws"]]);
    expect(fs.readdirSync(path.join(out, FAILED_DIR))).toHaveLength(1);
    const db = path.join(out, DATABASE_FILE);
    expect(await duck(db, "SELECT unit, status, error FROM runs WHERE status <> 'done'")).toEqual([
      [3, "failed", "test fault: unit 3 throws"],
    ]);
    delete process.env[TEST_FAULTS_ENV];
    const again = await runExperiment(file, { out, executor, resume: true });
    expect(again.stored).toBe(1);
    expect(fs.readdirSync(path.join(out, FAILED_DIR))).toHaveLength(0);
    expect(await duck(db, "SELECT count(*)::INTEGER FROM runs WHERE status = 'done'")).toEqual([
      [24],
    ]);
  });

  it("refuses a non-empty directory that holds no experiment", async () => {
    const dir = tmpDir();
    const file = write(dir, "e.yaml", ISHIGAMI);
    write(dir, "other.txt", "x");
    await expect(runExperiment(file, { out: dir, executor })).rejects.toThrow(/not empty/);
  });
});

describe("runExperiment of a scenario (in this thread)", () => {
  it("runs each point's scenario, with every factor as a column of runs, series, summaries and paired differences", async () => {
    const dir = tmpDir();
    const file = write(
      dir,
      "s.yaml",
      `version: 1
name: tiny
base: {preset: financial-only, overrides: {agents: 200, burnIn: 0, steps: 20}}
factors:
  - {path: mechanisms.financial.deterrence, name: deterrence, levels: [0, 1]}
  - {path: mechanisms.subsystems.financial.listThreshold, name: threshold, levels: [1, 4]}
design: {type: grid}
replications: 2
metrics:
  - {metric: listed}
  - {metric: listed, at: every-step}
`,
    );
    const out = path.join(dir, "out");
    const r = await runExperiment(file, { out, executor });
    expect(r.failed).toEqual([]);
    expect(r.stored).toBe(8);
    const db = path.join(out, DATABASE_FILE);
    expect(
      await duck(
        db,
        "SELECT unit, point, replication, deterrence, threshold, status FROM runs ORDER BY unit LIMIT 3",
      ),
    ).toEqual([
      [0, 0, 0, 0, 1, "done"],
      [1, 0, 1, 0, 1, "done"],
      [2, 1, 0, 0, 4, "done"],
    ]);
    // Paired seeds: replication r of every point has one seed.
    expect(
      await duck(db, "SELECT count(DISTINCT seed)::INTEGER FROM runs GROUP BY replication"),
    ).toEqual([[1], [1]]);
    expect(await duck(db, "SELECT count(*)::INTEGER FROM series")).toEqual([[8 * 21]]);
    expect(
      await duck(
        db,
        "SELECT count(*)::INTEGER FROM series_summaries WHERE output = 'listed_series'",
      ),
    ).toEqual([[4 * 21]]);
    expect(
      await duck(
        db,
        "SELECT point, method FROM differences WHERE output = 'listed' ORDER BY point",
      ),
    ).toEqual([
      [1, "paired-t"],
      [2, "paired-t"],
      [3, "paired-t"],
    ]);
    // The stored value is the run's own: the mean in summaries is the mean of its two units.
    const [[fromMetrics]] = await duck(
      db,
      "SELECT avg(value) FROM metrics WHERE point = 3 AND output = 'listed'",
    );
    const [[fromSummaries]] = await duck(
      db,
      "SELECT mean FROM summaries WHERE point = 3 AND output = 'listed'",
    );
    expect(fromSummaries).toBeCloseTo(fromMetrics as number, 12);
  });
});

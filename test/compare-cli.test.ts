import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { MEASURES } from "../src/report/compare.js";
import { tmpDir as makeTmpDir } from "./tmp-dir.js";

/** End-to-end tests of `scsim compare` through the built bin/scsim.js (global setup builds dist). */
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "scsim.js");

const tmpDir = () => makeTmpDir("scsim-compare-");

function scsim(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function query(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  try {
    const c = await instance.connect();
    try {
      return (await c.runAndReadAll(sql)).getRowObjectsJS();
    } finally {
      c.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

describe("scsim compare", () => {
  it("runs two presets on the same seeds, prints the B2 table and writes its files", async () => {
    const out = tmpDir();
    const r = scsim([
      "compare",
      "financial-only",
      "integrated",
      "--agents",
      "800",
      "--steps",
      "30",
      "--burn-in",
      "20",
      "--seeds",
      "2",
      "--out",
      out,
    ]);
    expect(r.stderr).not.toMatch(/Error|at .*\.js:\d+/);
    expect(r.code).toBe(0);

    // The table: header with both names, a row per measure.
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("measure (B2)"));
    expect(header).toMatch(/financial-only\s+integrated\s+better$/);
    for (const m of MEASURES) expect(r.stdout).toContain(m.label);
    expect(r.stdout).toContain("Mean over seeds 1–2 ± the half-width of the 95% t interval");
    expect(r.stdout).toContain(
      "Horizon: 30 steps (0.1 years) after a burn-in of 20 steps (0.1 years)",
    );
    // integrated lists people and chills dissent; the credit bureau chills nothing.
    const row = (label: string) => lines.find((l) => l.startsWith(label)) ?? "";
    expect(row("chilling: dissent left unsaid")).toMatch(/\s0% ±0\s+\d+(\.\d+)?% ±\d/);
    // Against the same society without the system, run on the same seeds.
    expect(r.stdout).toMatch(
      /^against the same society without the system\s+financial-only\s+integrated/m,
    );
    expect(row("defaults avoided (per 1000 agents at liberty a year)")).toMatch(/\d ±\d/);

    // One progress line per run on stderr: 2 scenarios and their one shared baseline, 2 seeds.
    const runLines = r.stderr.split("\n").filter((l) => /^run \d\/6 /.test(l));
    expect(runLines).toHaveLength(6);
    expect(runLines[0]).toMatch(/financial-only\s+seed 1: 800 agents, 30 steps in/);
    expect(runLines[3]).toMatch(/integrated\s+seed 2:/);
    expect(runLines[5]).toMatch(/without the system\s+seed 2:/);

    // Files.
    for (const f of ["results.duckdb", "metrics.parquet", "compare.html", "compare.csv"]) {
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
      expect(r.stdout).toContain(`wrote ${path.join(out, f)}`);
    }
    expect(r.stdout).toContain("metrics.parquet/ (6 files, one per run)");
    expect(fs.readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const html = fs.readFileSync(path.join(out, "compare.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("financial-only");
    expect(html).toContain("integrated");
    expect(html).not.toMatch(/<script/i);
    const csv = fs.readFileSync(path.join(out, "compare.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe(
      "scenario,table,group,measure,label,unit,better,mean,sd,low,high,level,seeds",
    );
    expect(csv.filter((l) => l.split(",")[1] === "level")).toHaveLength(2 * MEASURES.length);
    expect(csv.filter((l) => l.startsWith("integrated,level,all,listed,"))[0]).toMatch(/,0\.95,2$/);
    expect(csv.some((l) => l.startsWith("integrated,vs_baseline,all,defaults_avoided,"))).toBe(
      true,
    );

    // The database: 6 runs, preset = the preset name (null for the baseline), seeds 1 and 2.
    const runs = await query(
      path.join(out, "results.duckdb"),
      "SELECT preset, seed, agents, steps FROM runs ORDER BY preset NULLS LAST, seed",
    );
    expect(runs.map((x) => [x.preset, x.seed, Number(x.agents), Number(x.steps)])).toEqual([
      ["financial-only", "1", 800, 30],
      ["financial-only", "2", 800, 30],
      ["integrated", "1", 800, 30],
      ["integrated", "2", 800, 30],
      [null, "1", 800, 30],
      [null, "2", 800, 30],
    ]);
  });

  it("takes scenario files, --seed, --set and --quiet", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "variant.yaml");
    fs.writeFileSync(file, "name: my-variant\nmodel: scs\nagents: 5000\nsteps: 400\n");
    const out = path.join(dir, "out");
    const r = scsim([
      "compare",
      file,
      "financial-only",
      "--agents",
      "300",
      "--steps",
      "10",
      "--burn-in",
      "0",
      "--seeds",
      "1",
      "--seed",
      "7",
      "--set",
      "network.meanDegree=6",
      "--out",
      out,
      "--quiet",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^measure \(B2\)\s+my-variant\s+financial-only\s+better$/m);
    expect(r.stdout).toContain("Mean over seed 7;");
    expect(r.stdout).not.toMatch(/\d ±\d/);
    const runs = await query(
      path.join(out, "results.duckdb"),
      "SELECT preset, seed, agents, steps, scenario FROM runs ORDER BY started_at",
    );
    // The file (default society) and financial-only share one baseline, run last.
    expect(runs.map((x) => [x.preset, x.seed, Number(x.agents), Number(x.steps)])).toEqual([
      [null, "7", 300, 10],
      ["financial-only", "7", 300, 10],
      [null, "7", 300, 10],
    ]);
    for (const x of runs) expect(JSON.parse(String(x.scenario)).network.meanDegree).toBe(6);
  });

  it("refuses an unknown scenario with exit code 2, before running anything", () => {
    const out = path.join(tmpDir(), "out");
    const r = scsim(["compare", "financial-only", "no-such-preset", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown preset "no-such-preset"');
    expect(r.stderr).toContain("financial-only");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe("");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a missing file, a grid-model scenario, bad flags and no scenario with exit code 2", () => {
    const dir = tmpDir();
    const grid = path.join(dir, "grid.yaml");
    fs.writeFileSync(grid, "name: grid\nmodel: epstein\nsteps: 5\n");
    const cases: [string[], RegExp][] = [
      [["compare", path.join(dir, "missing.yaml")], /scenario file not found/],
      [["compare", grid], /uses model "epstein": compare needs/],
      [["compare", "financial-only", "--seeds", "0"], /--seeds: expected a whole number ≥ 1/],
      [["compare", "financial-only", "--seed", "x"], /--seed: expected a whole number/],
      [["compare", "financial-only", "--steps", "ten"], /--steps/],
      [["compare"], /missing required argument 'scenarios'/],
    ];
    for (const [args, message] of cases) {
      const r = scsim([...args, "--out", path.join(dir, "out")]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });
});

/**
 * End-to-end tests of the built CLI (`node bin/scsim.js`; the global setup
 * builds dist/ first). Every run writes into a fresh temporary directory.
 *
 * The processes are spawned asynchronously (not with spawnSync) so that the
 * independent cases of `describe.concurrent` overlap: each spawn costs Node's
 * and DuckDB's start-up, and run one after another they would take ~20 s.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../src/core/version.js";
import { readRuns } from "../src/node/store.js";
import { tmpDir as makeTmpDir } from "./tmp-dir.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "bin", "scsim.js");
const SMALL = ["--agents", "500", "--steps", "20", "--burn-in", "0"];

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scsim(args: string[], cwd: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const tmpDir = () => makeTmpDir("scsim-cli-");

/** No stack trace: no "    at …" frame lines. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/TypeError|ReferenceError|node:internal/);
}

/** Files a crash or an interrupted atomic write could leave behind. */
function leftovers(dir: string): string[] {
  const staging = path.join(dir, ".staging");
  return [
    ...fs.readdirSync(dir).filter((f) => f.includes(".tmp-") || f.endsWith(".wal")),
    ...(fs.existsSync(staging) ? fs.readdirSync(staging) : []),
  ];
}

/** A scenario that runs on an edge-list network, with its edge list next to it. */
function edgeListScenario(edgesCsv: string, agents = 60): { dir: string; yaml: string } {
  const dir = tmpDir();
  const sub = path.join(dir, "net");
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(sub, "edges.csv"), edgesCsv);
  const yaml = path.join(sub, "scenario.yaml");
  fs.writeFileSync(
    yaml,
    [
      "name: ring",
      `agents: ${agents}`,
      "steps: 10",
      "network:",
      "  kind: edge-list",
      "  path: edges.csv",
      "",
    ].join("\n"),
  );
  return { dir, yaml };
}

function ringEdges(n: number): string {
  const lines = ["source,target"];
  for (let i = 0; i < n; i++) {
    lines.push(`${i},${(i + 1) % n}`);
    lines.push(`${i},${(i + 7) % n}`);
  }
  return `${lines.join("\n")}\n`;
}

describe.concurrent("scsim CLI", () => {
  it("runs the default preset from the repo root and stores a run; a second run appends", async () => {
    const out = tmpDir();
    const first = await scsim(["run", ...SMALL, "--out", out], ROOT);
    expect(first.stderr).toContain("preset financial-only");
    expect(first.status).toBe(0);

    // Summary table and the state hash on stdout.
    expect(first.stdout).toMatch(/^metric\s+all\s+majority\s+minority\s*$/m);
    expect(first.stdout).toMatch(/^listed \(final\)\s/m);
    const hash = /state hash ([0-9a-f]{16})/.exec(first.stdout)?.[1];
    expect(hash).toBeDefined();
    const id = /run ([0-9a-f-]{36}), state hash/.exec(first.stdout)?.[1] as string;
    for (const f of [
      "results.duckdb",
      `metrics.parquet/${id}.parquet`,
      "report.html",
      `runs/${id}`,
    ]) {
      expect(first.stdout).toContain(`wrote ${path.join(out, f)}`);
      expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(0);
    }
    expect(fs.readFileSync(path.join(out, "report.html"), "utf8")).toMatch(/<html/i);
    expect(
      fs
        .readFileSync(path.join(out, "metrics.parquet", `${id}.parquet`))
        .subarray(0, 4)
        .toString(),
    ).toBe("PAR1");
    for (const f of ["run.json", "metrics.parquet", "report.html"]) {
      expect(fs.statSync(path.join(out, "runs", id, f)).size).toBeGreaterThan(0);
    }

    // Non-TTY progress: one plain line every 10%.
    const progress = first.stderr.split("\n").filter((l) => /^steps \d+%/.test(l));
    expect(progress[0]).toBe("steps 10% (2/20)");
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toBe("steps 100% (20/20)");
    expect(leftovers(out)).toEqual([]);

    const [run] = await readRuns(out);
    expect(run.preset).toBe("financial-only");
    expect(run.seed).toBe("1");
    expect(run.agents).toBe(500);
    expect(run.steps).toBe(20);
    expect(run.engineVersion).toBe(ENGINE_VERSION);
    expect(run.stateHash).toBe(hash);
    expect(run.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run.finishedAt.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
    const scenario = JSON.parse(run.scenario);
    expect(scenario).toMatchObject({
      model: "scs",
      agents: 500,
      steps: 20,
      name: "financial-only",
    });
    expect(scenario.network.kind).toBe("sbm");

    // Same seed again, into the same directory: a second row with the same hash.
    const second = await scsim(["run", ...SMALL, "--out", out, "--quiet"], ROOT);
    expect(second.status).toBe(0);
    const runs = await readRuns(out);
    expect(runs).toHaveLength(2);
    expect(runs[1].stateHash).toBe(runs[0].stateHash);
    expect(runs[1].runId).not.toBe(runs[0].runId);
    expect(leftovers(out)).toEqual([]);
  });

  it("presets lists financial-only and integrated, one line each", async () => {
    const r = await scsim(["presets"], tmpDir());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^financial-only\s+\S/m);
    expect(r.stdout).toMatch(/^integrated\s+\S/m);
  });

  it("schema prints a JSON Schema", async () => {
    const r = await scsim(["schema"], tmpDir());
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema ?? schema.properties ?? schema.anyOf).toBeDefined();
    expect(r.stdout).toContain("meanDegree");
  });

  it("validate accepts a good file (exit 0) and prints the resolved scenario with --print", async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "good.yaml"), "name: good\nagents: 300\n");
    const r = await scsim(["validate", "good.yaml", "--print"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('good.yaml: valid scs scenario "good"');
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
    expect(json).toMatchObject({ agents: 300, steps: 365 });
  });

  it("validate refuses a bad file: exit 2, file:line:col, no stack trace", async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "bad.yaml"), "name: bad\nnetwork:\n  meanDegre: 4\n");
    const r = await scsim(["validate", "bad.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bad.yaml:3:3: network.meanDegre: unknown field");
    expect(r.stderr).toContain('did you mean "meanDegree"?');
    expectNoStack(r.stderr);
  });

  it("validate reports malformed YAML with file:line:col", async () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, "broken.yaml"), "name: x\nagents: [1, 2\nsteps: 3\n");
    const r = await scsim(["validate", "broken.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: malformed YAML/);
    expectNoStack(r.stderr);
  });

  it("run --agents -5 exits 2 with the bound", async () => {
    const out = tmpDir();
    const r = await scsim(["run", "--agents", "-5", "--steps", "5", "--out", out], out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("scsim: --agents: agents: value must be ≥ 2");
    expectNoStack(r.stderr);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it("run --agents abc exits 2", async () => {
    const out = tmpDir();
    const r = await scsim(["run", "--agents", "abc", "--out", out], out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--agents: expected a whole number, got "abc"');
    expectNoStack(r.stderr);
  });

  it("an unknown option exits 2", async () => {
    const r = await scsim(["run", "--bogus"], tmpDir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expectNoStack(r.stderr);
  });

  it("run missing.yaml exits 2: not found", async () => {
    const dir = tmpDir();
    const r = await scsim(["run", "missing.yaml", "--out", dir], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("scenario file not found: missing.yaml");
    expectNoStack(r.stderr);
  });

  it("--max-memory 1M refuses before running and writes nothing", async () => {
    const out = path.join(tmpDir(), "out");
    const r = await scsim(["run", ...SMALL, "--max-memory", "1M", "--out", out], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs about .* but the limit \(--max-memory\) is 1\.0 MiB/);
    expectNoStack(r.stderr);
    expect(fs.existsSync(path.join(out, "results.duckdb"))).toBe(false);
  });

  it("--set network.meanDegree=6 works and is stored in the run's scenario", async () => {
    const out = tmpDir();
    const r = await scsim(
      ["run", ...SMALL, "--set", "network.meanDegree=6", "--no-report", "--out", out],
      ROOT,
    );
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(out, "report.html"))).toBe(false);
    const [run] = await readRuns(out);
    expect(JSON.parse(run.scenario).network.meanDegree).toBe(6);
  });

  it("--set nosuch.field=1 exits 2 naming the field", async () => {
    const out = tmpDir();
    const r = await scsim(["run", ...SMALL, "--set", "nosuch.field=1", "--out", out], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nosuch: unknown field; allowed: .*agents/);
    expectNoStack(r.stderr);
  });

  it("--set with a misspelt nested field names the flag and suggests the field", async () => {
    const out = tmpDir();
    const r = await scsim(["run", ...SMALL, "--set", "network.meanDegre=6", "--out", out], ROOT);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--set network.meanDegre: network.meanDegre: unknown field");
    expect(r.stderr).toContain('did you mean "meanDegree"?');
  });

  it("--quiet prints nothing to stderr (and no summary)", async () => {
    const out = tmpDir();
    const r = await scsim(["run", ...SMALL, "--quiet", "--out", out], ROOT);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("");
    expect(fs.existsSync(path.join(out, "results.duckdb"))).toBe(true);
  });

  it("edge list: runs a scenario whose edge list path is relative to the scenario file", async () => {
    const { dir, yaml } = edgeListScenario(ringEdges(60));
    const out = path.join(dir, "out");
    // cwd is not the scenario's directory: the path must resolve against the file.
    const r = await scsim(["run", yaml, "--quiet", "--out", out], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const [run] = await readRuns(out);
    expect(run.preset).toBeNull();
    expect(run.agents).toBe(60);
    expect(JSON.parse(run.scenario).network).toMatchObject({
      kind: "edge-list",
      path: "edges.csv",
    });
  });

  it("edge list: refuses an id out of range: exit 2, naming the file and line", async () => {
    const { dir, yaml } = edgeListScenario("source,target\n0,1\n1,2\n2,60\n3,4\n");
    const r = await scsim(["run", yaml, "--out", path.join(dir, "out")], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/edges\.csv:4: target id 60 is out of range 0\.\.59/);
    expectNoStack(r.stderr);
    expect(fs.existsSync(path.join(dir, "out", "results.duckdb"))).toBe(false);
  });

  it("edge list: refuses a self-loop: exit 2", async () => {
    const { dir, yaml } = edgeListScenario("0,1\n5,5\n");
    const r = await scsim(["run", yaml, "--out", path.join(dir, "out")], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/edges\.csv:2: self-loop on node 5/);
    expectNoStack(r.stderr);
  });

  it("edge list: refuses a line with a missing column: exit 2", async () => {
    const { dir, yaml } = edgeListScenario("0,1\n2\n");
    const r = await scsim(["run", yaml, "--out", path.join(dir, "out")], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/edges\.csv:2: expected a source and a target column/);
    expectNoStack(r.stderr);
  });
});

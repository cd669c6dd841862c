/**
 * Bad and hostile input through the built CLI (issue 7, defects 1, 4, 11,
 * 12, 13): an output path scsim cannot use, YAML alias bombs, prototype
 * pollution, huge or bogus edge lists, a full disk (a small tmpfs mounted
 * here: the tests run as root, here and in CI), a closed pipe, terminal
 * escapes and spreadsheet formulas in names, and the provenance a run
 * records. Each: exit 2 (0 for a closed pipe), a clear message, no stack
 * trace, nothing stored harmed.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, inject, it } from "vitest";
import { readRuns } from "../src/node/store.js";
import {
  BIN,
  dbSql,
  expectConsistent,
  expectNoStack,
  ROOT,
  scsim,
  start,
  tmpDir,
} from "./cli-helpers.js";

const SMALL = ["--agents", "300", "--steps", "20"];
/** The run started simulating: the line printed just before building. */
const STARTED = /building the population/;

const mounts: string[] = [];
/** Mounts a tmpfs of `size` at a fresh directory (read-only with `ro`). */
function tmpfs(size: string, ro = false): string {
  const dir = tmpDir("scsim-tmpfs-");
  const r = spawnSync(
    "mount",
    ["-t", "tmpfs", "-o", `${ro ? "ro," : ""}size=${size}`, "tmpfs", dir],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`mount tmpfs failed (these tests need root): ${r.stderr}`);
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of mounts) spawnSync("umount", [d]);
});

function file(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe.concurrent("--out scsim cannot use: refused before the simulation starts (defect 1)", () => {
  it("/proc/x returns at once (no endless mkdir), exit 2", async () => {
    const t0 = performance.now();
    const r = await scsim(["run", ...SMALL, "--out", "/proc/x"], { timeoutMs: 10_000 });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("scsim: cannot create output directory /proc/x");
    expect(r.stderr).not.toMatch(STARTED);
    expectNoStack(r.stderr);
  });

  it.each([
    [
      "a file",
      (d: string) => file(d, "f.txt", "x"),
      /output path .*f\.txt exists and is not a directory/,
    ],
    ["under a file", (d: string) => path.join(file(d, "f.txt", "x"), "out"), /f\.txt is a file/],
    [
      "/dev/null",
      () => "/dev/null",
      /\/dev\/null exists and is not a directory \(it is a device\)/,
    ],
    [
      "on a read-only disk",
      () => path.join(tmpfs("1m", true), "out"),
      /read-only file system \(EROFS\)/,
    ],
  ])("an --out that is %s: exit 2, a clear message", async (_, make, message) => {
    const out = make(tmpDir());
    const r = await scsim(["run", ...SMALL, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STARTED);
    expectNoStack(r.stderr);
  });
});

describe.concurrent("hostile scenarios and overrides (defect 4)", () => {
  it("a YAML alias bomb (billion laughs): exit 2 at its line", async () => {
    const dir = tmpDir();
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const l of "bcdefgh") {
      const prev = String.fromCharCode(l.charCodeAt(0) - 1);
      levels.push(`${l}: &${l} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    file(dir, "bomb.yaml", `${levels.join("\n")}\n`);
    const r = await scsim(["validate", "bomb.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bomb\.yaml:2:\d+: the aliases expand to too much data/);
    expectNoStack(r.stderr);
  });

  it("an undefined alias: exit 2 naming it", async () => {
    const dir = tmpDir();
    file(dir, "u.yaml", "name: x\nsteps: *nope\n");
    const r = await scsim(["run", "u.yaml", "--out", "out"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("u.yaml:2:8: alias *nope names no anchor");
    expectNoStack(r.stderr);
  });

  it.each([
    "__proto__.x=1",
    "constructor.prototype.x=1",
    "network.__proto__.polluted=1",
    "prototype=1",
  ])("--set %s: exit 2, nothing polluted", async (set) => {
    const r = await scsim(["run", ...SMALL, "--set", set, "--out", tmpDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--set .*: "(__proto__|constructor|prototype)" is not a scenario field/,
    );
    expectNoStack(r.stderr);
  });

  it("a __proto__ key in a scenario file is an unknown field", async () => {
    const dir = tmpDir();
    file(dir, "p.yaml", "name: x\n__proto__:\n  polluted: 1\n");
    const r = await scsim(["validate", "p.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("p.yaml:2:1: __proto__: unknown field");
  });

  it("a 1 GiB sparse file and a gzip of zeros as edge lists: exit 2 at once, no RangeError", async () => {
    const dir = tmpDir();
    const sparse = path.join(dir, "sparse.csv");
    fs.closeSync(fs.openSync(sparse, "w"));
    fs.truncateSync(sparse, 2 ** 30);
    file(dir, "zeros.csv.gz", gzipSync(Buffer.alloc(16 * 2 ** 20)));
    for (const edges of ["sparse.csv", "zeros.csv.gz"]) {
      file(dir, "s.yaml", `agents: 100\nsteps: 5\nnetwork:\n  kind: edge-list\n  path: ${edges}\n`);
      const r = await scsim(["run", "s.yaml", "--out", "out"], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `${edges}:1: line longer than 4096 bytes: this is not an edge list`,
      );
      expect(r.stderr).not.toMatch(STARTED);
      expectNoStack(r.stderr);
    }
  });

  it("a scenario file of a gigabyte is refused unread", async () => {
    const dir = tmpDir();
    const big = path.join(dir, "big.yaml");
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 2 ** 30);
    const r = await scsim(["validate", "big.yaml"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/big\.yaml is 1,073,741,824 bytes: more than a scenario/);
  });

  it("`scsim schema | head`: a closed pipe ends it cleanly, exit 0", async () => {
    const child = spawn(process.execPath, [BIN, "schema"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((r) => child.on("close", r));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe("a full disk (defect 4)", () => {
  it("refuses up front when clearly too small, and never harms what is stored when it fills mid-write", async () => {
    // 2 MiB: below the floor of any run: refused before the simulation.
    const tiny = tmpfs("2m");
    const r0 = await scsim(["run", ...SMALL, "--out", path.join(tiny, "out")]);
    expect(r0.status).toBe(2);
    expect(r0.stderr).toMatch(/storing this run needs about .* of disk in .*, but only .* is free/);
    expect(r0.stderr).not.toMatch(STARTED);
    expectNoStack(r0.stderr);

    // 32 MiB: one run fits. Then a longer run starts with room to spare,
    // and while it simulates the disk fills (something else wrote there),
    // leaving 64 KiB: storing it fails.
    const disk = tmpfs("32m");
    const out = path.join(disk, "out");
    const ok = await scsim(["run", ...SMALL, "--out", out, "-q"]);
    expect(ok.status).toBe(0);
    const run = start(["run", "--agents", "300", "--steps", "3000", "--out", out]);
    await run.when(STARTED);
    const st = fs.statfsSync(disk);
    const filler = path.join(disk, "filler");
    fs.writeFileSync(filler, Buffer.alloc(Math.max(0, st.bavail * st.bsize - 64 * 1024)));
    const r = await run.done;
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no space left on the device \(ENOSPC\)/);
    expect(r.stderr).toMatch(/hint: Free some disk space/);
    expectNoStack(r.stderr);
    // What was stored before is whole, nothing partial is visible.
    const ids = await expectConsistent(out, false);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect((await readRuns(out)).length).toBe(ids.length);
    // With room again, the next command settles everything.
    fs.rmSync(filler);
    const s = await scsim(["sync", out]);
    expect(s.status, s.stderr).toBe(0);
    await expectConsistent(out, true);
  });
});

/** The raw control characters of ESC_NAME found in `s` (none, when scsim made them visible). */
function rawControls(s: string): string[] {
  return ["\u001b", "\u0007", "\u009b", "\u202e"].filter((c) => s.includes(c));
}

describe.concurrent("what is printed and written for names (defect 12)", () => {
  const ESC_NAME = "\u001b]0;pwned\u0007\u001b[31mred\u009b2J\u202eevil";

  it("terminal escapes in a scenario's name are shown as text, never sent raw", async () => {
    const dir = tmpDir();
    file(dir, "e.yaml", `name: ${JSON.stringify(ESC_NAME)}\ndescription: "a\\e[2Jb"\n`);
    const v = await scsim(["validate", "e.yaml", "--print"], { cwd: dir });
    expect(v.status).toBe(0);
    expect(rawControls(v.stdout)).toEqual([]);
    expect(v.stdout).toContain(
      'valid scs scenario "\\x1b]0;pwned\\x07\\x1b[31mred\\x9b2J\\u202eevil"',
    );
    // --print stays valid JSON with the same value.
    expect(JSON.parse(v.stdout.slice(v.stdout.indexOf("{"))).name).toBe(ESC_NAME);
    const u = await scsim(["run", "--preset", ESC_NAME], { cwd: dir });
    expect(u.status).toBe(2);
    expect(rawControls(u.stderr)).toEqual([]);
    expect(u.stderr).toContain('unknown preset "\\x1b]0;pwned');
  });

  it("compare: a scenario named like a formula is neutralised in compare.csv, escapes never reach the terminal", async () => {
    const dir = tmpDir();
    file(dir, "f.yaml", 'name: "=HYPERLINK(\\"http://x\\",\\"y\\")"\n');
    file(dir, "g.yaml", `name: ${JSON.stringify(`@SUM ${ESC_NAME}`)}\n`);
    const r = await scsim(
      [
        "compare",
        "f.yaml",
        "g.yaml",
        "--agents",
        "200",
        "--steps",
        "5",
        "--seeds",
        "1",
        "--out",
        "out",
      ],
      { cwd: dir },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(rawControls(r.stdout + r.stderr)).toEqual([]);
    const csv = fs
      .readFileSync(path.join(dir, "out", "compare.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .slice(1);
    for (const line of csv) expect(line).toMatch(/^"'[=@]/);
    expect(csv.some((l) => l.startsWith(`"'=HYPERLINK(""http://x"",""y"")"`))).toBe(true);
  });
});

describe.concurrent("a run records where it came from (defect 13)", () => {
  it("command line, overrides and title for a preset with --set; scenario file for a file", async () => {
    const out = tmpDir();
    const r = await scsim([
      "run",
      ...SMALL,
      "--set",
      "network.meanDegree=6",
      "--seed",
      "7",
      "--out",
      out,
    ]);
    expect(r.status).toBe(0);
    const [row] = await dbSql(
      out,
      "SELECT command, overrides, scenario_file, title, preset FROM runs",
    );
    expect(row[0]).toBe(
      `scsim run ${SMALL.join(" ")} --set network.meanDegree=6 --seed 7 --out ${out}`,
    );
    expect(row[1]).toEqual(["agents=300", "steps=20", "seed=7", "network.meanDegree=6"]);
    expect(row[2]).toBeNull();
    expect(row[3]).toBe(
      "financial-only (preset, with overrides: agents=300, steps=20, seed=7, network.meanDegree=6)",
    );
    expect(row[4]).toBe("financial-only");
    const report = fs.readFileSync(path.join(out, "report.html"), "utf8");
    expect(report).toContain(
      "<h1>financial-only (preset, with overrides: agents=300, steps=20, seed=7, network.meanDegree=6)</h1>",
    );
    expect(report).toContain("<dt>Command</dt><dd><code>scsim run --agents 300");

    const dir = tmpDir();
    const yaml = file(dir, "mine.yaml", "name: mine\nagents: 200\nsteps: 5\n");
    const f = await scsim(["run", "mine.yaml", "--out", "out", "-q"], { cwd: dir });
    expect(f.status).toBe(0);
    const [run] = await readRuns(path.join(dir, "out"));
    expect(run).toMatchObject({
      scenarioFile: yaml,
      overrides: [],
      title: "mine (file mine.yaml)",
    });
  });
});

describe("the CLI right after `npm ci`, before any build (defect 11)", () => {
  it("bin/scsim.js builds dist/ on first use instead of failing; package.json builds on install (prepare)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    // prepare is the build, then the explorer's page (scsim explore serves dist/web/).
    expect(pkg.scripts.prepare).toBe("npm run build --silent && npm run web:build --silent");
    // The global setup ran `scsim --version` with dist/'s entry point missing.
    const first = inject("firstRun");
    expect(first.stderr).toContain("first run: building dist/");
    expect(first.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(pkg.version);
  });
});

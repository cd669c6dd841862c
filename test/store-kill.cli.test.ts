/**
 * Results are all-or-nothing whatever the moment of a kill (issue 7, defect
 * 2), and two runs into one directory both land (defect 6). Real processes
 * are killed (SIGKILL, and SIGINT as Ctrl-C sends it) while simulating and
 * at every step of storing (writing the part, renaming it, updating
 * results.duckdb, the dataset and report.html), aimed by the store's trace
 * lines so that the moments do not depend on the machine's speed. After
 * every kill the directory must show only whole runs; after the next
 * command, nothing may be left behind.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRuns } from "../src/node/store.js";
import { STORE_STEPS, type StoreStep } from "../src/node/trace.js";
import { dbSql, expectConsistent, ROOT, scsim, start, tmpDir } from "./cli-helpers.js";

const RUN = ["run", "--agents", "200", "--steps", "100"];
/** Every step of storing announces itself (src/node/trace.ts): kills are aimed at each. */
const TRACE = { SCSIM_TRACE: "store" };

interface Outcome {
  signal: NodeJS.Signals;
  /** The store step the kill was aimed at, or "simulating". */
  at: StoreStep | "simulating";
  /** Whether the process was still running when the signal came. */
  killed: boolean;
  stored: boolean;
}

/** One run killed by `signal` as it begins store step `at` (after `delay` ms), or while it simulates. */
async function killedRun(
  out: string,
  signal: NodeJS.Signals,
  at: StoreStep | "simulating",
  delay = 0,
): Promise<Outcome> {
  const before = new Set(fs.readdirSync(path.join(out, "runs")));
  const p = start([...RUN, "--out", out], { env: TRACE });
  await p.when(at === "simulating" ? /steps 50%/ : new RegExp(`scsim trace: store ${at}\n`));
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  p.child.kill(signal);
  const r = await p.done;
  // It may have finished just as the signal was sent.
  const killed = !(r.status === 0 && r.signal === null);
  if (killed) expect(r.signal, `exit ${r.status} ${r.signal}`).toBe(signal);
  const stored = fs.readdirSync(path.join(out, "runs")).some((f) => !before.has(f));
  return { signal, at, killed, stored };
}

/**
 * Kills in one directory, one after another, checking after each what a
 * reader sees; then the next command (a run, or `scsim sync`) must leave it
 * settled: nothing behind, every index exactly the stored runs.
 */
async function killSequence(
  kills: [NodeJS.Signals, StoreStep | "simulating", number][],
  next: "run" | "sync",
): Promise<Outcome[]> {
  const out = tmpDir("scsim-kill-");
  expect((await scsim([...RUN, "--out", out, "-q"])).status).toBe(0);
  const outcomes: Outcome[] = [];
  for (const [signal, at, delay] of kills) {
    outcomes.push(await killedRun(out, signal, at, delay));
    await expectConsistent(out, false);
  }
  const last = await scsim(next === "run" ? [...RUN, "--out", out, "-q"] : ["sync", out]);
  expect(last.status).toBe(0);
  const ids = await expectConsistent(out, true);
  expect(ids.length).toBe((next === "run" ? 2 : 1) + outcomes.filter((o) => o.stored).length);
  return outcomes;
}

describe("a kill at any moment leaves only whole runs", () => {
  it("SIGKILL and SIGINT while simulating and at every step of storing; the next run, or `scsim sync`, repairs", async () => {
    // Two directories at once, the store steps dealt between them (SIGINT
    // ends a run as SIGKILL does: scsim keeps Node's immediate exit, and
    // both are used), some at a step's start, some 5 ms into it.
    const plan = (offset: number): [NodeJS.Signals, StoreStep | "simulating", number][] => [
      ...(offset === 0
        ? ([["SIGINT", "simulating", 0]] as [NodeJS.Signals, "simulating", number][])
        : []),
      ...STORE_STEPS.map(
        (step, k) =>
          [k % 2 === 0 ? "SIGKILL" : "SIGINT", step, Math.floor(k / 2) % 2 === 0 ? 0 : 5] as [
            NodeJS.Signals,
            StoreStep,
            number,
          ],
      ).filter((_, k) => k % 2 === offset),
    ];
    const all = (
      await Promise.all([killSequence(plan(0), "run"), killSequence(plan(1), "sync")])
    ).flat();
    const inStore = all.filter((o) => o.at !== "simulating" && o.killed);
    expect(inStore.length).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((o) => o.signal))).toEqual(new Set(["SIGKILL", "SIGINT"]));
    // Killed once the commit is done (the steps after it): the run is stored, whole.
    // Before it, the run is usually not stored (the signal may come late: the
    // steps up to the rename are quick), and the directory is consistent either way.
    for (const o of inStore) {
      if (["open-db", "insert-db", "sync-dataset", "sync-report"].includes(o.at))
        expect(o.stored, o.at).toBe(true);
    }
    expect(all.some((o) => o.killed && !o.stored)).toBe(true);
    console.log(
      `kills: ${all.length}, ${inStore.length} while storing (${inStore.filter((o) => o.stored).length} after the commit)`,
    );
  });
});

describe("runs into one directory at the same time", () => {
  it("both land: neither is thrown away on the database lock", async () => {
    const out = tmpDir("scsim-concurrent-");
    const [a, b] = await Promise.all([
      scsim([...RUN, "--out", out, "--seed", "1"]),
      scsim([...RUN, "--out", out, "--seed", "2"]),
    ]);
    for (const r of [a, b]) {
      expect(r.stderr).not.toMatch(/locked by another process(?!.*waiting)/);
      expect(r.status).toBe(0);
    }
    const runs = await readRuns(out);
    expect(runs.map((r) => r.seed).sort()).toEqual(["1", "2"]);
    await expectConsistent(out, true);
  });

  it("a run waits for a lock held by a DuckDB client, says so, and lands", async () => {
    const out = tmpDir("scsim-locked-");
    expect(
      (await scsim(["run", "--agents", "200", "--steps", "10", "--out", out, "-q"])).status,
    ).toBe(0);
    // A DuckDB client holding the file open until told (a line on its stdin) to let go.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { DuckDBInstance } from "@duckdb/node-api";
         const i = await DuckDBInstance.create(${JSON.stringify(path.join(out, "results.duckdb"))});
         const c = await i.connect();
         process.stderr.write("holding\\n");
         process.stdin.once("data", () => { c.closeSync(); i.closeSync(); process.exit(0); });`,
      ],
      { cwd: ROOT, stdio: ["pipe", "ignore", "pipe"] },
    );
    await new Promise<void>((resolve) => holder.stderr.once("data", () => resolve()));
    const run = start(["run", "--agents", "200", "--steps", "10", "--out", out]);
    await run.when(/results\.duckdb is locked by another process \(PID \d+\): waiting up to 120 s/);
    holder.stdin.write("go\n");
    const r = await run.done;
    expect(r.status).toBe(0);
    expect((await dbSql(out, "SELECT count(*) FROM runs"))[0][0]).toBe(2n);
    await expectConsistent(out, true);
  });
});

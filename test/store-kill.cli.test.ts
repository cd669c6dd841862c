/**
 * Results are all-or-nothing whatever the moment of a kill (issue 7, defect
 * 2), and two runs into one directory both land (defect 6). Real processes
 * are killed (SIGKILL, and SIGINT as Ctrl-C sends it) at many moments:
 * while building and stepping, and spread over the whole store phase
 * (writing the part, renaming it, updating results.duckdb, the dataset and
 * report.html). After every kill the directory must show only whole runs;
 * after the next command, nothing may be left behind.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRuns } from "../src/node/store.js";
import { dbSql, expectConsistent, scsim, start, tmpDir } from "./cli-helpers.js";

// About 100k metric rows: a store phase of a few hundred ms to aim kills at.
const RUN = ["run", "--agents", "300", "--steps", "800"];
const STEPS_DONE = /steps 100%/;

interface Outcome {
  signal: NodeJS.Signals;
  /** Where the kill landed: before the store phase, in it, or after the process had ended. */
  phase: "before" | "store" | "ended";
  stored: boolean;
}

/** Runs once to the end in `out`, measuring how long the store phase takes. */
async function timedRun(out: string): Promise<number> {
  const p = start([...RUN, "--out", out]);
  const t = await p.when(STEPS_DONE);
  const r = await p.done;
  expect(r.status).toBe(0);
  return performance.now() - t;
}

/** One run killed `delay` ms after its steps end (or, with `early`, after it starts). */
async function killedRun(
  out: string,
  signal: NodeJS.Signals,
  delay: number,
  early = false,
): Promise<Outcome> {
  const before = new Set(fs.readdirSync(path.join(out, "runs")));
  const p = start([...RUN, "--out", out]);
  let exited = false;
  void p.done.then(() => {
    exited = true;
  });
  if (!early) await p.when(STEPS_DONE);
  await new Promise((r) => setTimeout(r, delay));
  let phase: Outcome["phase"] = exited ? "ended" : early ? "before" : "store";
  p.child.kill(signal);
  const r = await p.done;
  // It may have finished just as the signal was sent.
  if (r.status === 0 && r.signal === null) phase = "ended";
  else expect(r.signal === signal || r.status === 130, `exit ${r.status} ${r.signal}`).toBe(true);
  const stored = fs.readdirSync(path.join(out, "runs")).some((f) => !before.has(f));
  return { signal, phase, stored };
}

/**
 * A sequence of kills in one directory: one before the store phase, then
 * `n` spread evenly over it (offset by `shift` of a slot, so that two
 * sequences cover different moments), alternating SIGKILL and SIGINT;
 * checking the directory after each, and after a final run to the end.
 */
async function killSequence(n: number, shift: number, next: "run" | "sync"): Promise<Outcome[]> {
  const out = tmpDir("scsim-kill-");
  const storeMs = await timedRun(out);
  const outcomes: Outcome[] = [await killedRun(out, "SIGKILL", 300, true)];
  await expectConsistent(out, false);
  for (let k = 0; k < n; k++) {
    const delay = ((k + shift) / n) * storeMs * 1.15;
    outcomes.push(await killedRun(out, k % 2 === 0 ? "SIGKILL" : "SIGINT", delay));
    await expectConsistent(out, false);
  }
  // The next command (a run, or `scsim sync` alone) clears what the kills
  // left and brings every index up to date.
  const last = await scsim(next === "run" ? [...RUN, "--out", out, "--quiet"] : ["sync", out]);
  expect(last.status).toBe(0);
  const ids = await expectConsistent(out, true);
  expect(ids.length).toBe((next === "run" ? 2 : 1) + outcomes.filter((o) => o.stored).length);
  return outcomes;
}

describe("a kill at any moment leaves only whole runs", () => {
  it("SIGKILL and SIGINT before and all through the store phase, in two directories at once", async () => {
    const all = (
      await Promise.all([killSequence(6, 0, "run"), killSequence(6, 0.5, "sync")])
    ).flat();
    const inStore = all.filter((o) => o.phase === "store");
    // The kills did land in the store phase, both signals, some before and some after the commit.
    expect(inStore.length).toBeGreaterThanOrEqual(8);
    expect(new Set(inStore.map((o) => o.signal))).toEqual(new Set(["SIGKILL", "SIGINT"]));
    expect(inStore.some((o) => o.stored)).toBe(true);
    expect(inStore.some((o) => !o.stored)).toBe(true);
    console.log(
      `kills: ${all.length}; in the store phase: ${inStore.length} (${inStore.filter((o) => o.stored).length} had stored their run); ` +
        `before: ${all.filter((o) => o.phase === "before").length}; after the end: ${all.filter((o) => o.phase === "ended").length}`,
    );
  });
});

describe("runs into one directory at the same time", () => {
  it("both land: neither is thrown away on the database lock", async () => {
    const out = tmpDir("scsim-concurrent-");
    const [a, b, c] = await Promise.all([
      scsim([...RUN, "--out", out, "--seed", "1"]),
      scsim([...RUN, "--out", out, "--seed", "2"]),
      scsim(["run", "--agents", "200", "--steps", "30", "--out", out, "--seed", "3"]),
    ]);
    for (const r of [a, b, c]) {
      expect(r.stderr).not.toMatch(/locked by another process(?!.*waiting)/);
      expect(r.status).toBe(0);
    }
    const runs = await readRuns(out);
    expect(runs.map((r) => r.seed).sort()).toEqual(["1", "2", "3"]);
    await expectConsistent(out, true);
  });

  it("a run waits for a lock held by a DuckDB client, says so, and lands", async () => {
    const out = tmpDir("scsim-locked-");
    expect(
      (await scsim(["run", "--agents", "200", "--steps", "10", "--out", out, "-q"])).status,
    ).toBe(0);
    const holder = start([], {
      nodeArgs: [
        "--input-type=module",
        "-e",
        `import { DuckDBInstance } from "@duckdb/node-api";
         const i = await DuckDBInstance.create(${JSON.stringify(path.join(out, "results.duckdb"))});
         const c = await i.connect();
         process.stderr.write("holding\\n");
         setTimeout(() => { c.closeSync(); i.closeSync(); }, 1500);`,
      ],
    });
    await holder.when(/holding/);
    const r = await scsim(["run", "--agents", "200", "--steps", "10", "--out", out]);
    await holder.done;
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /results\.duckdb is locked by another process \(PID \d+\): waiting up to 120 s/,
    );
    expect((await dbSql(out, "SELECT count(*) FROM runs"))[0][0]).toBe(2n);
    await expectConsistent(out, true);
  });
});

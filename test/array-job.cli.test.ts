/**
 * Cluster array jobs (issue 10): the units of an experiment run by index as
 * separate processes (as the tasks of a Slurm array or a Kubernetes Indexed
 * Job would), several at once into one directory, then `scsim experiment
 * --resume` collects them: the results equal a run in one thread.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InProcessExecutor, runExperiment } from "../src/node/experiment/index.js";
import { expectNoStack, scsim, tmpDir } from "./cli-helpers.js";

const ISHIGAMI =
  "version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 8, bootstrap: 100}\nseed: 11\n";
const UNITS = 40;

let work: string;
let file: string;
let ref: string;

beforeAll(async () => {
  work = tmpDir("scsim-array-");
  file = path.join(work, "ish.yaml");
  fs.writeFileSync(file, ISHIGAMI);
  ref = path.join(work, "ref");
  await runExperiment(file, { out: ref, executor: new InProcessExecutor() });
});

describe("scsim worker --experiment FILE --unit INDEX --out DIR", () => {
  it("tasks by index, four at a time into one directory, then --resume collects: equal to a local run", async () => {
    const count = await scsim(["worker", "--experiment", file, "--count", "--batch", "4"]);
    expect(count.status, count.stderr).toBe(0);
    expect(count.stdout).toBe(`${UNITS / 4}\n`);
    const out = path.join(work, "shared");
    const tasks = Array.from({ length: UNITS / 4 }, (_, i) => i);
    // Index from --unit, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, in turn.
    const runTask = (i: number) => {
      const args = ["worker", "--experiment", file, "--out", out, "--batch", "4"];
      if (i % 3 === 0) return scsim([...args, "--unit", String(i)]);
      const env: Record<string, string> =
        i % 3 === 1 ? { SLURM_ARRAY_TASK_ID: String(i) } : { JOB_COMPLETION_INDEX: String(i) };
      return scsim(args, { env });
    };
    for (let k = 0; k < tasks.length; k += 4) {
      const rs = await Promise.all(tasks.slice(k, k + 4).map(runTask));
      for (const r of rs) expect(r.status, r.stderr).toBe(0);
    }
    expect(fs.readdirSync(path.join(out, "units")).sort()).toEqual(
      fs.readdirSync(path.join(ref, "units")).sort(),
    );
    // A task run again finds its units stored.
    const again = await scsim(["worker", "--experiment", file, "--out", out, "--unit", "3"]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/unit 3 stored already/);
    const collect = await scsim(["experiment", file, "--resume", "--out", out]);
    expect(collect.status, collect.stderr).toBe(0);
    expect(collect.stdout).toMatch(/^0 units run in .* \(40 were stored already\)/m);
    expect(fs.readFileSync(path.join(out, "analysis.json"))).toEqual(
      fs.readFileSync(path.join(ref, "analysis.json")),
    );
    for (const f of fs.readdirSync(path.join(ref, "units"))) {
      expect(fs.readFileSync(path.join(out, "units", f))).toEqual(
        fs.readFileSync(path.join(ref, "units", f)),
      );
    }
  });

  it("refuses an index outside the experiment, a missing index, another experiment's directory", async () => {
    const out = path.join(work, "mistakes");
    const far = await scsim(["worker", "--experiment", file, "--out", out, "--unit", "40"]);
    expect(far.status).toBe(2);
    expect(far.stderr).toMatch(/unit 40 does not exist: the experiment has 40 units/);
    const none = await scsim(["worker", "--experiment", file, "--out", out], {
      env: { SLURM_ARRAY_TASK_ID: "", JOB_COMPLETION_INDEX: "" },
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no unit index/);
    const other = path.join(work, "other.yaml");
    fs.writeFileSync(other, ISHIGAMI.replace("seed: 11", "seed: 12"));
    const first = await scsim(["worker", "--experiment", file, "--out", out, "--unit", "0"]);
    expect(first.status, first.stderr).toBe(0);
    const clash = await scsim(["worker", "--experiment", other, "--out", out, "--unit", "0"]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toMatch(/cannot resume: .* different experiment file/);
    for (const r of [far, none, clash]) expectNoStack(r.stderr);
  });
});

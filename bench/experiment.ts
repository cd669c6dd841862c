/**
 * `npm run bench:experiment`: the experiment runner's figures (BENCHMARKS.md).
 *   node dist/bench/experiment.js throughput [units] [agents] [steps]
 *       a grid of financial-only scenarios, --workers 1 then 2: units/s and the speed-up
 *   node dist/bench/experiment.js overhead [units]
 *       the Ishigami test model (microseconds a unit), --workers 1 and 2: the cost of a
 *       unit without its simulation (pool round trip, decode, part stored, ledger)
 *   node dist/bench/experiment.js sobol [n] [agents] [steps]
 *       a Sobol' study of 8 factors of the integrated preset (n × 10 units)
 * Each case runs into a fresh temporary directory; prints one JSON line per run.
 */
import fs from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { PiscinaExecutor } from "../src/node/experiment/piscina-executor.js";
import { type ExperimentProgress, runExperiment } from "../src/node/experiment/runner.js";

const [mode = "throughput", ...rest] = process.argv.slice(2);

interface Timing {
  units: number;
  workers: number;
  /** From the first unit handed out to the last stored. */
  unitSeconds: number;
  /** The whole command: prepare, units, database, analysis, report. */
  totalSeconds: number;
  /** CPU seconds of the process (all its threads) over the unit phase, and per wall second. */
  cpuSeconds: number;
  coresUsed: number;
}

async function timed(text: string, workers: number): Promise<Timing> {
  const dir = fs.mkdtempSync(path.join(tmpdir(), "scsim-bench-exp-"));
  try {
    const file = path.join(dir, "e.yaml");
    fs.writeFileSync(file, text);
    let t0 = 0;
    let t1 = 0;
    let c0 = process.cpuUsage();
    let cpu = 0;
    const progress: ExperimentProgress = {
      start: () => {
        t0 = performance.now();
        c0 = process.cpuUsage();
      },
      update: () => {},
      stop: () => {
        t1 = performance.now();
        const c = process.cpuUsage(c0);
        cpu = (c.user + c.system) / 1e6;
      },
    };
    const executor = new PiscinaExecutor({ workers });
    const start = performance.now();
    const r = await runExperiment(file, { out: path.join(dir, "out"), executor, progress });
    const end = performance.now();
    await executor.close();
    if (r.failed.length > 0)
      throw new Error(`${r.failed.length} units failed: ${r.failed[0].message}`);
    return {
      units: r.stored,
      workers,
      unitSeconds: (t1 - t0) / 1000,
      totalSeconds: (end - start) / 1000,
      cpuSeconds: cpu,
      coresUsed: cpu / ((t1 - t0) / 1000),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function grid(units: number, agents: number, steps: number): string {
  // 20 levels of deterrence × units/20 replications.
  const reps = Math.max(1, Math.round(units / 20));
  const levels = Array.from({ length: 20 }, (_, i) => (i / 19).toFixed(4)).join(", ");
  return `version: 1
name: bench throughput
base: {preset: financial-only, overrides: {agents: ${agents}, burnIn: 0, steps: ${steps}}}
factors: [{path: mechanisms.financial.deterrence, levels: [${levels}]}]
design: {type: grid}
replications: ${reps}
metrics: [{metric: listed}, {metric: default_rate, at: mean}]
`;
}

console.error(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`);
if (mode === "throughput") {
  const [units = 200, agents = 2000, steps = 365] = rest.map(Number);
  const text = grid(units, agents, steps);
  const one = await timed(text, 1);
  console.log(JSON.stringify({ case: "throughput", agents, steps, ...one }));
  const two = await timed(text, 2);
  console.log(JSON.stringify({ case: "throughput", agents, steps, ...two }));
  console.log(
    JSON.stringify({
      speedup: one.unitSeconds / two.unitSeconds,
      unitsPerSecond1: one.units / one.unitSeconds,
      unitsPerSecond2: two.units / two.unitSeconds,
    }),
  );
} else if (mode === "overhead") {
  const [n = 1024] = rest.map(Number);
  const text = `version: 1\nmodel: ishigami\ndesign: {type: sobol, n: ${n}}\n`;
  for (const workers of [1, 2]) {
    const t = await timed(text, workers);
    console.log(
      JSON.stringify({
        case: "overhead",
        ...t,
        msPerUnit: (t.unitSeconds * 1000) / t.units,
        threadMsPerUnit: (t.unitSeconds * 1000 * workers) / t.units,
      }),
    );
  }
} else if (mode === "sobol") {
  // The preset's own burn-in and horizon unless steps are given.
  const [n = 512, agents = 2000, steps] = rest.map(Number);
  const text = `version: 1
name: bench sobol integrated
base: {preset: integrated, overrides: {agents: ${agents}${steps ? `, steps: ${steps}` : ""}}}
factors:
  - {path: mechanisms.financial.deterrence, range: [0, 1]}
  - {path: network.meanDegree, range: [6, 30], distribution: integer}
  - {path: mechanisms.integration.level, range: [0, 1]}
  - {path: mechanisms.subsystems.financial.listThreshold, range: [2, 5], distribution: integer}
  - {path: mechanisms.subsystems.financial.retention, range: [90, 730], distribution: integer}
  - {path: population.groups.1.share, range: [0.05, 0.3]}
  - {path: network.rewire, range: [0, 0.3]}
  - {path: population.childShare, range: [0.1, 0.4]}
design: {type: sobol, n: ${n}}
metrics: [{metric: listed}, {metric: chilling, at: mean, last: 90}]
`;
  const t = await timed(text, cpus().length);
  console.log(JSON.stringify({ case: "sobol-integrated", n, agents, steps, ...t }));
} else {
  throw new Error(`unknown case ${mode}: throughput, overhead or sobol`);
}

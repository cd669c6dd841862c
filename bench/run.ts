/**
 * `npm run bench`: the benchmark figures BENCHMARKS.md records.
 * Each case runs in a fresh process (bench/case.ts) so peak RSS is per case.
 *   npm run bench                 # all cases
 *   npm run bench -- quick        # 100k financial-only and the Epstein grids only
 */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { benchEpstein } from "./epstein.js";

const quick = process.argv.includes("quick");
const here = fileURLToPath(new URL("./case.js", import.meta.url));

const cases: [string, number, number][] = quick
  ? [["financial-only", 100_000, 365]]
  : [
      ["financial-only", 100_000, 365],
      ["financial-only", 1_000_000, 365],
      ["financial-only", 10_000_000, 365],
      ["integrated", 1_000_000, 365],
    ];

const fmt = (x: number, d = 2) => x.toFixed(d);
console.log(`scsim benchmarks — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
);
console.log(
  "preset           agents      steps  build s  steps s  total s  agent-steps/s  peak RSS MiB",
);
for (const [preset, agents, steps] of cases) {
  const out = execFileSync(
    process.execPath,
    ["--max-old-space-size=4096", here, preset, String(agents), String(steps)],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.trim().split("\n").pop() ?? "{}");
  console.log(
    `${preset.padEnd(16)} ${String(agents).padStart(10)} ${String(steps).padStart(6)} ${fmt(r.buildSeconds).padStart(8)} ${fmt(r.stepSeconds).padStart(8)} ${fmt(r.totalSeconds).padStart(8)} ${r.agentStepsPerSecond.toExponential(2).padStart(14)} ${fmt(r.peakRssMiB, 0).padStart(13)}`,
  );
}

console.log("\nEpstein civil violence (epstein-classic rules), ms per step:");
for (const r of await benchEpstein()) {
  console.log(
    `  ${r.grid.padEnd(12)} ${String(r.agents).padStart(8)} agents  ${r.msPerStep.toFixed(2).padStart(9)} ms/step`,
  );
}

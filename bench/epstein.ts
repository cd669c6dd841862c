/**
 * Per-step time of Epstein's civil-violence model (src/core/epstein) at Mesa's
 * default settings on 40x40, 100x100 and 1000x1000 tori.
 *
 * Run directly: npx tsc -p tsconfig.json --outDir /tmp/scsim-epi &&
 * node /tmp/scsim-epi/bench/epstein.js
 */
import { pathToFileURL } from "node:url";
import { EpsteinModel } from "../src/core/epstein/model.js";
import { defaultEpsteinParams } from "../src/core/epstein/params.js";
import { seed64 } from "../src/core/rng/seed.js";

export interface EpsteinBenchRow {
  grid: string;
  agents: number;
  msPerStep: number;
}

const CASES = [
  { width: 40, height: 40, warmup: 50, timed: 200 },
  { width: 100, height: 100, warmup: 20, timed: 100 },
  { width: 1000, height: 1000, warmup: 2, timed: 5 },
];

export async function benchEpstein(): Promise<EpsteinBenchRow[]> {
  const rows: EpsteinBenchRow[] = [];
  for (const c of CASES) {
    const params = defaultEpsteinParams({ width: c.width, height: c.height });
    const model = new EpsteinModel(params, seed64(1), c.warmup + c.timed);
    for (let i = 0; i < c.warmup; i++) model.step();
    const t0 = performance.now();
    for (let i = 0; i < c.timed; i++) model.step();
    const ms = (performance.now() - t0) / c.timed;
    rows.push({ grid: `${c.width}x${c.height}`, agents: model.agents, msPerStep: ms });
    // Let other work (timers, progress output) run between cases.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchEpstein();
  console.log("grid        agents     ms/step");
  for (const r of rows) {
    console.log(
      `${r.grid.padEnd(10)} ${String(r.agents).padStart(8)} ${r.msPerStep.toFixed(3).padStart(11)}`,
    );
  }
}

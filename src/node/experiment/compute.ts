/**
 * Computing one unit, wherever it runs (in this thread, a pool worker, a
 * queue worker on another machine): the unit's scenario is built and run to
 * its end, its metrics reduced to the experiment's outputs and encoded. A
 * pure function of the prepared experiment and the unit index.
 */

import { resolve } from "node:path";
import { buildSimulation } from "../../core/build.js";
import {
  evaluateTestUnit,
  type PreparedExperiment,
  unitAt,
  unitOutputs,
  unitScenario,
} from "../../core/experiment/index.js";
import type { Csr } from "../../core/network/csr.js";
import type { Scenario } from "../../core/scenario/schema.js";
import { runToEnd } from "../../core/simulation.js";
import { loadEdgeList, scanEdgeList } from "../edge-list.js";
import { encodeUnitResult } from "./codec.js";

/**
 * Test-only hooks, honoured for the built-in test models alone (never for a
 * scenario), so that tests can make units slow or fail on purpose:
 *   SCSIM_TEST_UNIT_DELAY_MS=20            every unit sleeps that long
 *   SCSIM_TEST_UNIT_FAULTS=3:throw,5:exit,7:oom
 *     unit 3 throws, unit 5 ends its thread (process.exit in a worker),
 *     unit 7 allocates until its worker runs out of memory.
 * They exist to test the pool's failure handling and resume.
 */
export const TEST_DELAY_ENV = "SCSIM_TEST_UNIT_DELAY_MS";
export const TEST_FAULTS_ENV = "SCSIM_TEST_UNIT_FAULTS";

function testHooks(index: number): void {
  const delay = Number(process.env[TEST_DELAY_ENV] ?? 0);
  if (delay > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay);
  const faults = process.env[TEST_FAULTS_ENV];
  if (!faults) return;
  for (const f of faults.split(",")) {
    const [i, mode] = f.split(":");
    if (Number(i) !== index) continue;
    if (mode === "throw") throw new Error(`test fault: unit ${index} throws`);
    if (mode === "exit") process.exit(3);
    if (mode === "oom") {
      const hog: number[][] = [];
      for (;;) hog.push(new Array(1 << 20).fill(index));
    }
  }
}

/**
 * Builds a scenario's model (as run.ts's buildFromScenario, without importing
 * the store: a pool worker should not load DuckDB).
 */
async function build(s: Scenario, baseDir: string) {
  let edges: Csr | undefined;
  if (s.model === "scs" && s.network.kind === "edge-list" && s.network.path) {
    const file = resolve(baseDir, s.network.path);
    edges = await loadEdgeList(file, s.agents, (await scanEdgeList(file)).lines);
  }
  return buildSimulation(s, edges);
}

/** Computes unit `index` of `p`; `baseDir` is where the base scenario's relative paths resolve. */
export async function computeUnit(
  p: PreparedExperiment,
  index: number,
  baseDir: string,
): Promise<Uint8Array> {
  const unit = unitAt(p, index);
  if (p.testModel) {
    testHooks(index);
    return encodeUnitResult(p.outputs, evaluateTestUnit(p, unit));
  }
  const s = unitScenario(p, unit);
  const sim = await build(s, baseDir);
  runToEnd(sim);
  const grps = sim.metrics.grps;
  const outputs = unitOutputs(p.outputs, (metric, group) =>
    sim.metrics.series(metric, grps.indexOf(group)),
  );
  return encodeUnitResult(p.outputs, outputs);
}

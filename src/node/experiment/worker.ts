/**
 * A pool worker (piscina-executor.ts): prepares the experiment of its
 * workerData once, then computes the units it is given and moves their
 * result bytes back to the main thread (transferred, not copied).
 */
import { move, workerData } from "piscina";
import type { PreparedExperiment } from "../../core/experiment/index.js";
import { computeUnit } from "./compute.js";
import { type ExperimentSource, prepareSource } from "./source.js";

const source = (workerData as { source: ExperimentSource }).source;
let prepared: PreparedExperiment | undefined;

export default async function unitTask(task: { index: number }): Promise<ArrayBuffer> {
  prepared ??= prepareSource(source);
  const bytes = await computeUnit(prepared, task.index, source.baseDir);
  // encodeUnitResult makes a fresh buffer of exactly the result's bytes.
  return move(bytes.buffer as ArrayBuffer) as ArrayBuffer;
}

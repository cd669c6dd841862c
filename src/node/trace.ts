/**
 * Step-by-step tracing of the store, for whoever wants to watch what a run
 * does to its output directory (and for the kill tests, which stop a run at
 * each of these moments): with SCSIM_TRACE=store, each step is one line
 * "scsim trace: store <step>" on stderr, printed as the step begins.
 */
import { writeSync } from "node:fs";

const enabled = (process.env.SCSIM_TRACE ?? "").split(",").includes("store");

/** The steps of storing a run, in order. */
export const STORE_STEPS = [
  "stage",
  "write-metrics",
  "write-report",
  "commit",
  "open-db",
  "insert-db",
  "sync-dataset",
  "sync-report",
] as const;

export type StoreStep = (typeof STORE_STEPS)[number];

export function traceStore(step: StoreStep): void {
  // Synchronous, so the line is out before the step's work starts.
  if (enabled) writeSync(2, `scsim trace: store ${step}\n`);
}

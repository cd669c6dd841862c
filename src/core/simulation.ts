import type { MetricsTable } from "./metrics/table.js";

/**
 * What the run pipeline (CLI, stores, benchmarks, workers) needs of a model:
 * the network model of the social credit system and Epstein's grid model both
 * implement it.
 *
 * A run is `burnIn` warm-up steps, not recorded, then `steps` recorded steps:
 * metrics row r holds the state after burnIn + r steps, so row 0 is the state
 * at the start of the horizon and a run records steps + 1 rows.
 */
export interface Simulation {
  /** Number of agents (citizens and, for grid models, cops). */
  readonly agents: number;
  /** Steps taken so far, burn-in included. */
  readonly t: number;
  /** Warm-up steps before the first recorded one. */
  readonly burnIn: number;
  /** Steps of the whole run: burnIn + the recorded steps. */
  readonly stepsTotal: number;
  readonly metrics: MetricsTable;
  /** Advances one step and records its metrics row. Allocates nothing. */
  step(): void;
  /** Hex hash of every state column: same seed and scenario, same hash. */
  stateHash(): string;
}

/** Runs a simulation to its end (burn-in and recorded steps), reporting progress every `every` steps. */
export function runToEnd(
  sim: Simulation,
  onProgress?: (done: number, total: number) => void,
  every = 1,
): void {
  const total = sim.stepsTotal;
  while (sim.t < total) {
    sim.step();
    if (onProgress && (sim.t % every === 0 || sim.t === total)) onProgress(sim.t, total);
  }
}

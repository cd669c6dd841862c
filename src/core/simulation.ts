import type { MetricsTable } from "./metrics/table.js";

/**
 * What the run pipeline (CLI, stores, benchmarks, workers) needs of a model:
 * the network model of the social credit system and Epstein's grid model both
 * implement it.
 *
 * Metrics row t holds the state after t steps; row 0 is the initial state, so
 * a run of T steps records T + 1 rows.
 */
export interface Simulation {
  /** Number of agents (citizens and, for grid models, cops). */
  readonly agents: number;
  /** Steps taken so far. */
  readonly t: number;
  readonly metrics: MetricsTable;
  /** Advances one step and records its metrics row. Allocates nothing. */
  step(): void;
  /** Hex hash of every state column: same seed and scenario, same hash. */
  stateHash(): string;
}

/** What is stored about one run besides its metrics (table `runs`). */
export interface RunRecord {
  runId: string;
  /** Preset name, or null for a scenario file that is not a preset. */
  preset: string | null;
  /** The seed as given (number or string), as text. */
  seed: string;
  agents: number;
  steps: number;
  /** The fully resolved scenario (defaults filled in), as JSON text. */
  scenario: string;
  engineVersion: string;
  startedAt: Date;
  finishedAt: Date;
  /** Hex hash of the final state columns: same seed and scenario, same hash. */
  stateHash: string;
}

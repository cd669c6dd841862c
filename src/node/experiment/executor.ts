/**
 * Where units run. An executor takes unit indices of one experiment and
 * reports, for each, its result bytes (codec.ts) or a failure message; the
 * runner (runner.ts) stores what it reports. The local executor is a piscina
 * thread pool (piscina-executor.ts); another (a BullMQ/Redis queue) can sit
 * beside it by implementing the same interface.
 */
import type { ExperimentSource } from "./source.js";

/** Told of every unit an executor finishes, exactly once per unit, in any order. */
export interface UnitSink {
  /** Unit `index` computed: its result bytes (the sink owns them from now on). */
  result(index: number, bytes: Uint8Array): void;
  /** Unit `index` failed (threw, its worker crashed or ran out of memory): a message for the ledger. */
  failure(index: number, message: string): void;
}

export interface UnitExecutor {
  /** A short description for messages, e.g. "2 worker threads". */
  readonly description: string;
  /**
   * Runs the given units of the experiment described by `source` (every
   * worker prepares it with prepareSource) and reports each to `sink` once.
   * Resolves when every unit has been reported, or, once `signal` is
   * aborted, when the units already running have been reported (units not
   * yet started are then not reported at all). Rejects only when the
   * executor itself cannot work (a unit's failure is reported, not thrown).
   */
  run(
    source: ExperimentSource,
    indices: readonly number[],
    sink: UnitSink,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Frees the executor's resources (threads, connections). */
  close(): Promise<void>;
}

/** Message of a failed unit: the error's message, one line. */
export function failureMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return `${code ? `${code}: ` : ""}${err.message}`.split("\n")[0];
  }
  return String(err);
}

/**
 * Runs units one after another in this thread: for tests, for experiments
 * too small to pay for a pool, and as the reference the pool must match.
 */
export class InProcessExecutor implements UnitExecutor {
  readonly description = "this thread";

  async run(
    source: ExperimentSource,
    indices: readonly number[],
    sink: UnitSink,
    signal?: AbortSignal,
  ): Promise<void> {
    const { prepareSource } = await import("./source.js");
    const { computeUnit } = await import("./compute.js");
    const p = prepareSource(source);
    for (const i of indices) {
      if (signal?.aborted) return;
      let bytes: Uint8Array;
      try {
        bytes = await computeUnit(p, i, source.baseDir);
      } catch (err) {
        sink.failure(i, failureMessage(err));
        continue;
      }
      sink.result(i, bytes);
      // Yield so that a signal (Ctrl-C) can be seen between units.
      await new Promise((r) => setImmediate(r));
    }
  }

  async close(): Promise<void> {}
}

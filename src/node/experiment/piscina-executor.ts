/**
 * The local executor: a piscina pool of K worker threads (worker.ts), each
 * with its own heap limit, so a unit that runs out of memory ends its worker,
 * not the experiment. Units are handed out a few ahead of the free threads
 * (not all at once), so a stop (Ctrl-C) leaves little queued and memory does
 * not grow with the size of the study.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { failureMessage, type UnitExecutor, type UnitSink } from "./executor.js";
import type { ExperimentSource } from "./source.js";

export interface PiscinaExecutorOptions {
  /** Worker threads (default os.availableParallelism()). */
  workers?: number;
  /** Heap limit of each worker in MiB (resourceLimits.maxOldGenerationSizeMb); default Node's. */
  workerMemoryMb?: number;
}

export class PiscinaExecutor implements UnitExecutor {
  readonly workers: number;
  readonly description: string;
  private pool: Piscina | undefined;

  constructor(private readonly opts: PiscinaExecutorOptions = {}) {
    this.workers = opts.workers ?? availableParallelism();
    if (!Number.isInteger(this.workers) || this.workers < 1) {
      throw new RangeError(`workers: ${this.workers}`);
    }
    this.description = `${this.workers} worker thread${this.workers === 1 ? "" : "s"}`;
  }

  async run(
    source: ExperimentSource,
    indices: readonly number[],
    sink: UnitSink,
    signal?: AbortSignal,
  ): Promise<void> {
    if (indices.length === 0) return;
    // No more threads than units (each thread loads the engine and prepares the experiment).
    const K = Math.min(this.workers, indices.length);
    const pool = new Piscina({
      filename: new URL("./worker.js", import.meta.url).href,
      minThreads: K,
      maxThreads: K,
      // Every unit is CPU-bound: one at a time per thread.
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      workerData: { source },
      resourceLimits: this.opts.workerMemoryMb
        ? { maxOldGenerationSizeMb: this.opts.workerMemoryMb }
        : undefined,
    });
    this.pool = pool;
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let running = 0;
        let fatal: unknown;
        const stopped = () => signal?.aborted || fatal !== undefined;
        // A sink that throws (a full disk) stops the run; the units running finish first.
        const report = (f: () => void) => {
          running--;
          try {
            if (fatal === undefined) f();
          } catch (err) {
            fatal = err;
          }
          feed();
        };
        const feed = () => {
          // Exactly K in flight: nothing waits in piscina's queue when a stop comes.
          while (!stopped() && running < K && next < indices.length) {
            const index = indices[next++];
            running++;
            pool.run({ index }).then(
              (buf: ArrayBuffer) => report(() => sink.result(index, new Uint8Array(buf))),
              (err: unknown) => report(() => sink.failure(index, failureMessage(err))),
            );
          }
          if (running === 0 && (stopped() || next >= indices.length)) {
            if (fatal !== undefined) reject(fatal);
            else resolve();
          }
        };
        signal?.addEventListener("abort", () => feed(), { once: true });
        feed();
      });
    } finally {
      this.pool = undefined;
      await pool.destroy();
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

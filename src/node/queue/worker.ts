/**
 * `scsim worker --queue URL`: a BullMQ worker taking units of any experiment
 * from the queue and running them in K sandboxed worker threads
 * (processor.ts). Its main thread does nothing CPU-bound, so it renews the
 * locks of its running units on time however long they take; a worker that
 * vanishes (kill -9, power off, network gone) stops renewing, and once its
 * locks expire (lockDuration) another worker's stall check puts its units
 * back in the queue. A worker of another engine version than a job's refuses
 * it and stops (exit 2): units of two engines are never mixed.
 */
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { type Job, Worker } from "bullmq";
import { ENGINE_VERSION } from "../../core/version.js";
import {
  connectionErrorText,
  ENGINE_MISMATCH,
  KEY_PREFIX,
  openRedis,
  QUEUE_NAME,
  type UnitJobData,
  WORKERS_KEY,
} from "./connection.js";
import type { UnitJobResult } from "./processor.js";

export interface QueueWorkerOptions {
  url: string;
  /** Units run at once (threads), default 1. */
  concurrency: number;
  /**
   * Milliseconds a unit stays locked by this worker between renewals (renewed
   * every half of it while the unit runs). After a crash, its units wait this
   * long (plus up to one stall check) before another worker retries them.
   */
  lockDurationMs?: number;
  /** Heap limit of each unit thread in MiB (a unit above it fails alone). */
  workerMemoryMb?: number;
  /** Told of each unit finished, and of problems (lines without secrets). */
  log?: (line: string) => void;
  /** Told once the worker is connected and waits for units. */
  onReady?: () => void;
  signal?: AbortSignal;
}

export interface QueueWorkerResult {
  done: number;
  failed: number;
  /** Set when the worker stopped because a job needs another engine. */
  engineMismatch?: string;
}

export const DEFAULT_LOCK_MS = 60_000;
/** Seconds between heartbeats in scsim:workers. */
const HEARTBEAT_MS = 5_000;

/** The compiled processor next to this file (dist/src/node/queue/processor.js). */
export function processorFile(): string {
  return fileURLToPath(new URL("./processor.js", import.meta.url));
}

/** Runs the worker until the signal aborts (or a job needs another engine). */
export async function runQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorkerResult> {
  const log = opts.log ?? (() => {});
  const { redis, url } = await openRedis(opts.url, { name: "scsim-worker" });
  const lockDuration = opts.lockDurationMs ?? DEFAULT_LOCK_MS;
  const me = `${hostname()}:${process.pid}`;
  const started = new Date().toISOString();
  const result: QueueWorkerResult = { done: 0, failed: 0 };
  let stopping: (() => void) | undefined;
  const stopped = new Promise<void>((r) => {
    stopping = r;
  });
  const worker = new Worker<UnitJobData, UnitJobResult>(QUEUE_NAME, processorFile(), {
    connection: redis,
    prefix: KEY_PREFIX,
    concurrency: opts.concurrency,
    useWorkerThreads: true,
    workerThreadsOptions: {
      workerData: { redis: url.options },
      resourceLimits: opts.workerMemoryMb
        ? { maxOldGenerationSizeMb: opts.workerMemoryMb }
        : undefined,
    },
    lockDuration,
    // Look for the units of vanished workers as often as a lock lasts (at most every 30 s).
    stalledInterval: Math.min(lockDuration, 30_000),
    // A unit whose worker vanished twice is still retried once more before it fails.
    maxStalledCount: 2,
    // Units are seconds to hours long: no need to poll Redis hard when idle.
    drainDelay: 5,
    name: me,
  });
  const heartbeat = async () => {
    try {
      await redis.hset(
        WORKERS_KEY,
        me,
        JSON.stringify({
          host: hostname(),
          pid: process.pid,
          engine: ENGINE_VERSION,
          concurrency: opts.concurrency,
          started,
          seen: new Date().toISOString(),
          done: result.done,
          failed: result.failed,
        }),
      );
    } catch {}
  };
  // Counters reach scsim:workers soon after each unit, not only at the next beat.
  let soon: NodeJS.Timeout | undefined;
  const beatSoon = () => {
    soon ??= setTimeout(() => {
      soon = undefined;
      void heartbeat();
    }, 250);
  };
  worker.on("completed", (job: Job<UnitJobData>, r: UnitJobResult) => {
    result.done++;
    beatSoon();
    log(
      `unit ${job.data.index} of ${job.data.fp.slice(0, 12)} done in ${(r.ms / 1000).toFixed(2)} s${r.bytes === 0 ? " (experiment gone: skipped)" : ""}`,
    );
  });
  worker.on("failed", (job: Job<UnitJobData> | undefined, err: Error) => {
    const message = connectionErrorText(err);
    if (message.startsWith(ENGINE_MISMATCH)) {
      result.engineMismatch = message;
      stopping?.();
      return;
    }
    result.failed++;
    beatSoon();
    if (job) {
      log(
        `unit ${job.data.index} of ${job.data.fp.slice(0, 12)} failed (attempt ${job.attemptsMade}): ${message}`,
      );
    }
  });
  let lastError = "";
  worker.on("error", (err) => {
    const text = connectionErrorText(err);
    if (text !== lastError) log(`Redis: ${text}`);
    lastError = text;
  });
  worker.on("ready", () => {
    if (lastError) log(`Redis: connected again to ${url.display}`);
    lastError = "";
  });
  await worker.waitUntilReady();
  await heartbeat();
  opts.onReady?.();
  const beat = setInterval(heartbeat, HEARTBEAT_MS);
  opts.signal?.addEventListener("abort", () => stopping?.(), { once: true });
  if (opts.signal?.aborted) stopping?.();
  try {
    await stopped;
  } finally {
    clearInterval(beat);
    clearTimeout(soon);
    // A graceful stop lets the running units finish; an engine mismatch leaves them to others.
    await worker.close(result.engineMismatch !== undefined);
    await redis.hdel(WORKERS_KEY, me).catch(() => {});
    redis.disconnect();
  }
  return result;
}

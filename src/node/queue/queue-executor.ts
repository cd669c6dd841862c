/**
 * The queue executor of `scsim experiment FILE --queue URL`: instead of
 * computing units it puts them in a BullMQ queue on Redis, where `scsim
 * worker --queue URL` processes on any machine take them, and reports each
 * result to the runner, which stores it in the ledger (the output
 * directory). Only the coordinator writes the ledger, and the ledger, not
 * Redis, decides what is done: the runner hands this executor the units
 * without a part, so a rerun with --resume after any crash enqueues only
 * those (adding a unit already queued is a no-op: its job id is its unit id).
 *
 * What sits in Redis (connection.ts): the experiment's source, once; one
 * small job per unit to run (removed when it completes); the result bytes of
 * completed units until this coordinator stores them (then deleted), so
 * Redis memory stays flat however many units the experiment has.
 *
 * Robustness: results are collected by polling the results hash (nothing is
 * lost if the coordinator is down or disconnected meanwhile: they wait in
 * Redis); failed jobs (all attempts used) are collected from the failed set
 * and removed; and a periodic reconciliation re-adds any unit that has
 * neither a job nor a result (a Redis that lost writes in a crash), so the
 * experiment always completes. A unit reported twice (a job run again after
 * its worker vanished, whose first result still arrived) is reported once.
 */
import { type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { UnitExecutor, UnitSink } from "../experiment/executor.js";
import { unitIds } from "../experiment/runner.js";
import {
  type ExperimentSource,
  experimentFingerprint,
  prepareSource,
} from "../experiment/source.js";
import {
  EXPERIMENTS_KEY,
  jobIdOf,
  jobKey,
  KEY_PREFIX,
  KEY_TTL_S,
  openRedis,
  QUEUE_NAME,
  resultsKey,
  sourceKey,
  type UnitJobData,
  WORKERS_KEY,
} from "./connection.js";
import { parseQueueUrl, type QueueUrl } from "./redis-url.js";

export interface QueueExecutorOptions {
  /** Attempts per unit before it is reported failed (default 3). */
  attempts?: number;
  /** Milliseconds between looks at the results (default 200). */
  pollMs?: number;
  /** Milliseconds between reconciliations (default 15 s). */
  reconcileMs?: number;
  /** Told of what the queue does (lines without secrets). */
  notice?: (line: string) => void;
}

const BATCH = 500;

export class QueueExecutor implements UnitExecutor {
  readonly url: QueueUrl;
  readonly description: string;
  private redis: Redis | undefined;
  private queue: Queue<UnitJobData> | undefined;

  constructor(
    urlText: string,
    private readonly opts: QueueExecutorOptions = {},
  ) {
    this.url = parseQueueUrl(urlText);
    this.description = `the workers of the queue ${this.url.display}`;
  }

  /** Connects (fails within seconds, with a UserError, when Redis cannot be reached). */
  async connect(): Promise<void> {
    if (this.redis) return;
    const { redis } = await openRedis(this.url, { name: "scsim-coordinator" });
    this.redis = redis;
    this.queue = new Queue<UnitJobData>(QUEUE_NAME, { connection: redis, prefix: KEY_PREFIX });
    this.queue.on("error", () => {});
  }

  async run(
    source: ExperimentSource,
    indices: readonly number[],
    sink: UnitSink,
    signal?: AbortSignal,
  ): Promise<void> {
    if (indices.length === 0) return;
    await this.connect();
    const redis = this.redis as Redis;
    const queue = this.queue as Queue<UnitJobData>;
    const notice = this.opts.notice ?? (() => {});
    const attempts = this.opts.attempts ?? 3;
    const pollMs = this.opts.pollMs ?? 200;
    const reconcileMs = this.opts.reconcileMs ?? 15_000;

    const p = prepareSource(source);
    const fp = experimentFingerprint(p);
    const { ids } = unitIds(p);
    const engine = p.engineVersion;
    // The units still to report, by unit id (the runner gives one index per distinct id).
    const pending = new Map<string, number>();
    for (const i of indices) pending.set(ids[i], i);
    const total = pending.size;
    const sourceJson = JSON.stringify(source);

    const putSource = () =>
      redis
        .multi()
        .set(sourceKey(fp), sourceJson, "EX", KEY_TTL_S)
        .expire(resultsKey(fp), KEY_TTL_S)
        .exec();
    const heartbeat = () =>
      redis
        .hset(
          EXPERIMENTS_KEY,
          fp,
          JSON.stringify({
            name: p.experiment.name,
            engine,
            toRun: total,
            remaining: pending.size,
            seen: new Date().toISOString(),
          }),
        )
        .catch(() => {});

    /** Stores the results waiting in Redis; returns how many were new. */
    const collectResults = async (): Promise<number> => {
      let found = 0;
      let cursor = "0";
      do {
        const [next, flat] = await redis.hscanBuffer(resultsKey(fp), cursor, "COUNT", BATCH);
        cursor = next.toString();
        const got: string[] = [];
        for (let k = 0; k + 1 < flat.length; k += 2) {
          const id = flat[k].toString();
          got.push(id);
          const index = pending.get(id);
          if (index === undefined) continue; // stored already (a duplicate run), or not ours to store
          pending.delete(id);
          found++;
          const v = flat[k + 1];
          sink.result(index, new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice());
        }
        // Deleted only once stored: a crash before this leaves them for the next coordinator.
        if (got.length > 0) await redis.hdel(resultsKey(fp), ...got);
      } while (cursor !== "0");
      return found;
    };

    /** Reports the units that used all their attempts, and removes their jobs. */
    const collectFailures = async (report = true): Promise<number> => {
      const prefix = jobIdOf(fp, "");
      let found = 0;
      for (let start = 0; ; start += BATCH) {
        const jobs = (await queue.getFailed(start, start + BATCH - 1)) as (
          | Job<UnitJobData>
          | undefined
        )[];
        if (jobs.length === 0) break;
        const mine = jobs.filter((j): j is Job<UnitJobData> => !!j?.id?.startsWith(prefix));
        for (const j of mine) {
          const index = pending.get(j.data.id);
          // A result may have come from another attempt after all.
          const late = await redis.hexists(resultsKey(fp), j.data.id);
          if (report && index !== undefined && !late) {
            pending.delete(j.data.id);
            found++;
            sink.failure(index, `${j.failedReason ?? "failed"} (after ${j.attemptsMade} attempts)`);
          }
          await j.remove().catch(() => {});
        }
        if (mine.length > 0) start -= mine.length; // the list shifted
        if (jobs.length < BATCH) break;
      }
      return found;
    };

    const jobOf = (index: number) => ({
      name: "unit",
      data: { fp, index, id: ids[index], engine },
      opts: {
        jobId: jobIdOf(fp, ids[index]),
        attempts,
        backoff: { type: "exponential", delay: 1000 },
        removeOnComplete: true,
        removeOnFail: false,
      },
    });

    const enqueue = async (list: number[]): Promise<void> => {
      for (let k = 0; k < list.length; k += BATCH) {
        await queue.addBulk(list.slice(k, k + BATCH).map(jobOf));
      }
    };

    /** Re-adds the pending units that have neither a job nor a result in Redis. */
    const reconcile = async (): Promise<number> => {
      await putSource();
      const list = [...pending.entries()];
      const lost: number[] = [];
      for (let k = 0; k < list.length; k += BATCH) {
        const chunk = list.slice(k, k + BATCH);
        const pipe = redis.pipeline();
        for (const [id] of chunk) {
          pipe.exists(jobKey(jobIdOf(fp, id)));
          pipe.hexists(resultsKey(fp), id);
        }
        const res = (await pipe.exec()) ?? [];
        chunk.forEach(([, index], j) => {
          const job = res[2 * j]?.[1];
          const result = res[2 * j + 1]?.[1];
          if (job === 0 && result === 0) lost.push(index);
        });
      }
      if (lost.length > 0) await enqueue(lost);
      return lost.length;
    };

    await putSource();
    await heartbeat();
    // Results of units completed while no coordinator was running (a resume) come first.
    const early = await collectResults();
    // Failed jobs left by an earlier run are retried, as --resume promises: removed, then queued again.
    await collectFailures(false);
    const toAdd = [...pending.values()];
    await enqueue(toAdd);
    notice(
      `queued ${toAdd.length.toLocaleString("en-US")} units on ${this.url.display}` +
        (early > 0 ? ` (${early} results were waiting there already)` : ""),
    );
    const startedAt = performance.now();
    let lastReconcile = performance.now();
    let lastBeat = performance.now();
    let workersHinted = false;
    while (pending.size > 0 && !signal?.aborted) {
      await sleep(pollMs, signal);
      const n = (await collectResults()) + (await collectFailures());
      const now = performance.now();
      if (now - lastBeat > 5000) {
        lastBeat = now;
        await heartbeat();
        if (!workersHinted && pending.size === total && now - startedAt > 10_000) {
          workersHinted = true;
          const workers = await redis.hlen(WORKERS_KEY);
          notice(
            workers === 0
              ? `no worker has taken a unit yet; start some with: scsim worker --queue ${this.url.display}`
              : `no unit finished yet (${workers} worker${workers === 1 ? "" : "s"} seen)`,
          );
        }
      }
      if (n === 0 && now - lastReconcile > reconcileMs) {
        lastReconcile = now;
        const lost = await reconcile();
        if (lost > 0) notice(`${lost} units had neither a job nor a result in Redis: queued again`);
      }
    }
    if (pending.size === 0) {
      // Finished: nothing of this experiment is needed in Redis any more.
      await redis.del(sourceKey(fp), resultsKey(fp));
      await redis.hdel(EXPERIMENTS_KEY, fp);
    } else {
      await heartbeat();
    }
  }

  async close(): Promise<void> {
    await this.queue?.close().catch(() => {});
    this.redis?.disconnect();
    this.queue = undefined;
    this.redis = undefined;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

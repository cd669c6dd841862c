/**
 * `scsim queue status`: what the queue holds (units waiting, running,
 * retrying, failed), the experiments coordinating through it and the
 * workers seen (their heartbeats in scsim:workers).
 */
import { Queue } from "bullmq";
import {
  EXPERIMENTS_KEY,
  KEY_PREFIX,
  openRedis,
  QUEUE_NAME,
  resultsKey,
  WORKERS_KEY,
} from "./connection.js";

export interface WorkerSeen {
  id: string;
  host: string;
  pid: number;
  engine: string;
  concurrency: number;
  done: number;
  failed: number;
  started: string;
  seen: string;
  /** Seconds since its last heartbeat. */
  ago: number;
}

export interface ExperimentSeen {
  fingerprint: string;
  name: string;
  engine: string;
  /** Units the coordinator's run had to compute, and those it still waits for. */
  toRun: number;
  remaining: number;
  /** Results in Redis waiting to be stored by the coordinator. */
  uncollected: number;
  seen: string;
  ago: number;
}

export interface QueueStatus {
  url: string;
  waiting: number;
  active: number;
  /** Waiting for a retry (a failed attempt's backoff). */
  delayed: number;
  /** Units that used all their attempts and whose coordinator has not collected them yet. */
  failed: number;
  /** Units finished by the workers seen (their counters). */
  done: number;
  workers: WorkerSeen[];
  experiments: ExperimentSeen[];
}

/** A worker not heard of for this long is dropped from scsim:workers. */
const FORGET_S = 24 * 3600;

function agoS(iso: string, now: number): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, Math.round((now - t) / 1000)) : Number.POSITIVE_INFINITY;
}

export async function queueStatus(urlText: string): Promise<QueueStatus> {
  const { redis, url } = await openRedis(urlText, { name: "scsim-status" });
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: KEY_PREFIX });
  queue.on("error", () => {});
  try {
    const counts = await queue.getJobCounts(
      "waiting",
      "active",
      "delayed",
      "failed",
      "prioritized",
    );
    const now = Date.now();
    const workers: WorkerSeen[] = [];
    for (const [id, json] of Object.entries(await redis.hgetall(WORKERS_KEY))) {
      try {
        const w = JSON.parse(json) as Omit<WorkerSeen, "id" | "ago">;
        const ago = agoS(w.seen, now);
        if (ago > FORGET_S) {
          await redis.hdel(WORKERS_KEY, id);
          continue;
        }
        workers.push({ ...w, id, ago });
      } catch {}
    }
    workers.sort((a, b) => a.id.localeCompare(b.id));
    const experiments: ExperimentSeen[] = [];
    for (const [fp, json] of Object.entries(await redis.hgetall(EXPERIMENTS_KEY))) {
      try {
        const e = JSON.parse(json) as Omit<ExperimentSeen, "fingerprint" | "uncollected" | "ago">;
        experiments.push({
          ...e,
          fingerprint: fp,
          uncollected: await redis.hlen(resultsKey(fp)),
          ago: agoS(e.seen, now),
        });
      } catch {}
    }
    return {
      url: url.display,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      done: workers.reduce((s, w) => s + w.done, 0),
      workers,
      experiments,
    };
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

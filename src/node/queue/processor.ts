/**
 * The processor of `scsim worker --queue` (worker.ts): BullMQ runs it in a
 * sandboxed worker thread (useWorkerThreads), so that a unit busy for
 * minutes does not stall the worker's main thread, which renews the job's
 * lock; a unit that crashes its thread (process.exit, out of memory) fails
 * alone and is retried.
 *
 * A job carries only (fingerprint, unit index, unit id, engine): the thread
 * reads the experiment's source from Redis once per fingerprint, computes the
 * unit, and puts the result bytes in the experiment's results hash before the
 * job completes, so a completed job always has its result in Redis until the
 * coordinator stores it (and deletes it).
 *
 * This must run compiled (dist/src/node/queue/processor.js): BullMQ imports it
 * by path. workerData.redis holds the connection options (password included:
 * kept in memory only).
 */
import { workerData } from "node:worker_threads";
import type { SandboxedJob } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { type PreparedExperiment, unitAt, unitId } from "../../core/experiment/index.js";
import { ENGINE_VERSION } from "../../core/version.js";
import { computeUnit } from "../experiment/compute.js";
import { type ExperimentSource, prepareSource } from "../experiment/source.js";
import {
  ENGINE_MISMATCH,
  KEY_TTL_S,
  resultsKey,
  sourceKey,
  type UnitJobData,
} from "./connection.js";

const options = (workerData as { redis: RedisOptions } | null)?.redis;
let redis: Redis | undefined;
/** The experiments this thread has prepared, by fingerprint (most recent last). */
const prepared = new Map<string, { source: ExperimentSource; p: PreparedExperiment }>();
const KEEP = 4;

function connection(): Redis {
  if (!options) throw new Error("the processor was started without connection options");
  if (!redis) {
    redis = new Redis({
      ...options,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Reconnects by itself; a command waits meanwhile.
    redis.on("error", () => {});
  }
  return redis;
}

async function experiment(fp: string) {
  let e = prepared.get(fp);
  if (e) return e;
  const json = await connection().get(sourceKey(fp));
  if (json === null) return null;
  const source = JSON.parse(json) as ExperimentSource;
  e = { source, p: prepareSource(source) };
  prepared.set(fp, e);
  if (prepared.size > KEEP) prepared.delete(prepared.keys().next().value as string);
  return e;
}

export interface UnitJobResult {
  /** Bytes put in the results hash, or 0 when the experiment's source is gone (finished or abandoned). */
  bytes: number;
  ms: number;
}

export default async function processUnit(job: SandboxedJob<UnitJobData>): Promise<UnitJobResult> {
  const d = job.data;
  if (d.engine !== ENGINE_VERSION) {
    throw new Error(
      `${ENGINE_MISMATCH}: unit ${d.index} of experiment ${d.fp.slice(0, 12)} needs scsim engine ${d.engine}, this worker runs engine ${ENGINE_VERSION}`,
    );
  }
  const t0 = performance.now();
  const e = await experiment(d.fp);
  // No source: the coordinator has finished (and cleaned up) or the experiment was abandoned.
  if (!e) return { bytes: 0, ms: 0 };
  if (!Number.isSafeInteger(d.index) || d.index < 0 || d.index >= e.p.units) {
    throw new Error(`unit index ${d.index} is outside the experiment's ${e.p.units} units`);
  }
  const id = unitId(e.p, unitAt(e.p, d.index));
  if (id !== d.id) {
    throw new Error(`unit ${d.index}: its id here is ${id}, the coordinator's ${d.id}`);
  }
  const bytes = await computeUnit(e.p, d.index, e.source.baseDir);
  await connection()
    .multi()
    .hset(resultsKey(d.fp), d.id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .expire(resultsKey(d.fp), KEY_TTL_S)
    .exec();
  return { bytes: bytes.byteLength, ms: performance.now() - t0 };
}

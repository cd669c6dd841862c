/**
 * What the coordinator (`scsim experiment --queue`), the workers (`scsim
 * worker --queue`) and `scsim queue status` share: the Redis key names, the
 * job data, and opening a connection that fails within seconds when Redis
 * cannot be reached (a user mistake, not a hang) but, once open, rides out
 * a Redis restart (commands wait and are retried).
 *
 * Keys (all under "scsim:"):
 *   scsim:units:*                the BullMQ queue "units" (one job per unit to run)
 *   scsim:exp:<fp>:source        the ExperimentSource as JSON, once per experiment fingerprint
 *   scsim:exp:<fp>:results       hash unit id → result bytes, until the coordinator stores them
 *   scsim:experiments            hash fingerprint → JSON (name, units, stored, coordinator seen)
 *   scsim:workers                hash host:pid → JSON heartbeat (engine, concurrency, done, seen)
 * Everything but the queue's jobs expires after KEY_TTL_S without use, so an
 * abandoned experiment does not keep Redis memory.
 */
import { Redis } from "ioredis";
import { UserError } from "../../core/errors.js";
import { parseQueueUrl, type QueueUrl, redact } from "./redis-url.js";

export const KEY_PREFIX = "scsim";
export const QUEUE_NAME = "units";
/** Seconds an experiment's source and uncollected results live without being touched. */
export const KEY_TTL_S = 7 * 24 * 3600;
export const EXPERIMENTS_KEY = `${KEY_PREFIX}:experiments`;
export const WORKERS_KEY = `${KEY_PREFIX}:workers`;

export const sourceKey = (fp: string) => `${KEY_PREFIX}:exp:${fp}:source`;
export const resultsKey = (fp: string) => `${KEY_PREFIX}:exp:${fp}:results`;
/** Redis key of a BullMQ job's hash. */
export const jobKey = (jobId: string) => `${KEY_PREFIX}:${QUEUE_NAME}:${jobId}`;

/**
 * A unit's job id: the experiment's fingerprint (16 hex digits of it) and the
 * unit id. Adding a unit that is already waiting, running, or failed and not
 * yet collected is then a no-op; the fingerprint keeps two experiments whose
 * units share an id (same scenario and seed, other outputs) apart.
 */
export const jobIdOf = (fp: string, unitId: string) => `${fp.slice(0, 16)}-${unitId}`;

/** What a job carries: no experiment text, no result; those sit in the keys above. */
export interface UnitJobData {
  /** experimentFingerprint of the experiment. */
  fp: string;
  /** Unit index in the experiment, and its unit id. */
  index: number;
  id: string;
  /** Engine version of the coordinator: a worker of another engine refuses the job. */
  engine: string;
}

/** Marks the failure of a unit refused by a worker of another engine (worker.ts). */
export const ENGINE_MISMATCH = "engine mismatch";

export interface OpenOptions {
  /** Give up connecting after this long (default 5 s). */
  timeoutMs?: number;
  /** Connection name shown by CLIENT LIST. */
  name?: string;
}

/** A short, secret-free description of a connection error. */
export function connectionErrorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const text =
    e?.code && !String(e.message).includes(e.code) ? `${e.code}: ${e.message}` : e?.message;
  return redact(String(text ?? err)).split("\n")[0];
}

/**
 * Connects to the Redis of `urlText`, checking that it answers (and that the
 * password is right) within the timeout; throws a UserError otherwise. The
 * connection reconnects by itself later, and waits for Redis (no command fails
 * for lack of a connection): what BullMQ needs of its connections.
 */
export async function openRedis(
  urlText: string | QueueUrl,
  opts: OpenOptions = {},
): Promise<{ redis: Redis; url: QueueUrl }> {
  const url = typeof urlText === "string" ? parseQueueUrl(urlText) : urlText;
  const timeoutMs = opts.timeoutMs ?? 5000;
  let lastError: unknown;
  let connected = false;
  const redis = new Redis({
    ...url.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: opts.name,
    // Until the first connection, no retries (fail fast); after, retry for ever.
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  redis.on("error", (err) => {
    lastError = err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]);
    connected = true;
  } catch (err) {
    redis.disconnect();
    const why = connectionErrorText(lastError ?? err);
    const auth = /NOAUTH|WRONGPASS|invalid password|AUTH/i.test(why);
    throw new UserError(
      `cannot reach Redis at ${url.display}: ${why}`,
      auth
        ? "Check the password (and user name) in the --queue URL."
        : "Check the host and port of --queue, that redis-server runs there, and that a firewall lets this machine in.",
    );
  } finally {
    clearTimeout(timer);
  }
  return { redis, url };
}

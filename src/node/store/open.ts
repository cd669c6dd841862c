/**
 * Opening results.duckdb: waiting for another process's lock instead of
 * failing on it, turning DuckDB's errors into messages, and closing so that
 * the file is unlocked and its WAL checkpointed.
 */
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { UserError } from "../../core/errors.js";
import { describeError, diskHint, firstLine, isDiskError, messageOf } from "./errors.js";

/** Memory DuckDB may use for the store (inserting a run streams from its Parquet part). */
export const DB_MEMORY_LIMIT = "256MB";

export interface Db {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

export interface OpenOptions {
  readOnly?: boolean;
  /**
   * How long to wait for a lock held by another process, in ms (default:
   * lockTimeoutMs()); 0 fails at once.
   */
  waitMs?: number;
  /** Called once when the file is found locked and the wait begins. */
  onWait?: (message: string) => void;
}

/** The lock wait: $SCSIM_LOCK_TIMEOUT seconds, default 120. */
export function lockTimeoutMs(): number {
  const env = Number(process.env.SCSIM_LOCK_TIMEOUT);
  return Number.isFinite(env) && env >= 0 ? env * 1000 : 120_000;
}

/** Thrown (as a UserError subclass) when the database stays locked past the wait. */
export class LockedError extends UserError {
  constructor(
    readonly file: string,
    readonly holder: string | undefined,
  ) {
    super(
      `${file} is locked by another process${holder ? ` (PID ${holder})` : ""}`,
      "Wait for that process to finish (or stop it; a DuckDB client holding the file open locks it too), or use another output directory.",
    );
  }
}

function lockHolder(msg: string): string | undefined {
  return /PID (\d+)/.exec(msg)?.[1];
}

/** Turns a failure to open (or set up) the database file into a UserError. */
export function openError(file: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const msg = messageOf(err);
  if (/could not set lock/i.test(msg)) return new LockedError(file, lockHolder(msg));
  if (
    /not a valid DuckDB database file|file is not a DuckDB|invalid (database )?header/i.test(msg)
  ) {
    return new UserError(
      `${file} exists but is not a DuckDB database file`,
      "Move or delete it, or use another output directory.",
    );
  }
  if (/version number|storage version|incompatible/i.test(msg)) {
    return new UserError(
      `${file} was written by an incompatible DuckDB version: ${firstLine(msg)}`,
      "Move it away, or use another output directory.",
    );
  }
  if (isDiskError(err)) {
    return new UserError(`cannot write ${file}: ${describeError(err)}`, diskHint(err));
  }
  return new UserError(
    `cannot open results database ${file}: ${firstLine(msg)}`,
    "Check the file and its directory, or use another output directory.",
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openOnce(file: string, readOnly: boolean): Promise<Db> {
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(file, {
      ...(readOnly ? { access_mode: "READ_ONLY" } : {}),
      memory_limit: DB_MEMORY_LIMIT,
    });
    const connection = await instance.connect();
    return { instance, connection };
  } catch (err) {
    instance?.closeSync();
    throw err;
  }
}

/** Opens the database, waiting (polling) while another process holds its lock. */
export async function openDb(file: string, opts: OpenOptions = {}): Promise<Db> {
  const waitMs = opts.waitMs ?? lockTimeoutMs();
  const deadline = Date.now() + waitMs;
  let told = false;
  let delay = 50;
  for (;;) {
    try {
      return await openOnce(file, opts.readOnly ?? false);
    } catch (err) {
      const e = openError(file, err);
      if (!(e instanceof LockedError) || Date.now() >= deadline) throw e;
      if (!told) {
        told = true;
        opts.onWait?.(
          `${file} is locked by another process${e.holder ? ` (PID ${e.holder})` : ""}: waiting up to ${Math.round(waitMs / 1000)} s`,
        );
      }
      await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
      delay = Math.min(delay * 2, 500);
    }
  }
}

/** Closes connection then instance, so the file is unlocked and the WAL checkpointed. */
export function closeDb(db: Db): void {
  try {
    db.connection.closeSync();
  } finally {
    db.instance.closeSync();
  }
}

/**
 * DuckDB does not stop two instances of the same process from opening one
 * file (the lock is per process), so store operations on one database are
 * queued here: concurrent calls on one DIR in one process run one at a time.
 */
const queues = new Map<string, Promise<unknown>>();

export function serialized<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** Runs `fn` on an open connection (queued per file in this process), then closes. */
export async function withDb<T>(
  file: string,
  opts: OpenOptions,
  fn: (c: DuckDBConnection) => Promise<T>,
): Promise<T> {
  return serialized(file, async () => {
    const db = await openDb(file, opts);
    try {
      return await fn(db.connection);
    } finally {
      closeDb(db);
    }
  });
}

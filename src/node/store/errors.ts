/** Turning file-system and DuckDB failures of the store into messages a user can act on. */
import { UserError } from "../../core/errors.js";

export function firstLine(message: string): string {
  return message.split("\n", 1)[0].trim();
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The errno code of a Node error, or one recognised in a DuckDB message. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string") return code;
  const msg = messageOf(err);
  if (/no space left on device|disk is full|ENOSPC/i.test(msg)) return "ENOSPC";
  if (/disk quota exceeded|EDQUOT/i.test(msg)) return "EDQUOT";
  if (/read-only file system|EROFS/i.test(msg)) return "EROFS";
  if (/permission denied|EACCES/i.test(msg)) return "EACCES";
  return undefined;
}

const PLAIN: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "is a directory",
  ENOENT: "the directory cannot be created there",
  EEXIST: "already exists",
  EMFILE: "too many open files",
};

/** A short, plain description of an errno code (or the error's first line). */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  return code && PLAIN[code] ? `${PLAIN[code]} (${code})` : firstLine(messageOf(err));
}

/** Whether a failure is about the disk (full, quota, read-only, permissions) rather than a bug. */
export function isDiskError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && ["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM"].includes(code);
}

export function diskHint(err: unknown): string {
  const code = errorCode(err);
  if (code === "ENOSPC" || code === "EDQUOT") {
    return "Free some disk space (or use an output directory on another disk) and run again.";
  }
  return "Choose an output directory you can write to.";
}

/**
 * A failure while writing `what`, for throwing: a UserError when it is the
 * disk's fault (full, quota, read-only, permissions), else the error itself
 * (a bug keeps its stack trace).
 */
export function storeError(what: string, err: unknown, hint?: string): unknown {
  if (err instanceof UserError || !isDiskError(err)) return err;
  return new UserError(`cannot write ${what}: ${describeError(err)}`, hint ?? diskHint(err));
}

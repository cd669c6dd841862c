import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * This host, as 8 hex digits: temporary names carry it beside the PID, so a
 * leftover is only judged abandoned (its PID dead) on the host that made it
 * (an output directory can sit on a disk that several machines share).
 */
export const HOST_TAG = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

/** `.tmp-<host>-<pid>-<random>`: the tail of every temporary name scsim makes. */
export function tempSuffix(): string {
  return `.tmp-${HOST_TAG}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

/** Matches a temporary name of tempSuffix(); groups: host tag, PID. */
export const TEMP_NAME = /\.tmp-([0-9a-f]{8})-(\d+)-[0-9a-f]+$/;

/**
 * A temporary name next to `target` (same directory, hence same file system,
 * so that the final rename is atomic): `<target>.tmp-<host>-<pid>-<random>`.
 * With `hidden`, the name starts with a dot (`.<name>.tmp-…`), so that
 * dataset readers (pyarrow, Spark) that skip dot files skip it.
 */
export function tempPathFor(target: string, hidden = false): string {
  const base = path.basename(target);
  return path.join(path.dirname(target), `${hidden ? "." : ""}${base}${tempSuffix()}`);
}

/** Whether a process with this PID exists on this host (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether a temporary name (of tempSuffix) was left by a process of this host that is gone. */
export function abandonedTemp(name: string): boolean {
  const m = TEMP_NAME.exec(name);
  return m !== null && m[1] === HOST_TAG && !pidAlive(Number(m[2]));
}

/** fsync a file or directory by path; directories that refuse it are ignored. */
export function fsyncPath(p: string, isDir: boolean): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, "r");
    fs.fsyncSync(fd);
  } catch (err) {
    // Some platforms/file systems cannot open or fsync a directory: the data
    // file itself was synced, which is what matters most.
    if (!isDir) throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Moves a fully written temporary file into place: fsync it, rename it over
 * `target` (atomic on POSIX: a reader sees the old file or the new one, never
 * a half-written one), then fsync the directory so the rename is durable.
 * On failure the temporary file is removed.
 */
export function commitTempFile(tmp: string, target: string): void {
  try {
    fsyncPath(tmp, false);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  renameIntoPlace(tmp, target);
}

function renameIntoPlace(tmp: string, target: string): void {
  try {
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncPath(path.dirname(target), true);
}

/**
 * Writes `data` to `target` atomically: to a temporary name beside it first
 * (see tempPathFor), fsync, then rename into place.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, hidden = false): void {
  const tmp = tempPathFor(target, hidden);
  try {
    const fd = fs.openSync(tmp, "wx", 0o644);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  renameIntoPlace(tmp, target);
}

/**
 * Puts the file `source` at `target` atomically, as a hard link when the file
 * system has them (no copy, no extra space), else as a copy: either way
 * through a temporary name renamed over `target`.
 */
export function linkOrCopyAtomic(source: string, target: string, hidden = false): void {
  const tmp = tempPathFor(target, hidden);
  try {
    fs.linkSync(source, tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "EMLINK") throw err;
    try {
      fs.copyFileSync(source, tmp, fs.constants.COPYFILE_EXCL);
      fsyncPath(tmp, false);
    } catch (copyErr) {
      fs.rmSync(tmp, { force: true });
      throw copyErr;
    }
  }
  renameIntoPlace(tmp, target);
}

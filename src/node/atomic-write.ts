import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A temporary name next to `target` (same directory, hence same file system,
 * so that the final rename is atomic): `<target>.tmp-<pid>-<random>`.
 */
export function tempPathFor(target: string): string {
  return `${target}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
}

/** fsync a file or directory by path; directories that refuse it are ignored. */
function fsyncPath(p: string, isDir: boolean): void {
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
 * Writes `data` to `target` atomically: to `<target>.tmp-<pid>-<random>`
 * first, fsync, then rename into place.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(target);
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

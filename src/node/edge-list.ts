/**
 * Loads an undirected network from a CSV/TSV/whitespace edge list, plain or
 * gzipped, streaming line by line so files larger than memory as text still
 * load. Node ids are anonymous integers 0..n-1, one undirected edge a line.
 *
 * Before anything is allocated, scanEdgeList counts the lines in a streaming
 * pass (through gunzip for a .gz: its ratio is unknown, up to ~1000:1 for a
 * file of zeros), so that the memory guard prices the real edge count and a
 * file that is not an edge list (a line longer than MAX_LINE_BYTES: a sparse
 * file, zeros, a binary) is refused at once instead of ending in a RangeError.
 */

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { UserError } from "../core/errors.js";
import { buildCsr } from "../core/network/build-csr.js";
import type { Csr } from "../core/network/csr.js";

const HEADER_PAIRS: readonly (readonly [string, string])[] = [
  ["source", "target"],
  ["src", "dst"],
  ["from", "to"],
  ["u", "v"],
];
const HEADER_HELP = HEADER_PAIRS.map((p) => p.join(",")).join(" / ");
const INTEGER = /^-?\d+$/;

type Delimiter = "," | "\t" | "whitespace";

/** Longest line an edge list may have ("12345678,12345678" is 17 bytes; a header a few dozen). */
export const MAX_LINE_BYTES = 4096;

export interface EdgeListScan {
  /** Lines in the file (after gunzip), counting a last line without a newline; an upper bound on the edges. */
  lines: number;
  /** Whether the file is gzipped. */
  gz: boolean;
  /** False when the scan stopped at `maxLines` (the file has more lines). */
  complete: boolean;
}

/**
 * Counts the lines of an edge list without keeping any, stopping early past
 * `maxLines`. Throws a UserError for a missing or unreadable file, a gzip
 * that does not decompress, and a line longer than MAX_LINE_BYTES.
 */
export async function scanEdgeList(
  path: string,
  maxLines = Number.POSITIVE_INFINITY,
): Promise<EdgeListScan> {
  const gz = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input: Readable = gz ? file.pipe(createGunzip()) : file;
  let lines = 0;
  let lineBytes = 0;
  let complete = true;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      file.on("error", fail);
      input.on("error", fail);
      input.on("end", () => resolve());
      input.on("data", (chunk: Buffer) => {
        let from = 0;
        for (;;) {
          const nl = chunk.indexOf(10, from);
          const len = (nl < 0 ? chunk.length : nl) - from;
          lineBytes += len;
          if (lineBytes > MAX_LINE_BYTES) {
            reject(
              new UserError(
                `${path}:${lines + 1}: line longer than ${MAX_LINE_BYTES} bytes: this is not an edge list${gz ? " (after gunzip)" : ""}`,
                "An edge list has one edge a line: two integer node ids, e.g. 12,345.",
              ),
            );
            return;
          }
          if (nl < 0) break;
          lines++;
          lineBytes = 0;
          from = nl + 1;
          if (lines > maxLines) {
            complete = false;
            resolve();
            return;
          }
        }
      });
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(
      `cannot read edge list ${path}: ${(e as Error).message}`,
      gz ? "the file looks gzipped (by name or content) but does not decompress" : undefined,
    );
  } finally {
    input.destroy();
    file.destroy();
  }
  if (lineBytes > 0) lines++;
  return { lines, gz, complete };
}

/**
 * Reads the edge list at `path` for a population of n agents. The first
 * non-comment line fixes the delimiter (tab if it has one, else comma if it
 * has one, else runs of whitespace) and, when its first field is not an
 * integer, is a header naming the endpoint columns. Lines starting with `#`
 * and blank lines are skipped. Repeated edges, in either orientation, are
 * merged silently: real-world exports often list both directions.
 */
export async function loadEdgeList(path: string, n: number, capacity = 1024): Promise<Csr> {
  if (!Number.isInteger(n) || n < 1) throw new UserError(`population size ${n} is not valid`);
  const gz = await isGzip(path);
  const file = createReadStream(path);
  const input: Readable = gz ? file.pipe(createGunzip()) : file;
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let streamError: Error | undefined;
  const onError = (e: Error) => {
    streamError ??= e;
    rl.close();
  };
  file.on("error", onError);
  if (gz) input.on("error", onError);

  // Sized from scanEdgeList's line count when known: no doubling, no copies.
  let src: Int32Array = new Int32Array(Math.max(1, capacity));
  let dst: Int32Array = new Int32Array(Math.max(1, capacity));
  let m = 0;
  let lineNo = 0;
  let delimiter: Delimiter | null = null;
  let si = 0;
  let ti = 1;
  const where = () => `${path}:${lineNo}`;

  const parseId = (field: string, role: string): number => {
    if (!INTEGER.test(field)) {
      throw new UserError(`${where()}: ${role} id "${field}" is not an integer`);
    }
    const id = Number(field);
    if (id < 0 || id >= n) {
      throw new UserError(
        `${where()}: ${role} id ${field} is out of range 0..${n - 1} (the population has ${n} agents)`,
      );
    }
    return id;
  };

  try {
    for await (const raw of rl) {
      lineNo++;
      const line = (lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw).trim();
      if (line === "" || line.startsWith("#")) continue;
      if (delimiter === null) {
        delimiter = line.includes("\t") ? "\t" : line.includes(",") ? "," : "whitespace";
        const fields = split(line, delimiter);
        if (!INTEGER.test(fields[0])) {
          [si, ti] = headerColumns(fields, where());
          continue;
        }
      }
      const fields = split(line, delimiter);
      if (fields.length <= Math.max(si, ti) || fields[si] === "" || fields[ti] === "") {
        throw new UserError(
          `${where()}: expected a source and a target column, found ${fields.filter((f) => f !== "").length} field(s) in "${line}"`,
        );
      }
      const a = parseId(fields[si], "source");
      const b = parseId(fields[ti], "target");
      if (a === b) throw new UserError(`${where()}: self-loop on node ${a} is not allowed`);
      if (m === src.length) {
        src = grow(src);
        dst = grow(dst);
      }
      src[m] = a;
      dst[m] = b;
      m++;
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`cannot read edge list ${path}: ${(e as Error).message}`);
  } finally {
    rl.close();
    input.destroy();
    file.destroy();
  }
  if (streamError !== undefined) {
    throw new UserError(
      `cannot read edge list ${path}: ${streamError.message}`,
      gz ? "the file looks gzipped (by name or content) but does not decompress" : undefined,
    );
  }
  if (m === 0) throw new UserError(`edge list ${path} is empty: it has no edges`);
  return buildCsr(n, src, dst, m);
}

async function isGzip(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return path.endsWith(".gz") || (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b);
  } catch (e) {
    throw new UserError(`cannot read edge list ${path}: ${(e as Error).message}`);
  } finally {
    await handle?.close();
  }
}

function split(line: string, delimiter: Delimiter): string[] {
  if (delimiter === "whitespace") return line.split(/\s+/);
  return line.split(delimiter).map((f) => f.trim());
}

function headerColumns(fields: string[], where: string): [number, number] {
  const names = fields.map((f) => f.toLowerCase().replace(/^"(.*)"$/, "$1"));
  for (const [s, t] of HEADER_PAIRS) {
    const si = names.indexOf(s);
    const ti = names.indexOf(t);
    if (si >= 0 && ti >= 0) return [si, ti];
  }
  throw new UserError(
    `${where}: header "${fields.join(",")}" does not name the endpoint columns`,
    `name them ${HEADER_HELP} (any case), or drop the header`,
  );
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * `scsim explore --export FILE.html`: the explorer as one self-contained
 * file (script, styles and the worker inline, the worker started from a blob
 * URL), which runs from file:// with no server: a teacher can mail it.
 */
import { readFileSync, statSync } from "node:fs";
import { writeFileAtomic } from "../atomic-write.js";
import { explorerPage, webDir } from "./server.js";

/** Writes the explorer to `file`; returns its size in bytes. */
export function exportExplorer(file: string, dir = webDir()): number {
  const page = readFileSync(explorerPage(dir));
  writeFileAtomic(file, page);
  return statSync(file).size;
}

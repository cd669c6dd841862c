import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** What `node bin/scsim.js --version` printed when it had to build dist/ first. */
    firstRun: { status: number | null; stdout: string; stderr: string };
  }
}

/**
 * The CLI tests run the built `bin/scsim.js`, so dist/ is built once before
 * them, the way a fresh checkout gets it: with dist/'s entry point removed,
 * the first `scsim` command builds it (bin/scsim.js's fallback, the case of
 * `npm ci` without install scripts). What it printed is provided to the
 * tests (test/hostile-input.cli.test.ts checks it). The unit tests need no
 * build: they import the sources.
 */
export default function setup(project: TestProject): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  fs.rmSync(path.join(root, "dist", "src", "cli", "main.js"), { force: true });
  const r = spawnSync(process.execPath, [path.join(root, "bin", "scsim.js"), "--version"], {
    cwd: root,
    encoding: "utf8",
  });
  process.stderr.write(r.stderr);
  if (r.status !== 0)
    throw new Error(`building dist/ through bin/scsim.js failed (exit ${r.status})`);
  project.provide("firstRun", { status: r.status, stdout: r.stdout, stderr: r.stderr });
}

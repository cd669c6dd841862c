#!/usr/bin/env node
// Runs the test suite with vitest and ends with the plain line
// "N passed, N failed[, N skipped]" that CI reads (it does not read vitest's
// own summary). Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

mkdirSync(".tmp", { recursive: true });
const out = ".tmp/vitest-results.json";
rmSync(out, { force: true });
const res = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(out, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (r.success === false && failed === 0) failed = 1; // a suite failed to load
} catch {
  failed = Math.max(1, failed); // vitest crashed before writing results
}
const code = res.status === 0 && failed === 0 ? 0 : 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(code);

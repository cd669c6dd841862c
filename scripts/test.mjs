#!/usr/bin/env node
// Runs the test suite with vitest — the unit and CLI projects (vitest.config.ts),
// then the explorer's tests in headless Chromium (web/vitest.browser.config.ts) —
// and ends with the plain line "N passed, N failed[, N skipped]" over both, which
// CI reads (it does not read vitest's own summaries). Extra arguments go to both
// vitest runs (e.g. a file filter; a run that then finds no file of its own passes).
// First it makes sure of the two system programs some tests drive — Debian's
// Chromium (browser tests) and redis-server (queue tests) — installing them with
// apt-get when they are missing (as root), so that `npm ci && npm test` works on
// a fresh machine; when they cannot be installed the tests that need them fail
// and the scripts say why.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

mkdirSync(".tmp", { recursive: true });
for (const script of ["scripts/ensure-chromium.sh", "scripts/ensure-redis.sh"]) {
  spawnSync("bash", [script], { stdio: "inherit" });
}
const extra = process.argv.slice(2);
const runs = [
  { out: ".tmp/vitest-results.json", args: [] },
  { out: ".tmp/vitest-browser-results.json", args: ["-c", "web/vitest.browser.config.ts"] },
];
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const run of runs) {
  rmSync(run.out, { force: true });
  const res = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      ...run.args,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${run.out}`,
      ...(extra.length ? ["--passWithNoTests", ...extra] : []),
    ],
    { stdio: "inherit" },
  );
  if (res.status !== 0) ok = false;
  try {
    const r = JSON.parse(readFileSync(run.out, "utf8"));
    passed += r.numPassedTests;
    const f = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    // A suite or a global setup that failed with no failed test still counts once.
    failed += f > 0 ? f : r.success === false || res.status !== 0 ? 1 : 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } catch {
    failed += 1; // vitest crashed before writing results
  }
}
const code = ok && failed === 0 ? 0 : 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(code);

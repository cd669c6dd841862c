#!/usr/bin/env node
// The CLI runs from dist/ (compiled TypeScript). `npm ci` builds it (the
// `prepare` script); should it be missing anyway (a checkout where install
// scripts were skipped), build it once here rather than fail with
// ERR_MODULE_NOT_FOUND.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "dist", "src", "cli", "main.js");
if (!existsSync(main)) {
  let tsc;
  try {
    tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    process.stderr.write(
      `scsim: ${main} is missing and TypeScript is not installed to build it.\nhint: run \`npm ci\` (or \`npm install\`) in ${root}, then \`npm run build\`.\n`,
    );
    process.exit(2);
  }
  process.stderr.write("scsim: first run: building dist/ (npm run build)...\n");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0 || !existsSync(main)) {
    process.stderr.write("scsim: the build failed; run `npm run build` to see why.\n");
    process.exit(2);
  }
}
await import(main);

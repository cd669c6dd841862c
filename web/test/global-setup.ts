/**
 * Before the browser tests: the explorer is built once (vite, into
 * dist/web/), and so is the CLI (tsc, into dist/), whose `scsim run` and
 * `scsim validate` the tests compare the page with. Chromium must be there
 * (scripts/ensure-chromium.sh installs it).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { CHROMIUM } from "./chromium.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install chromium)`,
    );
  }
  await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: "warn" });
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
}

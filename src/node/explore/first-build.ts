/**
 * The explorer page is built by `npm ci` (the `prepare` script runs `npm run build` and `npm run
 * web:build`). Should it be missing anyway (install scripts skipped, or a
 * checkout built with `npm run build` only), `scsim explore` builds it once
 * with the vite of the dev dependencies, the way bin/scsim.js builds dist/,
 * instead of failing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import { webDir } from "./server.js";

/** Builds dist/web/ when its page is missing and vite is installed; false when it cannot. */
export function ensureExplorerBuilt(dir = webDir()): boolean {
  if (existsSync(join(dir, "index.html"))) return true;
  const root = packageRoot();
  let vite: string;
  try {
    vite = join(
      createRequire(join(root, "package.json")).resolve("vite/package.json"),
      "..",
      "bin",
      "vite.js",
    );
  } catch {
    return false;
  }
  if (!existsSync(join(root, "web", "vite.config.ts"))) return false;
  process.stderr.write("scsim: first run: building the explorer (npm run web:build)...\n");
  const r = spawnSync(
    process.execPath,
    [vite, "build", "-c", join(root, "web", "vite.config.ts")],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return r.status === 0 && existsSync(join(dir, "index.html"));
}

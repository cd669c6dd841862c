import { execFileSync } from "node:child_process";

/** The CLI tests run the built `bin/scsim.js`, so build once before all tests. */
export default function setup(): void {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}

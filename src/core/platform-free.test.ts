import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("src/core is free of Node and the DOM", () => {
  it("compiles with no platform types at all (tsconfig.core.json: no @types/node, lib ES2022)", () => {
    let out = "";
    try {
      execFileSync(
        process.execPath,
        [`${ROOT}node_modules/typescript/bin/tsc`, "-p", "tsconfig.core.json"],
        {
          cwd: ROOT,
          encoding: "utf8",
        },
      );
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(out).toBe("");
  }, 60_000);
});

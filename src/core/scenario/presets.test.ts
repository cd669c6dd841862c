import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { presetNames, presetScenario } from "./presets.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("presets compiled into core", () => {
  it("are scenarios/*.yaml as they are (run `npm run gen` after editing a preset)", () => {
    const out = join(tmpdir(), `presets-${process.pid}.ts`);
    execFileSync(process.execPath, [join(ROOT, "scripts/gen-presets.mjs"), out]);
    expect(readFileSync(join(ROOT, "src/core/scenario/presets.generated.ts"), "utf8")).toBe(
      readFileSync(out, "utf8"),
    );
  });

  it("are every file of scenarios/, and each validates", () => {
    const files = readdirSync(join(ROOT, "scenarios"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""))
      .sort();
    expect(presetNames()).toEqual(files);
    for (const name of presetNames()) expect(presetScenario(name).name).toBe(name);
  });

  it("an unknown preset is a user error naming the presets", () => {
    expect(() => presetScenario("intergrated")).toThrow(/unknown preset "intergrated"; presets: /);
  });
});

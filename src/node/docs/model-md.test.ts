import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scsScenarioSchema } from "../../core/scenario/schema.js";
import { MODEL_MD, renderModelMd } from "./model-md.js";

describe("docs/MODEL.md's generated tables", () => {
  it("are what the declarations give (run `npm run docs` after changing a declaration)", () => {
    const text = readFileSync(MODEL_MD, "utf8");
    expect(renderModelMd(text)).toBe(text);
  });

  it("list every parameter with its default and source", () => {
    const text = readFileSync(MODEL_MD, "utf8");
    // Read from the declarations, so the expectation follows the model.
    const m = scsScenarioSchema.parse({}).mechanisms;
    expect(text).toContain(`| \`financial.deterrence\` | ${m.financial.deterrence} | number ≥ 0 |`);
    expect(text).toContain("| `financial.loanRequestRate` | 2/365 |");
    expect(text).toContain(`| \`sanctions.retry\` | ${m.sanctions.retry} |`);
    // Every row but a switch has a source, or says it is a modelling choice or a design choice.
    const rows = text
      .split("\n")
      .filter((l) => /^\| `[a-z]+\.[A-Za-z.]+` \|/.test(l) && !l.includes("| true, false |"));
    expect(rows.length).toBeGreaterThan(80);
    for (const r of rows) {
      const cells = r.split(" | ");
      expect(cells.at(-1)?.replace(/\|$/, "").trim().length, r).toBeGreaterThan(3);
    }
  });
});

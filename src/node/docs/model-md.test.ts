import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MODEL_MD, renderModelMd } from "./model-md.js";

describe("docs/MODEL.md's generated tables", () => {
  it("are what the declarations give (run `npm run docs` after changing a declaration)", () => {
    const text = readFileSync(MODEL_MD, "utf8");
    expect(renderModelMd(text)).toBe(text);
  });

  it("list every parameter with its default and source", () => {
    const text = readFileSync(MODEL_MD, "utf8");
    expect(text).toContain("| `financial.deterrence` | 0.3 | number [0, 1] |");
    expect(text).toContain("| `financial.loanRequestRate` | 2/365 |");
  });
});

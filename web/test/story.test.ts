import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MECHANISMS } from "../../src/core/mechanisms/registry.generated.js";
import { presetScenario } from "../../src/core/scenario/presets.js";
import { CONTROLS, STORY_ORDER } from "../src/story.js";
import { getPath } from "../src/ui/dom.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The source article, beside the repository (shared/, as CI lays it out). */
const ARTICLE = join(ROOT, "..", "shared", "source-article.de.txt");

describe("the mechanism controls", () => {
  it("cover M1–M18 and B1, once each", () => {
    const ids = MECHANISMS.map((m) => m.id).filter((id) => id !== "B2");
    expect([...STORY_ORDER].sort()).toEqual([...ids].sort());
    expect(new Set(STORY_ORDER).size).toBe(STORY_ORDER.length);
  });

  it("follow the article: each mechanism where its sentence first appears, the one not in it last", () => {
    expect(existsSync(ARTICLE), `${ARTICLE} (the shared folder beside the repository)`).toBe(true);
    const text = readFileSync(ARTICLE, "utf8").replace(/\s+/g, " ");
    const first = (id: string): number => {
      const m = MECHANISMS.find((x) => x.id === id) as { article?: { de: string } };
      if (!m.article) return Number.POSITIVE_INFINITY;
      const at = m.article.de
        .split("…")
        .map((f) => f.trim())
        .filter((f) => f.length > 8)
        .map((f) => text.indexOf(f.slice(0, 25)));
      expect(
        at.every((i) => i >= 0),
        `${id}'s sentence is in the article`,
      ).toBe(true);
      return Math.min(...at);
    };
    const derived = [...STORY_ORDER].sort((a, b) => first(a) - first(b));
    expect([...STORY_ORDER]).toEqual(derived);
  });

  it("write fields that exist in the scenario, with values of their type", () => {
    const s = presetScenario("integrated");
    for (const [id, c] of Object.entries(CONTROLS)) {
      for (const p of c.paths) {
        const v = getPath(s, ["mechanisms", ...p]);
        expect(v, `${id}: mechanisms.${p.join(".")}`).not.toBeUndefined();
        if (c.kind === "toggle") expect(typeof v).toBe("boolean");
        if (c.kind === "range") expect(typeof v === "number" || Array.isArray(v)).toBe(true);
      }
    }
  });
});

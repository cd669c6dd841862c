import { describe, expect, it } from "vitest";
import { z } from "zod";
import { UserError } from "../errors.js";
import { closest, editDistance } from "./closest.js";
import { parseYamlWith, readYaml } from "./parse.js";

const schema = z.strictObject({
  name: z.string(),
  size: z.number().int().min(1).default(3),
  shape: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("box"), width: z.number() }),
      z.strictObject({ kind: z.literal("ball"), radius: z.number() }),
    ])
    .optional(),
  items: z.array(z.strictObject({ weight: z.number() })).default([]),
});

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("parseYamlWith", () => {
  it("returns the validated value with defaults", () => {
    expect(parseYamlWith(schema, "name: a\n", "f.yaml")).toEqual({ name: "a", size: 3, items: [] });
  });

  it("names file, line, column, field, the allowed fields and a did-you-mean", () => {
    const msg = message(() => parseYamlWith(schema, "name: a\nsise: 4\n", "f.yaml"));
    expect(msg).toBe(
      'f.yaml:2:1: sise: unknown field (did you mean "size"?); allowed: name, size, shape, items',
    );
  });

  it("takes the allowed fields from the union option the input chose", () => {
    const msg = message(() =>
      parseYamlWith(schema, "name: a\nshape:\n  kind: ball\n  radios: 2\n", "f.yaml"),
    );
    expect(msg).toContain("f.yaml:4:3: shape.radios: unknown field");
    expect(msg).toContain("allowed: kind, radius");
  });

  it("points inside a list entry and names bounds and types", () => {
    const msg = message(() =>
      parseYamlWith(schema, "name: a\nsize: 0\nitems:\n  - weight: heavy\n", "f.yaml"),
    );
    expect(msg).toContain("f.yaml:2:7: size: value must be ≥ 1");
    expect(msg).toContain('f.yaml:4:13: items.0.weight: expected number, got the text "heavy"');
  });

  it("reports malformed YAML with its position", () => {
    expect(message(() => parseYamlWith(schema, "name: [a\n", "f.yaml"))).toMatch(
      /^f\.yaml:\d+:\d+: malformed YAML\/JSON: /,
    );
  });

  it("refuses a top level that is not a mapping, and names the kind of file", () => {
    expect(message(() => parseYamlWith(schema, "- 1\n", "f.yaml", "an experiment"))).toBe(
      "f.yaml:1:1: an experiment is a mapping of fields (name: value), not a list",
    );
  });

  it("an empty file is the empty mapping", () => {
    expect(message(() => parseYamlWith(schema, "", "f.yaml"))).toContain(
      "name: expected string, but it is missing",
    );
  });

  it("refuses an alias bomb quickly instead of expanding it", () => {
    // Nine levels of ten aliases each would expand to 10^9 leaves.
    let text = 'a0: &a0 ["lol"]\n';
    for (let i = 1; i <= 9; i++) {
      text += `a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(", ")}]\n`;
    }
    const t0 = performance.now();
    const msg = message(() => readYaml(text, "bomb.yaml"));
    expect(msg).toMatch(/^bomb\.yaml:2:\d+: the aliases expand to too much data/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("allows a few aliases, and none at all when the limit is 0", () => {
    const text = "base: &b {x: 1}\ncopy: *b\n";
    expect(readYaml(text, "f.yaml").raw).toEqual({ base: { x: 1 }, copy: { x: 1 } });
    expect(message(() => readYaml(text, "f.yaml", { maxAliasCount: 0 }))).toContain(
      "f.yaml:2:7: aliases are not allowed here",
    );
  });

  it("refuses a text over the length limit", () => {
    expect(message(() => readYaml("x: 1\n".repeat(10), "f.yaml", { maxLength: 20 }))).toContain(
      "50 characters is more than the 20",
    );
  });
});

describe("closest", () => {
  it("edit distance counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
  });
  it("suggests only names near enough to be a typo", () => {
    expect(closest("meanDegre", ["meanDegree", "kind"])).toBe("meanDegree");
    expect(closest("zzzzzz", ["meanDegree", "kind"])).toBeUndefined();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fnv1a64, utf8 } from "./hash.js";
import { fnv1a64 } from "./rng/seed.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("Fnv1a64", () => {
  // Reference values of FNV-1a 64 from the FNV test suite (draft-eastlake-fnv).
  it.each([
    ["", "cbf29ce484222325"],
    ["a", "af63dc4c8601ec8c"],
    ["foobar", "85944171f73967e8"],
  ])("hashes %j to %s", (s, want) => {
    expect(new Fnv1a64().update(bytes(s)).hex()).toBe(want);
  });

  it("agrees with the BigInt implementation used for string seeds", () => {
    const s = "the quick brown fox jumps over the lazy dog 0123456789";
    expect(new Fnv1a64().update(bytes(s)).hex()).toBe(fnv1a64(s).toString(16).padStart(16, "0"));
  });
});

describe("utf8", () => {
  it("gives TextEncoder's bytes for any string, lone surrogates included (property)", () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(Array.from(utf8(s))).toEqual(Array.from(enc.encode(s)));
      }),
    );
    for (const s of ["\ud800", "a\udc00b", "\ud83d\ude00", "é€𝄞"]) {
      expect(Array.from(utf8(s))).toEqual(Array.from(enc.encode(s)));
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a64, seed64, seedValue } from "./seed.js";
import { Stream } from "./stream.js";

const ALL_ONES = 0xffffffff;

/** FNV-1a 64 over explicit UTF-8 bytes (Buffer, not TextEncoder): an independent reference. */
function fnvReference(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(s, "utf8")) {
    h ^= BigInt(byte);
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h;
}

function key64(s: { lo: number; hi: number }): bigint {
  return (BigInt(s.hi) << 32n) | BigInt(s.lo);
}

function firstDraws(seed: number | string, count = 8): number[] {
  const s = new Stream(seed64(seed), 3);
  return Array.from({ length: count }, (_, i) => s.u01(0, i, 0));
}

describe("seed64: integer seeds are the 64-bit key as given", () => {
  it("keeps 2^64 - 1 as a decimal string whole: lo and hi all ones", () => {
    const s = seed64("18446744073709551615");
    expect(s.lo).toBe(ALL_ONES);
    expect(s.hi).toBe(ALL_ONES);
    expect(seedValue(s)).toBe("18446744073709551615");
    expect(s.text).toBe("18446744073709551615");
  });

  it("keeps 2^53 - 1 given as a number whole", () => {
    const s = seed64(Number.MAX_SAFE_INTEGER);
    expect(s.lo).toBe(ALL_ONES);
    expect(s.hi).toBe(0x1fffff);
    expect(seedValue(s)).toBe(String(Number.MAX_SAFE_INTEGER));
  });

  it("reads 0x-hex strings as the key, both halves", () => {
    const s = seed64("0xdeadbeefcafebabe");
    expect(s.hi).toBe(0xdeadbeef);
    expect(s.lo).toBe(0xcafebabe);
    const max = seed64("0xFFFFFFFFFFFFFFFF");
    expect([max.lo, max.hi]).toEqual([ALL_ONES, ALL_ONES]);
  });

  it("gives the same key for 42, '42', '0x2a' and 42n", () => {
    const want = { lo: 42, hi: 0 };
    for (const v of [42, "42", "0x2a", 42n] as const) {
      const s = seed64(v);
      expect({ lo: s.lo, hi: s.hi }).toEqual(want);
    }
  });

  it("keeps bigint seeds up to 2^64 - 1 and refuses the rest", () => {
    const s = seed64(2n ** 64n - 1n);
    expect([s.lo, s.hi]).toEqual([ALL_ONES, ALL_ONES]);
    expect(() => seed64(2n ** 64n)).toThrow(RangeError);
    expect(() => seed64(-1n)).toThrow(RangeError);
  });

  it("round-trips every 64-bit value through its decimal text (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (v) => {
        const s = seed64(v.toString());
        expect(key64(s)).toBe(v);
        expect(seedValue(s)).toBe(v.toString());
        expect(key64(seed64(`0x${v.toString(16)}`))).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe("seed64: text seeds are hashed by FNV-1a 64", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(fnv1a64("")).toBe(0xcbf29ce484222325n);
    expect(fnv1a64("a")).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64("foobar")).toBe(0x85944171f73967e8n);
  });

  it("uses the hash as the key of a text seed", () => {
    const s = seed64("foobar");
    expect(key64(s)).toBe(0x85944171f73967e8n);
    expect(s.text).toBe("foobar");
  });

  it("hashes the UTF-8 bytes of any string (property, independent reference)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (text) => {
        expect(fnv1a64(text)).toBe(fnvReference(text));
      }),
      { numRuns: 300 },
    );
  });

  it("gives different keys to different strings (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(key64(seed64(`x${a}`))).not.toBe(key64(seed64(`x${b}`)));
      }),
      { numRuns: 500 },
    );
  });

  it("does not wrap a decimal text above 2^64 - 1: it is hashed, not taken modulo 2^64", () => {
    const s = seed64("18446744073709551616");
    expect(key64(s)).toBe(fnv1a64("18446744073709551616"));
    expect(key64(s)).not.toBe(0n);
  });
});

describe("seed64: never folded to 32 bits", () => {
  it("keeps 1 and 2^32 + 1 apart: same low word, different streams", () => {
    const a = seed64(1);
    const b = seed64(2 ** 32 + 1);
    expect(a.lo).toBe(b.lo);
    expect(a.hi).not.toBe(b.hi);
    const da = firstDraws(1);
    const db = firstDraws(2 ** 32 + 1);
    for (let i = 0; i < da.length; i++) expect(da[i]).not.toBe(db[i]);
  });

  it("gives different streams to seeds differing only in the high 32 bits (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ALL_ONES }),
        fc.integer({ min: 0, max: 0x1fffff }),
        fc.integer({ min: 0, max: 0x1fffff }),
        (lo, hi1, hi2) => {
          fc.pre(hi1 !== hi2);
          const s1 = hi1 * 2 ** 32 + lo;
          const s2 = hi2 * 2 ** 32 + lo;
          expect(seed64(s1).lo).toBe(lo);
          expect(seed64(s1).hi).toBe(hi1);
          const d1 = firstDraws(s1, 4);
          const d2 = firstDraws(s2, 4);
          // Four 32-bit draws all equal by chance: probability 2^-128.
          expect(d1).not.toEqual(d2);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("seed64: invalid numbers are refused", () => {
  it.each([
    ["negative", -1],
    ["non-integer", 1.5],
    ["2^53 (not a safe integer)", 2 ** 53],
    ["above 2^53", 2 ** 53 + 2],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("refuses %s", (_, v) => {
    expect(() => seed64(v)).toThrow(RangeError);
    expect(() => seed64(v)).toThrow(/non-negative integer below 2\^53/);
  });

  it("accepts 0", () => {
    const s = seed64(0);
    expect([s.lo, s.hi]).toEqual([0, 0]);
  });
});

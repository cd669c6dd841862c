import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { philox4x32, philox4x32Fill } from "./philox4x32.js";
import { hasWasmPhilox, philox4x32FillFast } from "./philox4x32-wasm.js";

// Known-answer vectors from Random123's kat_vectors (counter[4], key[2] -> out[4]).
const KAT: [number[], number[], number[]][] = [
  [
    [0, 0, 0, 0],
    [0, 0],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

const u32 = fc.nat({ max: 0xffffffff });

function both(
  k0: number,
  k1: number,
  start: number,
  count: number,
  c1: number,
  c2: number,
  c3: number,
): [Uint32Array, Uint32Array] {
  const want = new Uint32Array(count * 4);
  const got = new Uint32Array(count * 4);
  philox4x32Fill(k0, k1, start, count, c1, c2, c3, want);
  philox4x32FillFast(k0, k1, start, count, c1, c2, c3, got);
  return [want, got];
}

// Word-by-word comparison of long arrays is slow in expect(); find the first
// mismatch instead so a failure still names it.
function firstMismatch(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe("philox4x32FillFast", () => {
  it("runs on WebAssembly under Node", () => {
    expect(hasWasmPhilox).toBe(true);
  });

  it.each(KAT)("matches the Random123 known answer for counter %j", (ctr, key, want) => {
    const out = new Uint32Array(4);
    philox4x32FillFast(key[0], key[1], ctr[0], 1, ctr[1], ctr[2], ctr[3], out);
    expect(Array.from(out)).toEqual(want);
  });

  it("writes nothing for a count of zero or less", () => {
    const out = new Uint32Array(8).fill(7);
    philox4x32FillFast(1, 2, 3, 0, 4, 5, 6, out);
    philox4x32FillFast(1, 2, 3, -5, 4, 5, 6, out);
    expect(Array.from(out)).toEqual(new Array(8).fill(7));
  });

  it("leaves words past 4 * count untouched and rejects a short output", () => {
    const out = new Uint32Array(12).fill(7);
    philox4x32FillFast(1, 2, 3, 2, 4, 5, 6, out);
    expect(Array.from(out.subarray(8))).toEqual([7, 7, 7, 7]);
    expect(() => philox4x32FillFast(1, 2, 3, 4, 4, 5, 6, out)).toThrow(RangeError);
  });

  it("wraps the first counter word modulo 2^32, as the JS reference does", () => {
    const [want, got] = both(11, 22, 0xfffffffe, 4, 33, 44, 55);
    expect(firstMismatch(want, got)).toBe(-1);
    // Blocks 2 and 3 are those of counters 0 and 1.
    const block = new Uint32Array(4);
    philox4x32(0, 33, 44, 55, 11, 22, block);
    expect(Array.from(want.subarray(8, 12))).toEqual(Array.from(block));
    philox4x32(1, 33, 44, 55, 11, 22, block);
    expect(Array.from(want.subarray(12, 16))).toEqual(Array.from(block));
    // A start given as a negative int32 or above 2^32 names the same counter.
    const [, fromNeg] = both(11, 22, -2, 4, 33, 44, 55);
    const [, fromBig] = both(11, 22, 2 ** 32 + 0xfffffffe, 4, 33, 44, 55);
    expect(firstMismatch(want, fromNeg)).toBe(-1);
    expect(firstMismatch(want, fromBig)).toBe(-1);
  });

  it("matches philox4x32Fill for random keys, counters and small counts", () => {
    fc.assert(
      fc.property(
        u32,
        u32,
        u32,
        fc.integer({ min: 1, max: 300 }),
        u32,
        u32,
        u32,
        (k0, k1, start, count, c1, c2, c3) => {
          const [want, got] = both(k0, k1, start, count, c1, c2, c3);
          expect(firstMismatch(want, got)).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches philox4x32Fill across several chunks and the 2^32 wrap", () => {
    fc.assert(
      fc.property(
        u32,
        u32,
        // Starts near 2^32 - 1 wrap inside the run; others do not.
        fc.oneof(fc.integer({ min: 0xffffffff - 200000, max: 0xffffffff }), u32),
        fc.integer({ min: 65536, max: 200000 }),
        u32,
        u32,
        u32,
        (k0, k1, start, count, c1, c2, c3) => {
          const [want, got] = both(k0, k1, start, count, c1, c2, c3);
          expect(firstMismatch(want, got)).toBe(-1);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("gives the same blocks after memory has grown for a larger count", () => {
    // The module's memory grows on the first large call; smaller calls after
    // it must still read fresh views of the (re-allocated) buffer.
    const [wantBig, gotBig] = both(5, 6, 100, 150000, 7, 8, 9);
    expect(firstMismatch(wantBig, gotBig)).toBe(-1);
    const [wantSmall, gotSmall] = both(5, 6, 100, 3, 7, 8, 9);
    expect(firstMismatch(wantSmall, gotSmall)).toBe(-1);
    expect(firstMismatch(wantSmall, gotBig.subarray(0, 12))).toBe(-1);
  });

  it("falls back to the JS reference where WebAssembly is missing", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    vi.resetModules();
    try {
      const fresh = await import("./philox4x32-wasm.js");
      expect(fresh.hasWasmPhilox).toBe(false);
      const want = new Uint32Array(400);
      const got = new Uint32Array(400);
      philox4x32Fill(9, 8, 0xffffffc0, 100, 7, 6, 5, want);
      fresh.philox4x32FillFast(9, 8, 0xffffffc0, 100, 7, 6, 5, got);
      expect(firstMismatch(want, got)).toBe(-1);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

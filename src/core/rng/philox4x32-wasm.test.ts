import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { philox4x32, philox4x32Fill, philox4x32Gather } from "./philox4x32.js";
import { hasWasmPhilox, philox4x32FillFast, philox4x32GatherFast } from "./philox4x32-wasm.js";

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

function bothGather(
  k0: number,
  k1: number,
  ids: Int32Array,
  c1: number,
  c2: number,
  c3: number,
): [Uint32Array, Uint32Array] {
  const want = new Uint32Array(ids.length * 4);
  const got = new Uint32Array(ids.length * 4);
  philox4x32Gather(k0, k1, ids, ids.length, c1, c2, c3, want);
  philox4x32GatherFast(k0, k1, ids, ids.length, c1, c2, c3, got);
  return [want, got];
}

// n pseudo-random agent indices in [0, 2^31) from a seed (a murmur3-style
// finaliser of seed and position): long id lists without fast-check having to
// generate, or shrink, hundreds of thousands of values.
function randomIds(seed: number, n: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = Math.imul(seed ^ Math.imul(i, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    ids[i] = (h ^ (h >>> 16)) & 0x7fffffff;
  }
  return ids;
}

describe("philox4x32GatherFast", () => {
  it.each(KAT)("matches the Random123 known answer for counter %j", (ctr, key, want) => {
    // The all-ones vector's first counter word is id -1 as an int32.
    const ids = Int32Array.of(ctr[0] | 0);
    const got = new Uint32Array(4);
    const ref = new Uint32Array(4);
    philox4x32GatherFast(key[0], key[1], ids, 1, ctr[1], ctr[2], ctr[3], got);
    philox4x32Gather(key[0], key[1], ids, 1, ctr[1], ctr[2], ctr[3], ref);
    expect(Array.from(got)).toEqual(want);
    expect(Array.from(ref)).toEqual(want);
  });

  it("writes nothing for a count of zero or less", () => {
    const out = new Uint32Array(8).fill(7);
    philox4x32GatherFast(1, 2, Int32Array.of(3, 4), 0, 4, 5, 6, out);
    philox4x32GatherFast(1, 2, Int32Array.of(3, 4), -5, 4, 5, 6, out);
    philox4x32GatherFast(1, 2, new Int32Array(0), 0, 4, 5, 6, out);
    expect(Array.from(out)).toEqual(new Array(8).fill(7));
  });

  it("reads only the first count ids, leaves words past 4 * count untouched", () => {
    const ids = Int32Array.of(10, 3, 99);
    const out = new Uint32Array(12).fill(7);
    philox4x32GatherFast(1, 2, ids, 2, 4, 5, 6, out);
    expect(Array.from(out.subarray(8))).toEqual([7, 7, 7, 7]);
    const want = new Uint32Array(8);
    philox4x32Gather(1, 2, ids, 2, 4, 5, 6, want);
    expect(Array.from(out.subarray(0, 8))).toEqual(Array.from(want));
    expect(Array.from(ids)).toEqual([10, 3, 99]);
  });

  it("rejects too few ids or a short output", () => {
    const ids = Int32Array.of(1, 2, 3);
    expect(() => philox4x32GatherFast(1, 2, ids, 4, 4, 5, 6, new Uint32Array(16))).toThrow(
      RangeError,
    );
    expect(() => philox4x32GatherFast(1, 2, ids, 3, 4, 5, 6, new Uint32Array(11))).toThrow(
      RangeError,
    );
  });

  it("gives, for each id, the block philox4x32 computes for that counter", () => {
    const ids = Int32Array.of(5, 0, 5, 2147483647, 17);
    const out = new Uint32Array(ids.length * 4);
    philox4x32GatherFast(0xdeadbeef, 0x12345678, ids, ids.length, 1, 2, 3, out);
    const block = new Uint32Array(4);
    ids.forEach((id, j) => {
      philox4x32(id, 1, 2, 3, 0xdeadbeef, 0x12345678, block);
      expect(Array.from(out.subarray(4 * j, 4 * j + 4))).toEqual(Array.from(block));
    });
  });

  it("matches philox4x32Gather for random keys, counters and id lists", () => {
    fc.assert(
      fc.property(
        u32,
        u32,
        fc.int32Array({ min: 0, max: 0x7fffffff, minLength: 1, maxLength: 300 }),
        u32,
        u32,
        u32,
        (k0, k1, ids, c1, c2, c3) => {
          const [want, got] = bothGather(k0, k1, ids, c1, c2, c3);
          expect(firstMismatch(want, got)).toBe(-1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches philox4x32FillFast for a run of consecutive ids", () => {
    fc.assert(
      fc.property(
        u32,
        u32,
        fc.integer({ min: 0, max: 0x7fffffff - 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        u32,
        u32,
        u32,
        (k0, k1, first, count, c1, c2, c3) => {
          const ids = new Int32Array(count);
          for (let j = 0; j < count; j++) ids[j] = first + j;
          const fill = new Uint32Array(count * 4);
          const gather = new Uint32Array(count * 4);
          philox4x32FillFast(k0, k1, first, count, c1, c2, c3, fill);
          philox4x32GatherFast(k0, k1, ids, count, c1, c2, c3, gather);
          expect(firstMismatch(fill, gather)).toBe(-1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("matches philox4x32Gather for id lists longer than one chunk", () => {
    fc.assert(
      fc.property(
        u32,
        u32,
        u32,
        fc.integer({ min: 65537, max: 200000 }),
        u32,
        u32,
        u32,
        (k0, k1, seed, count, c1, c2, c3) => {
          const [want, got] = bothGather(k0, k1, randomIds(seed, count), c1, c2, c3);
          expect(firstMismatch(want, got)).toBe(-1);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("reads ids from a view at an offset into a larger buffer", () => {
    const all = randomIds(42, 70000);
    const ids = all.subarray(1234, 1234 + 66000);
    const [want, got] = bothGather(1, 2, ids, 3, 4, 5);
    expect(firstMismatch(want, got)).toBe(-1);
  });

  it("shares the module's memory with the fill, whichever grew it", () => {
    // A gather past one chunk needs more memory than any fill does; fills and
    // small gathers after it must still read fresh views of the buffer.
    const ids = randomIds(7, 140000);
    const [wantBig, gotBig] = bothGather(5, 6, ids, 7, 8, 9);
    expect(firstMismatch(wantBig, gotBig)).toBe(-1);
    const [wantFill, gotFill] = both(5, 6, 100, 3, 7, 8, 9);
    expect(firstMismatch(wantFill, gotFill)).toBe(-1);
    const [wantSmall, gotSmall] = bothGather(5, 6, ids.subarray(0, 3), 7, 8, 9);
    expect(firstMismatch(wantSmall, gotSmall)).toBe(-1);
    expect(firstMismatch(wantSmall, gotBig.subarray(0, 12))).toBe(-1);
  });

  it("falls back to the JS reference where WebAssembly is missing", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    vi.resetModules();
    try {
      const fresh = await import("./philox4x32-wasm.js");
      expect(fresh.hasWasmPhilox).toBe(false);
      const ids = randomIds(3, 100);
      const want = new Uint32Array(400);
      const got = new Uint32Array(400);
      philox4x32Gather(9, 8, ids, 100, 7, 6, 5, want);
      fresh.philox4x32GatherFast(9, 8, ids, 100, 7, 6, 5, got);
      expect(firstMismatch(want, got)).toBe(-1);
      expect(() =>
        fresh.philox4x32GatherFast(9, 8, ids, 101, 7, 6, 5, new Uint32Array(404)),
      ).toThrow(RangeError);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

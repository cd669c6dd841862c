import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heapSortInt32 } from "./heap-sort.js";

describe("heapSortInt32", () => {
  it("sorts the first n entries ascending and leaves the rest alone (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        fc.nat(),
        (xs, k) => {
          const a = Int32Array.from(xs);
          const n = xs.length === 0 ? 0 : k % (xs.length + 1);
          heapSortInt32(a, n);
          const want = [...xs.slice(0, n)].sort((x, y) => x - y).concat(xs.slice(n));
          expect([...a]).toEqual(want);
        },
      ),
    );
  });

  it("noreg: a fixed input", () => {
    const a = Int32Array.from([5, 3, 9, 3, -1, 7, 0, 12]);
    heapSortInt32(a, 8);
    expect([...a]).toEqual([-1, 0, 3, 3, 5, 7, 9, 12]);
  });
});

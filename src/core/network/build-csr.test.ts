import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCsr, checkCsr } from "./build-csr.js";
import { degree, edgeCount } from "./csr.js";

const edgeList = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 200 }),
  }),
);

function toArrays(pairs: [number, number][]): { src: Int32Array; dst: Int32Array } {
  return {
    src: Int32Array.from(pairs, (p) => p[0]),
    dst: Int32Array.from(pairs, (p) => p[1]),
  };
}

describe("buildCsr", () => {
  it("satisfies the CSR invariants and holds exactly the distinct non-loop pairs", () => {
    fc.assert(
      fc.property(edgeList, ({ n, pairs }) => {
        const { src, dst } = toArrays(pairs);
        const g = buildCsr(n, src, dst, pairs.length);
        checkCsr(g);
        const want = new Set<string>();
        for (const [a, b] of pairs) if (a !== b) want.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
        const got = new Set<string>();
        for (let i = 0; i < n; i++) {
          for (let p = g.offsets[i]; p < g.offsets[i + 1]; p++) {
            if (i < g.targets[p]) got.add(`${i}-${g.targets[p]}`);
          }
        }
        expect(got).toEqual(want);
        expect(edgeCount(g)).toBe(want.size);
      }),
      { numRuns: 300 },
    );
  });

  it("sorts long rows (native sort path) and merges duplicates there too", () => {
    const n = 500;
    const pairs: [number, number][] = [];
    for (let i = n - 1; i >= 1; i--) pairs.push([0, i], [i, 0]);
    const { src, dst } = toArrays(pairs);
    const g = buildCsr(n, src, dst, pairs.length);
    checkCsr(g);
    expect(degree(g, 0)).toBe(n - 1);
    expect(edgeCount(g)).toBe(n - 1);
  });

  it("uses only the first m entries", () => {
    const g = buildCsr(4, Int32Array.of(0, 1, 2), Int32Array.of(1, 2, 3), 2);
    expect(Array.from(g.offsets)).toEqual([0, 1, 3, 4, 4]);
    expect(Array.from(g.targets)).toEqual([1, 0, 2, 1]);
  });

  it("handles empty graphs", () => {
    const g = buildCsr(3, new Int32Array(0), new Int32Array(0), 0);
    checkCsr(g);
    expect(Array.from(g.offsets)).toEqual([0, 0, 0, 0]);
    expect(buildCsr(0, new Int32Array(0), new Int32Array(0), 0).offsets.length).toBe(1);
  });

  it("rejects ids outside 0..n-1 and m beyond the arrays", () => {
    expect(() => buildCsr(3, Int32Array.of(0), Int32Array.of(3), 1)).toThrow(/outside 0\.\.2/);
    expect(() => buildCsr(3, Int32Array.of(-1), Int32Array.of(0), 1)).toThrow(RangeError);
    expect(() => buildCsr(3, Int32Array.of(0), Int32Array.of(1), 2)).toThrow(RangeError);
  });
});

describe("checkCsr", () => {
  it("detects asymmetric, unsorted and looped rows", () => {
    const bad = (offsets: number[], targets: number[]) => () =>
      checkCsr({
        n: offsets.length - 1,
        offsets: Uint32Array.from(offsets),
        targets: Int32Array.from(targets),
      });
    expect(bad([0, 1, 1], [1])).toThrow(/not stored in row 1/);
    expect(bad([0, 2, 3, 4], [2, 1, 0, 0])).toThrow(/ascending/);
    expect(bad([0, 1], [0])).toThrow(/self-loop/);
    expect(bad([0, 1, 2], [1, 0])).not.toThrow();
  });
});

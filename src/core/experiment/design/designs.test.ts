import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../errors.js";
import { seed64 } from "../../rng/seed.js";
import { factorValue } from "../factors.js";
import type { Factor } from "../schema.js";
import { csvDesign, splitCsv } from "./csv.js";
import { gridDesign } from "./grid.js";
import { lhsDesign } from "./lhs.js";
import { morrisDesign } from "./morris.js";
import { saltelliDesign, saltelliPoint } from "./saltelli.js";

const unit = (path: string): Factor => ({ path, range: [0, 1], distribution: "uniform" });

describe("factor transforms", () => {
  it("map u to values by each distribution's quantile", () => {
    const lu: Factor = { path: "a", range: [1, 100], distribution: "log-uniform" };
    expect(factorValue(lu, 0.5)).toBeCloseTo(10, 12);
    expect(factorValue(lu, 1)).toBe(100);
    const int: Factor = { path: "a", range: [2, 4], distribution: "integer" };
    expect([0, 0.33, 0.34, 0.67, 0.999, 1].map((u) => factorValue(int, u))).toEqual([
      2, 2, 3, 4, 4, 4,
    ]);
    const n: Factor = { path: "a", range: [-1, 3], distribution: "normal", mean: 0, sd: 1 };
    expect(factorValue(n, 0)).toBe(-1);
    expect(factorValue(n, 1)).toBe(3);
    // The truncated normal's median: Φ⁻¹((Φ(−1) + Φ(3)) / 2).
    expect(factorValue(n, 0.5)).toBeCloseTo(0.19845, 4); // Φ⁻¹(0.578652), Φ(0.2) = 0.5793
    const lv: Factor = { path: "a", levels: ["x", "y", "z"], distribution: "uniform" };
    expect([0, 0.34, 0.67, 1].map((u) => factorValue(lv, u))).toEqual(["x", "y", "z", "z"]);
  });
});

describe("grid", () => {
  it("is the full factorial, last factor fastest, ranges at quantile-spaced values", () => {
    const d = gridDesign(
      [unit("a"), { path: "b", levels: [true, false], distribution: "uniform" }],
      3,
      100,
    );
    expect(d.points).toBe(6);
    expect(d.values).toEqual([0, true, 0, false, 0.5, true, 0.5, false, 1, true, 1, false]);
  });

  it("drops duplicate integer values and refuses a grid too large, before building it", () => {
    const d = gridDesign([{ path: "a", range: [1, 2], distribution: "integer" }], 5, 100);
    expect(d.values).toEqual([1, 2]);
    const ten = Array.from({ length: 10 }, (_, i) => unit(`f${i}`));
    expect(() => gridDesign(ten, 10, 1_000_000)).toThrow(UserError);
  });
});

describe("Latin hypercube", () => {
  it("puts exactly one point in each stratum of each factor (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1e6 }),
        (n, k, seed) => {
          const d = lhsDesign(
            Array.from({ length: k }, (_, i) => unit(`f${i}`)),
            n,
            seed64(seed),
          );
          for (let i = 0; i < k; i++) {
            const strata = new Set<number>();
            for (let j = 0; j < n; j++) {
              const u = d.u![j * k + i];
              if (!(u >= 0 && u < 1)) return false;
              strata.add(Math.floor(u * n));
            }
            if (strata.size !== n) return false;
          }
          return true;
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });

  it("is seeded: same seed same design, another seed another", () => {
    const f = [unit("a"), unit("b")];
    expect(lhsDesign(f, 20, seed64(1)).u).toEqual(lhsDesign(f, 20, seed64(1)).u);
    expect(lhsDesign(f, 20, seed64(1)).u).not.toEqual(lhsDesign(f, 20, seed64(2)).u);
  });

  it("pairs strata at random: factors are uncorrelated on average", () => {
    const d = lhsDesign([unit("a"), unit("b")], 2000, seed64(3));
    let sxy = 0;
    for (let j = 0; j < 2000; j++) sxy += (d.u![2 * j] - 0.5) * (d.u![2 * j + 1] - 0.5);
    const r = sxy / 2000 / (1 / 12);
    expect(Math.abs(r)).toBeLessThan(0.1); // ±4.5 SD of 1/√2000
  });
});

describe("Saltelli design", () => {
  it("A_B^(i) is A with column i from B, B_A^(i) is B with column i from A", () => {
    const k = 3;
    const d = saltelliDesign([unit("a"), unit("b"), unit("c")], 16, true, seed64(5));
    const L = d.saltelli!;
    expect(L.rowSize).toBe(2 * k + 2);
    expect(d.points).toBe(16 * 8);
    const row = (p: number) => Array.from(d.u!.subarray(p * k, (p + 1) * k));
    for (let j = 0; j < 16; j++) {
      const A = row(saltelliPoint(L, j, "A"));
      const B = row(saltelliPoint(L, j, "B"));
      for (let i = 0; i < k; i++) {
        const ab = row(saltelliPoint(L, j, "AB", i));
        const ba = row(saltelliPoint(L, j, "BA", i));
        for (let c = 0; c < k; c++) {
          expect(ab[c]).toBe(c === i ? B[c] : A[c]);
          expect(ba[c]).toBe(c === i ? A[c] : B[c]);
        }
      }
    }
  });

  it("A and B are the two halves of a 2k-dimensional Sobol' net: each column stratified", () => {
    const d = saltelliDesign([unit("a"), unit("b")], 64, false, seed64(1));
    const L = d.saltelli!;
    for (const m of ["A", "B"] as const) {
      for (let c = 0; c < 2; c++) {
        const strata = new Set<number>();
        for (let j = 0; j < 64; j++)
          strata.add(Math.floor(d.u![saltelliPoint(L, j, m) * 2 + c] * 64));
        expect(strata.size).toBe(64);
      }
    }
  });

  it("without scrambling starts at the sequence's first point", () => {
    const d = saltelliDesign([unit("a")], 4, false, null);
    expect(Array.from(d.u!)).toEqual([0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75]);
    expect(() => saltelliPoint(d.saltelli!, 0, "BA")).toThrow(RangeError);
  });
});

describe("Morris trajectories", () => {
  it("move one factor by ±Δ per step, each factor once, on the p-level grid inside [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(2, 4, 6, 8),
        fc.integer({ min: 0, max: 1e6 }),
        (k, p, seed) => {
          const r = 5;
          const d = morrisDesign(
            Array.from({ length: k }, (_, i) => unit(`f${i}`)),
            r,
            p,
            seed64(seed),
          );
          const L = d.morris!;
          const delta = p / (2 * (p - 1));
          if (Math.abs(L.delta - delta) > 1e-15) return false;
          for (let t = 0; t < r; t++) {
            const moved = new Set<number>();
            for (let s = 0; s <= k; s++) {
              for (let i = 0; i < k; i++) {
                const u = d.u![(t * (k + 1) + s) * k + i];
                if (u < 0 || u > 1) return false;
                if (Math.abs(u * (p - 1) - Math.round(u * (p - 1))) > 1e-12) return false;
              }
              if (s === 0) continue;
              const i = L.factor[t * k + s - 1];
              moved.add(i);
              for (let c = 0; c < k; c++) {
                const diff = d.u![(t * (k + 1) + s) * k + c] - d.u![(t * (k + 1) + s - 1) * k + c];
                const want = c === i ? L.sign[t * k + s - 1] * delta : 0;
                if (Math.abs(diff - want) > 1e-12) return false;
              }
            }
            if (moved.size !== k) return false;
          }
          return true;
        },
      ),
      { numRuns: 100, seed: 12 },
    );
  });

  it("visits every base level and both directions", () => {
    const d = morrisDesign([unit("a")], 400, 4, seed64(1));
    const starts = new Set<string>();
    for (let t = 0; t < 400; t++) starts.add(`${d.u![t * 2]}:${d.morris!.sign[t]}`);
    // p = 4: base levels 0 and 1/3, up or down: starts 0, 1/3 (up) and 2/3, 1 (down).
    expect(starts.size).toBe(4);
  });
});

describe("CSV design", () => {
  const factors: Factor[] = [
    {
      path: "mechanisms.financial.deterrence",
      name: "deterrence",
      range: [0, 1],
      distribution: "uniform",
    },
    { path: "network.kind", levels: ["sbm", "ws"], distribution: "uniform" },
  ];

  it("reads a header naming factors by path or name, in any order, and one row per point", () => {
    const d = csvDesign(factors, 'network.kind,deterrence\nsbm,0.5\r\n\n"ws",1e-1\n', "p.csv", 100);
    expect(d.points).toBe(2);
    expect(d.values).toEqual([0.5, "sbm", 0.1, "ws"]);
  });

  it("splits RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes", () => {
    const r = splitCsv('a,"b,c","say ""hi""","two\nlines"\nx,y,z,w\n', "f.csv");
    expect(r.map((row) => row.map((f) => f.text))).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["x", "y", "z", "w"],
    ]);
    expect(r[1][0].line).toBe(3);
  });

  const err = (text: string) => {
    try {
      csvDesign(factors, text, "p.csv", 100);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error("expected a UserError");
  };

  it("names the line and column of every problem", () => {
    expect(err("deterence,network.kind\n0.5,sbm\n")).toBe(
      'p.csv:1:1: column "deterence" is not a factor (did you mean "deterrence"?); factors: deterrence, network.kind',
    );
    expect(err("deterrence\n0.5\n")).toBe("p.csv:1:1: the header has no column for network.kind");
    expect(err("deterrence,network.kind\n0.5,sbm\n0.7\n")).toBe(
      "p.csv:3:1: 1 values, but the header has 2 columns",
    );
    expect(err("deterrence,network.kind\n0.5,sbm\n1.5,ws\n")).toBe(
      "p.csv:3:1: deterrence: 1.5 is not a number in [0, 1]",
    );
    expect(err("deterrence,network.kind\n0.5,  er\n")).toBe(
      'p.csv:2:5: network.kind: "er" is not one of "sbm", "ws"',
    );
    expect(err('deterrence,network.kind\n"0.5",sbm\n')).toContain(
      'deterrence: "0.5" is not a number',
    );
    expect(err('deterrence,network.kind\n"0.5,sbm\n')).toBe(
      "p.csv:2:1: a quoted field is not closed",
    );
    expect(err("")).toContain("p.csv:1:1: the CSV file is empty");
    expect(err("deterrence,network.kind\n")).toContain("a header but no points");
    expect(err("deterrence,deterrence,network.kind\n1,1,sbm\n")).toBe(
      "p.csv:1:12: factor deterrence has two columns",
    );
  });
});

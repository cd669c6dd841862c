import { describe, expect, it } from "vitest";
import { pairedDifference, summarise, welchDifference } from "./summary.js";

describe("summarise", () => {
  it("mean, SD and t interval by hand", () => {
    const s = summarise([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const half = 2.364624251592785 * (Math.sqrt(32 / 7) / Math.sqrt(8)); // t_{0.975, 7}
    expect(s.low).toBeCloseTo(5 - half, 9);
    expect(s.high).toBeCloseTo(5 + half, 9);
  });

  it("leaves out NaN and counts it; one value has no interval", () => {
    const s = summarise([1, Number.NaN, 3]);
    expect([s.n, s.missing, s.mean]).toEqual([2, 1, 2]);
    const one = summarise([3]);
    expect(one.mean).toBe(3);
    expect(one.sd).toBeNaN();
    expect(one.low).toBeNaN();
  });
});

describe("differences", () => {
  it("a paired difference removes what the pairs share", () => {
    const shared = [10, -5, 3, 8, -2, 0, 6];
    const x = shared.map((v, i) => v + 1 + 0.01 * i);
    const y = shared;
    const d = pairedDifference(x, y);
    expect(d.method).toBe("paired-t");
    expect(d.mean).toBeCloseTo(1.03, 12);
    expect(d.high - d.low).toBeLessThan(0.05);
    expect(d.p).toBeLessThan(1e-6);
    // Unpaired, the shared noise swamps the difference.
    const w = welchDifference(x, y);
    expect(w.low).toBeLessThan(0);
    expect(w.high).toBeGreaterThan(0);
  });

  it("refuses pairs of unequal length", () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minMaxDecimate } from "./downsample.js";

describe("minMaxDecimate", () => {
  it("keeps a short series as it is", () => {
    const y = [3, 1, 4, 1, 5];
    const t = minMaxDecimate(y.length, (i) => y[i], 10);
    expect([...t.x]).toEqual([0, 1, 2, 3, 4]);
    expect([...t.y]).toEqual(y);
  });

  it("keeps at most maxPoints points, in step order, with the first, last, global min and max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 50,
          maxLength: 3000,
        }),
        fc.integer({ min: 4, max: 200 }),
        (y, maxPoints) => {
          const t = minMaxDecimate(y.length, (i) => y[i], maxPoints);
          expect(t.x.length).toBeLessThanOrEqual(
            Math.max(maxPoints, y.length <= maxPoints ? y.length : 0),
          );
          for (let k = 1; k < t.x.length; k++) expect(t.x[k]).toBeGreaterThan(t.x[k - 1]);
          for (let k = 0; k < t.x.length; k++) expect(t.y[k]).toBe(y[t.x[k]]);
          expect(t.x[0]).toBe(0);
          expect(t.x[t.x.length - 1]).toBe(y.length - 1);
          expect(Math.max(...t.y)).toBe(Math.max(...y));
          expect(Math.min(...t.y)).toBe(Math.min(...y));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("thins a million steps to at most 2000 points, keeping a one-step spike", () => {
    const n = 1_000_001;
    const t = minMaxDecimate(n, (i) => (i === 777_777 ? 50 : Math.sin(i / 1000)));
    expect(t.x.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...t.y)).toBe(50);
    expect(t.x[t.x.length - 1]).toBe(n - 1);
  });

  it("keeps a gap where a whole bucket has no value", () => {
    const n = 1000;
    const t = minMaxDecimate(n, (i) => (i >= 400 && i < 600 ? Number.NaN : 1), 20);
    expect([...t.y].some(Number.isNaN)).toBe(true);
  });
});

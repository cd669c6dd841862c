import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { incompleteBeta } from "./incomplete-beta.js";
import { studentTCdf, studentTPdf, studentTQuantile } from "./student-t.js";

describe("Student's t", () => {
  it("the cdf matches tabulated quantiles", () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(2.262157, 9)).toBeCloseTo(0.975, 5);
    expect(studentTCdf(-2.262157, 9)).toBeCloseTo(0.025, 5);
    expect(studentTCdf(1.644854, 1e7)).toBeCloseTo(0.95, 5);
    expect(studentTCdf(6.313752, 1)).toBeCloseTo(0.95, 5);
  });

  // t_{0.975, df} from standard tables (e.g. Abramowitz and Stegun 1964, table 26.10).
  it.each([
    [1, 12.706204736],
    [2, 4.30265273],
    [5, 2.570581836],
    [10, 2.228138852],
    [30, 2.042272456],
    [Number.POSITIVE_INFINITY, 1.959963985],
  ])("t_{0.975, %d} = %d", (df, want) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(want, 8);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-want, 8);
  });

  it("matches the closed forms for 1 and 2 degrees of freedom", () => {
    for (const p of [0.6, 0.9, 0.99, 0.9999, 1e-6]) {
      expect(studentTQuantile(p, 1) / Math.tan(Math.PI * (p - 0.5))).toBeCloseTo(1, 10);
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(studentTQuantile(p, 2) / two).toBeCloseTo(1, 10);
    }
  });

  it("tends to the normal quantile for large df, continuously across the switch at 1e6", () => {
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963985, 8);
    const below = studentTQuantile(0.975, 1e6);
    const above = studentTQuantile(0.975, 1e6 + 1);
    expect(Math.abs(below - above)).toBeLessThan(1e-9);
    expect(Math.abs(studentTCdf(2, 1e6) - studentTCdf(2, 1e6 + 1))).toBeLessThan(1e-10);
  });

  it("inverts the cdf (property, fractional df too)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.3, max: 500, noNaN: true }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          const back = studentTCdf(t, df);
          return Math.abs(back - p) <= 1e-10 * Math.max(1e-3, Math.min(p, 1 - p)) * 1e3;
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it("the density integrates to the cdf", () => {
    // Simpson's rule on [0, 2] for df = 3.
    const n = 200;
    let s = studentTPdf(0, 3) + studentTPdf(2, 3);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * studentTPdf((2 * i) / n, 3);
    expect((s * 2) / n / 3).toBeCloseTo(studentTCdf(2, 3) - 0.5, 10);
  });

  it("edges: p 0, 1, 0.5, bad input", () => {
    expect(studentTQuantile(1, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0, 4)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(1.5, 4)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
  });
});

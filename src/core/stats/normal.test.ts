import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gammaP, gammaQ } from "./incomplete-gamma.js";
import { normalCdf, normalQuantile } from "./normal.js";

describe("normal distribution", () => {
  // Reference values: Abramowitz and Stegun (1964) table 26.1 and its tail table.
  it("Φ matches tabulated values, tails with relative precision", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3) / 1.349898031630095e-3).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 10);
  });

  it("Φ⁻¹ matches tabulated values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10) / -6.361340902404056).toBeCloseTo(1, 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it("Φ⁻¹ inverts Φ (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), (p) => {
        const back = normalCdf(normalQuantile(p));
        return Math.abs(back - p) <= 1e-12 * Math.min(p, 1 - p) + 1e-16;
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it("P + Q = 1 and P(1, x) = 1 − e^−x", () => {
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2],
      [3, 10],
      [20, 25],
    ]) {
      expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
    }
    expect(gammaP(1, 0.7)).toBeCloseTo(1 - Math.exp(-0.7), 14);
    expect(gammaQ(1, 30) / Math.exp(-30)).toBeCloseTo(1, 12);
  });
});

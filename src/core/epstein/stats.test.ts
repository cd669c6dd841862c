import { describe, expect, it } from "vitest";
import {
  binomialUpperTail,
  incompleteBeta,
  logGamma,
  oneSampleTTest,
  signTest,
  studentTCdf,
  welchTTest,
} from "./stats.js";

describe("stats", () => {
  it("logGamma matches factorials", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it("binomial tails and the sign test are exact", () => {
    expect(binomialUpperTail(16, 14)).toBeCloseTo(137 / 65536, 14);
    expect(binomialUpperTail(12, 12)).toBeCloseTo(1 / 4096, 14);
    expect(binomialUpperTail(10, 0)).toBe(1);
    expect(binomialUpperTail(10, 11)).toBe(0);
    expect(binomialUpperTail(3, 2, 0.2)).toBeCloseTo(3 * 0.04 * 0.8 + 0.008, 14);
    const st = signTest([1, 2, -1, 0, 3]);
    expect([st.n, st.positive]).toEqual([4, 3]);
    expect(st.p).toBeCloseTo(5 / 16, 12);
  });

  it("the t distribution matches tabulated quantiles", () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(2.262157, 9)).toBeCloseTo(0.975, 5);
    expect(studentTCdf(-2.262157, 9)).toBeCloseTo(0.025, 5);
    expect(studentTCdf(1.644854, 1e7)).toBeCloseTo(0.95, 5);
    expect(studentTCdf(6.313752, 1)).toBeCloseTo(0.95, 5);
  });

  it("t-tests", () => {
    const x = [5.1, 4.9, 5.3, 5.0, 5.2];
    const tt = oneSampleTTest(x, 5);
    expect(tt.df).toBe(4);
    expect(tt.t).toBeCloseTo(0.1 / Math.sqrt(0.025 / 5), 10);
    const w = welchTTest([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(w.t).toBe(0);
    expect(w.p).toBeCloseTo(0.5, 12);
    expect(welchTTest([10, 11, 12, 13], [1, 2, 3, 4]).p).toBeLessThan(1e-4);
  });
});

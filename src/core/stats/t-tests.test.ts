import { describe, expect, it } from "vitest";
import { oneSampleTTest, welchTTest } from "./t-tests.js";

describe("t-tests", () => {
  it("one-sample and Welch", () => {
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

import { describe, expect, it } from "vitest";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { bootstrapPercentile, resampleIndices } from "./bootstrap.js";
import { quantileSorted } from "./descriptive.js";

describe("bootstrap", () => {
  it("resamples are pure functions of (seed, b) and uniform over rows", () => {
    const s = new Stream(seed64(5), 74);
    const a = resampleIndices(s, 3, 10);
    resampleIndices(s, 4, 10);
    expect(resampleIndices(s, 3, 10)).toEqual(a);
    const counts = new Array(10).fill(0);
    for (let b = 0; b < 2000; b++) for (const i of resampleIndices(s, b, 10)) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200); // ±4.7 SD
  });

  it("the percentile interval of a mean is close to the normal-theory one", () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 10);
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let ss = 0;
    for (const v of x) ss += (v - m) ** 2;
    const se = Math.sqrt(ss / (x.length - 1) / x.length);
    const r = bootstrapPercentile(
      x.length,
      1,
      (rows, out) => {
        let s = 0;
        for (let j = 0; j < x.length; j++) s += x[rows ? rows[j] : j];
        out[0] = s / x.length;
      },
      new Stream(seed64(1), 74),
      2000,
    );
    expect(r.estimate[0]).toBeCloseTo(m, 12);
    expect(r.low[0]).toBeCloseTo(m - 1.96 * se, 1);
    expect(r.high[0]).toBeCloseTo(m + 1.96 * se, 1);
  });

  it("quantiles interpolate between order statistics (Hyndman–Fan 7)", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.3)).toBe(10);
  });
});

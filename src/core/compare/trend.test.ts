import { describe, expect, it } from "vitest";
import { table } from "../../../test/compare-fixture.js";
import { trendOf } from "./trend.js";

/** A listed share over `years` years: level × (1 + growth)^(t / 365), plus per-seed noise. */
function series(level: number, growth: number, years: number, wobble = 0): number[] {
  return Array.from(
    { length: years * 365 + 1 },
    (_, t) => level * (1 + growth) ** (t / 365) * (1 + wobble * Math.sin(t / 7)),
  );
}

const tables = (growth: number, level = 0.05, years = 3) =>
  [0, 0.02, -0.02].map((w) => table({ listed: series(level, growth, years, w) }, ["all"]));

describe("trendOf", () => {
  it("finds no trend in a stationary stock", () => {
    const t = trendOf(tables(0), "listed");
    expect(t.trending).toBe(false);
    expect(t.unknown).toBeUndefined();
    expect(Math.abs(t.change.mean)).toBeLessThan(0.01);
  });

  it("flags a stock growing 30% a year, and measures the growth", () => {
    const t = trendOf(tables(0.3), "listed");
    expect(t.trending).toBe(true);
    expect(t.change.mean).toBeCloseTo(0.3, 1);
  });

  it("does not flag growth below the tolerance", () => {
    expect(trendOf(tables(0.05), "listed").trending).toBe(false);
    expect(trendOf(tables(0.05), "listed", { tolerance: 0.02 }).trending).toBe(true);
  });

  it("gives no verdict on a horizon under two years, or on a level below the floor", () => {
    expect(trendOf(tables(0.3, 0.05, 1), "listed").unknown).toBe("horizon too short");
    const low = trendOf(tables(0.3, 0.0001), "listed");
    expect(low.unknown).toBe("level too low");
    expect(low.trending).toBe(false);
  });
});

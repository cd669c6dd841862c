import { describe, expect, it } from "vitest";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { checkCsr } from "./build-csr.js";
import { degree } from "./csr.js";
import { degreeMoments, withinShare } from "./metrics.js";
import { poissonInverse, stochasticBlock } from "./stochastic-block.js";

// Element-wise, because deep equality on large typed arrays is slow.
const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);

const stream = (seed: number) => new Stream(seed64(seed), 1);

// 4 equal groups × 10 equal regions, independent of each other.
const n = 20_000;
const group = Uint8Array.from({ length: n }, (_, i) => i % 4);
const region = Uint16Array.from({ length: n }, (_, i) => Math.floor(i / 4) % 10);
const d = 10;

describe("stochasticBlock", () => {
  it("has mean degree ≈ d and Poisson-like variance without homophily", () => {
    const g = stochasticBlock(
      n,
      group,
      region,
      { meanDegree: d, hGroup: 0, hRegion: 0 },
      stream(1),
    );
    checkCsr(g);
    // 2M/n with M ~ Poisson(n·d/2) has sd sqrt(2d/n) ≈ 0.032; 0.15 is ~5 sd
    // (merged duplicates remove only ~d/(2n) of the edges).
    const { mean, variance } = degreeMoments(g);
    expect(Math.abs(mean - d)).toBeLessThan(0.15);
    // Out-stubs Poisson(d/2) plus in-stubs ≈ Poisson(d/2): variance ≈ d.
    expect(Math.abs(variance / d - 1)).toBeLessThan(0.05);
  });

  it("puts hGroup + (1 - hGroup)/4 of edges within groups, rising with hGroup", () => {
    // The sd of a within-share over ~100,000 edges is below 0.002; 0.015
    // also absorbs the few merged duplicates.
    let last = -1;
    for (const hGroup of [0, 0.4, 0.8]) {
      const g = stochasticBlock(
        n,
        group,
        region,
        { meanDegree: d, hGroup, hRegion: 0.2 },
        stream(2),
      );
      const share = withinShare(g, group);
      expect(Math.abs(share - (hGroup + (1 - hGroup) / 4))).toBeLessThan(0.015);
      expect(Math.abs(withinShare(g, region) - (0.2 + 0.8 / 10))).toBeLessThan(0.015);
      expect(Math.abs(degreeMoments(g).mean - d)).toBeLessThan(0.15);
      expect(share).toBeGreaterThan(last);
      last = share;
    }
  });

  it("widens a restriction rather than loop on an agent alone in its block", () => {
    // Agent 0 is the only member of group 1 and of region 1.
    const m = 2_000;
    const gr = new Uint8Array(m);
    const re = new Uint16Array(m);
    gr[0] = 1;
    re[0] = 1;
    const g = stochasticBlock(m, gr, re, { meanDegree: 8, hGroup: 1, hRegion: 1 }, stream(3));
    checkCsr(g);
    expect(degree(g, 0)).toBeGreaterThan(0);
  });

  it("is a pure function of the seed", () => {
    const p = { meanDegree: 6, hGroup: 0.5, hRegion: 0.5 };
    const [gr, re] = [group.subarray(0, 3_000), region.subarray(0, 3_000)];
    const a = stochasticBlock(3_000, gr, re, p, stream(4));
    const b = stochasticBlock(3_000, gr, re, p, stream(4));
    const c = stochasticBlock(3_000, gr, re, p, stream(5));
    expect(same(a.targets, b.targets)).toBe(true);
    expect(same(a.offsets, b.offsets)).toBe(true);
    expect(same(a.targets, c.targets)).toBe(false);
  });

  it("rejects bad parameters", () => {
    const s = stream(1);
    expect(() =>
      stochasticBlock(n, group, region, { meanDegree: 5, hGroup: 2, hRegion: 0 }, s),
    ).toThrow(/group homophily/);
    expect(() =>
      stochasticBlock(n, group, region, { meanDegree: -1, hGroup: 0, hRegion: 0 }, s),
    ).toThrow(/mean degree/);
    expect(() =>
      stochasticBlock(n + 1, group, region, { meanDegree: 5, hGroup: 0, hRegion: 0 }, s),
    ).toThrow(/shorter/);
  });
});

describe("poissonInverse", () => {
  it.each([0.3, 5, 60, 1_000])(
    "has mean and variance lambda = %f (midpoint quadrature over u)",
    (lambda) => {
      // Midpoints of 200,000 equal cells of (0, 1): the inversion's quantile
      // function integrated deterministically, error O(1/N) in the tails.
      const N = 200_000;
      let s = 0;
      let ss = 0;
      for (let i = 0; i < N; i++) {
        const k = poissonInverse(lambda, (i + 0.5) / N);
        s += k;
        ss += k * k;
      }
      const mean = s / N;
      expect(Math.abs(mean / lambda - 1)).toBeLessThan(0.01);
      expect(Math.abs((ss / N - mean * mean) / lambda - 1)).toBeLessThan(0.02);
    },
  );

  it("returns 0 for lambda 0", () => {
    expect(poissonInverse(0, 0.7)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { barabasiAlbert } from "./barabasi-albert.js";
import { checkCsr } from "./build-csr.js";
import { degree, edgeCount } from "./csr.js";
import { degreeHistogram, meanDegree } from "./metrics.js";

// Element-wise, because deep equality on large typed arrays is slow.
const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);

const stream = (seed: number) => new Stream(seed64(seed), 1);

describe("barabasiAlbert", () => {
  const n = 50_000;
  const m = 3;
  const g = barabasiAlbert(n, m, stream(1));

  it("is a valid CSR with the exact edge count and minimum degree m", () => {
    checkCsr(g);
    expect(edgeCount(g)).toBe((m * (m + 1)) / 2 + (n - m - 1) * m);
    expect(meanDegree(g)).toBeCloseTo(2 * m - (m * (m + 1)) / n, 10);
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) min = Math.min(min, degree(g, i));
    expect(min).toBe(m);
  });

  it("has the tail P(K ≥ k) = m(m+1)/(k(k+1)) of P(k) = 2m(m+1)/(k(k+1)(k+2))", () => {
    const h = degreeHistogram(g);
    const ccdf = (k: number) => {
      let s = 0;
      for (let j = k; j < h.length; j++) s += h[j];
      return s / n;
    };
    // At k = 24 about n·12/600 = 1,000 nodes lie in the tail, so the
    // counting sd is ~3% (less below); 8% leaves room for the finite-n
    // correction, which seeds 1–3 put within ±2%.
    for (const k of [2 * m, 4 * m, 8 * m]) {
      const want = (m * (m + 1)) / (k * (k + 1));
      expect(Math.abs(ccdf(k) / want - 1)).toBeLessThan(0.08);
    }
    // Hubs: the largest degree grows like m·sqrt(n) ≈ 670.
    expect(h.length - 1).toBeGreaterThan(200);
  });

  it("is a clique when n ≤ m + 1", () => {
    const c = barabasiAlbert(4, 5, stream(1));
    checkCsr(c);
    expect(edgeCount(c)).toBe(6);
    expect(barabasiAlbert(0, 2, stream(1)).offsets.length).toBe(1);
  });

  it("is a pure function of the seed", () => {
    const a = barabasiAlbert(3_000, 2, stream(4));
    const b = barabasiAlbert(3_000, 2, stream(4));
    const c = barabasiAlbert(3_000, 2, stream(5));
    expect(same(a.targets, b.targets)).toBe(true);
    expect(same(a.targets, c.targets)).toBe(false);
  });

  it("rejects m < 1", () => {
    expect(() => barabasiAlbert(10, 0, stream(1))).toThrow(RangeError);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { philox4x32, philox4x32Fill } from "./philox4x32.js";
import { seed64 } from "./seed.js";
import { Stream } from "./stream.js";

/*
 * Statistical checks use N = 100,000 draws at fixed addresses, so each check is
 * deterministic; tolerances are 5 standard errors of the estimate (a correct
 * generator fails one with probability about 6e-7 per check, so a failure means
 * a real change, not bad luck).
 */
const N = 100_000;
const Z = 5;
const TWO_POW_32 = 4294967296;

function draws(f: (j: number) => number, n = N): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = f(j);
  return out;
}

function moments(xs: Float64Array) {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  m4 /= xs.length;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = moments(a).mean;
  const mb = moments(b).mean;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let j = 0; j < a.length; j++) {
    sab += (a[j] - ma) * (b[j] - mb);
    saa += (a[j] - ma) ** 2;
    sbb += (b[j] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** |actual - expected| ≤ Z standard errors. */
function expectWithin(actual: number, expected: number, se: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Z * se);
}

const key = seed64(20240601);

describe("Stream.u01", () => {
  it("is strictly inside (0, 1), also for the extreme words 0 and 2^32 - 1", () => {
    const s = new Stream(key, 5);
    s.prime(0, 0, Uint32Array.of(0, 0xffffffff, 1, 0xfffffffe), 0);
    const lo = s.u01(0, 0, 0);
    const hi = s.u01(0, 0, 1);
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBe(0.5 / TWO_POW_32);
    expect(hi).toBeLessThan(1);
    expect(hi).toBe(1 - 0.5 / TWO_POW_32);
    const xs = draws((j) => s.u01(1, j, j & 7));
    expect(xs.filter((x) => !(x > 0 && x < 1)).length).toBe(0);
  });

  it("has mean 1/2 and variance 1/12", () => {
    const s = new Stream(key, 5);
    const { mean, variance } = moments(draws((j) => s.u01(2, j, 0)));
    // SE(mean) = sqrt(1/12 / N); SE(var) = sqrt((E(U-1/2)^4 - 1/144) / N) = sqrt((1/80 - 1/144) / N).
    expectWithin(mean, 0.5, Math.sqrt(1 / 12 / N));
    expectWithin(variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it("fills the interval evenly: 20 bins pass a chi-square test", () => {
    const s = new Stream(key, 5);
    const bins = new Float64Array(20);
    for (let j = 0; j < N; j++) bins[Math.floor(s.u01(3, j, 1) * 20)]++;
    const chi2 = bins.reduce((acc, o) => acc + (o - N / 20) ** 2 / (N / 20), 0);
    // 19 degrees of freedom: P(chi2 > 50) ≈ 1.3e-4.
    expect(chi2).toBeLessThan(50);
  });
});

describe("Stream.bernoulli", () => {
  it("is true with frequency p", () => {
    const s = new Stream(key, 6);
    for (const p of [0.03, 0.3, 0.75]) {
      let hits = 0;
      for (let j = 0; j < N; j++) hits += s.bernoulli(4, j, 2, p) ? 1 : 0;
      expectWithin(hits / N, p, Math.sqrt((p * (1 - p)) / N));
    }
  });

  it("is never true for p = 0 and always for p = 1", () => {
    const s = new Stream(key, 6);
    let wrong = 0;
    for (let j = 0; j < 10_000; j++) {
      if (s.bernoulli(5, j, 0, 0)) wrong++;
      if (!s.bernoulli(5, j, 1, 1)) wrong++;
    }
    expect(wrong).toBe(0);
  });
});

describe("Stream.int", () => {
  it("stays in 0..n-1 and reaches both ends, also for the extreme words", () => {
    const s = new Stream(key, 7);
    for (const n of [1, 2, 7, 1000, 2 ** 31 + 11, TWO_POW_32]) {
      s.prime(9, 9, Uint32Array.of(0, 0xffffffff, 0, 0), 0);
      expect(s.int(9, 9, 0, n)).toBe(0);
      expect(s.int(9, 9, 1, n)).toBe(n - 1);
      let bad = 0;
      for (let j = 0; j < 2000; j++) {
        const k = s.int(6, j, 3, n);
        if (!Number.isInteger(k) || k < 0 || k >= n) bad++;
      }
      expect(bad).toBe(0);
    }
  });

  it("is uniform: chi-square over n = 7 and n = 50 values", () => {
    const s = new Stream(key, 7);
    // Upper 1e-4 quantiles of chi-square: 6 df → 27.9, 49 df → 95.
    for (const [n, limit] of [
      [7, 27.9],
      [50, 95],
    ] as const) {
      const counts = new Float64Array(n);
      for (let j = 0; j < N; j++) counts[s.int(7, j, n % 4, n)]++;
      const e = N / n;
      const chi2 = counts.reduce((acc, o) => acc + (o - e) ** 2 / e, 0);
      expect(chi2).toBeLessThan(limit);
      expect(Math.min(...counts)).toBeGreaterThan(0);
    }
  });
});

describe("Stream.normal", () => {
  it("has mean 0, variance 1, skewness 0 and kurtosis 3", () => {
    const s = new Stream(key, 8);
    const xs = draws((j) => s.normal(0, j, 0));
    const m = moments(xs);
    // Standard errors for a normal sample: mean 1/√N, variance √(2/N), skewness √(6/N), kurtosis √(24/N).
    expectWithin(m.mean, 0, Math.sqrt(1 / N));
    expectWithin(m.variance, 1, Math.sqrt(2 / N));
    expectWithin(m.skew, 0, Math.sqrt(6 / N));
    expectWithin(m.kurtosis, 3, Math.sqrt(24 / N));
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it("puts about 2.28% of draws below -2 (a tail check)", () => {
    const s = new Stream(key, 8);
    let below = 0;
    for (let j = 0; j < N; j++) if (s.normal(1, j, 2) < -2) below++;
    const p = 0.022750131948179;
    expectWithin(below / N, p, Math.sqrt((p * (1 - p)) / N));
  });
});

describe("Stream.u53", () => {
  it("is a multiple of 2^-53 in [0, 1), with the extremes 0 and 1 - 2^-53", () => {
    const s = new Stream(key, 9);
    s.prime(0, 0, Uint32Array.of(0, 0, 0xffffffff, 0xffffffff), 0);
    expect(s.u53(0, 0, 0)).toBe(0);
    expect(s.u53(0, 0, 2)).toBe(1 - 2 ** -53);
    s.prime(0, 0, Uint32Array.of(0, 64, 32, 0), 0);
    // Low word contributes its top 26 bits: 64 >>> 6 = 1 → the smallest step, 2^-53.
    expect(s.u53(0, 0, 0)).toBe(2 ** -53);
    // High word contributes its top 27 bits: 32 >>> 5 = 1 → 2^26 · 2^-53 = 2^-27.
    expect(s.u53(0, 0, 2)).toBe(2 ** -27);
  });

  it("has resolution finer than 32 bits: most draws use bits below 2^-32", () => {
    const s = new Stream(key, 9);
    let fine = 0;
    let bad = 0;
    for (let j = 0; j < 10_000; j++) {
      const x = s.u53(1, j, 0);
      const scaled = x * 2 ** 53;
      if (!(x >= 0 && x < 1) || !Number.isInteger(scaled)) bad++;
      if (scaled % 2 ** 21 !== 0) fine++;
    }
    expect(bad).toBe(0);
    // A 32-bit value scaled this way would always be a multiple of 2^21.
    expect(fine).toBeGreaterThan(9990);
  });

  it("has mean 1/2 and variance 1/12", () => {
    const s = new Stream(key, 9);
    const { mean, variance } = moments(draws((j) => s.u53(2, j, 2)));
    expectWithin(mean, 0.5, Math.sqrt(1 / 12 / N));
    expectWithin(variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / N));
  });
});

describe("independence of addresses", () => {
  // Correlation of independent samples has SE 1/√N.
  const se = 1 / Math.sqrt(N);

  it("different streams are uncorrelated at the same (step, agent, index)", () => {
    const a = new Stream(key, 40);
    const b = new Stream(key, 41);
    const r = correlation(
      draws((j) => a.u01(3, j, 0)),
      draws((j) => b.u01(3, j, 0)),
    );
    expectWithin(r, 0, se);
  });

  it("different steps are uncorrelated for the same agent", () => {
    const s = new Stream(key, 40);
    const r = correlation(
      draws((j) => s.u01(10, j, 0)),
      draws((j) => s.u01(11, j, 0)),
    );
    expectWithin(r, 0, se);
  });

  it("neighbouring agents are uncorrelated", () => {
    const s = new Stream(key, 40);
    const r = correlation(
      draws((j) => s.u01(12, j, 0)),
      draws((j) => s.u01(12, j + 1, 0)),
    );
    expectWithin(r, 0, se);
  });

  it("the words of one block and of neighbouring blocks are uncorrelated", () => {
    const s = new Stream(key, 40);
    for (const [i, k] of [
      [0, 1],
      [1, 2],
      [3, 4],
      [0, 7],
    ]) {
      const r = correlation(
        draws((j) => s.u01(13, j, i)),
        draws((j) => s.u01(13, j, k)),
      );
      expectWithin(r, 0, se);
    }
  });

  it("different seeds give uncorrelated streams", () => {
    const a = new Stream(seed64(1), 40);
    const b = new Stream(seed64(2), 40);
    const r = correlation(
      draws((j) => a.u01(0, j, 0)),
      draws((j) => b.u01(0, j, 0)),
    );
    expectWithin(r, 0, se);
  });
});

describe("draws are pure functions of their address", () => {
  it("word(step, agent, i) is Philox of counter [agent, step, stream, i >> 2] keyed by the seed", () => {
    const k = seed64("0x0123456789abcdef");
    const s = new Stream(k, 44);
    const out = new Uint32Array(4);
    philox4x32(77, 5, 44, 2, k.lo, k.hi, out);
    for (let w = 0; w < 4; w++) expect(s.word(5, 77, 8 + w)).toBe(out[w]);
  });

  it("gives the same value for the same call, whatever was drawn before (property)", () => {
    const addr = fc.record({
      step: fc.integer({ min: 0, max: 1000 }),
      agent: fc.integer({ min: 0, max: 1_000_000 }),
      i: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(fc.array(addr, { minLength: 1, maxLength: 40 }), (calls) => {
        const shared = new Stream(key, 46);
        const forward = calls.map((c) => shared.u01(c.step, c.agent, c.i));
        // Reverse order on the same (cached) stream, then each on a fresh stream.
        const backward = [...calls].reverse().map((c) => shared.u01(c.step, c.agent, c.i));
        backward.reverse();
        const fresh = calls.map((c) => new Stream(key, 46).u01(c.step, c.agent, c.i));
        expect(backward).toEqual(forward);
        expect(fresh).toEqual(forward);
      }),
      { numRuns: 200 },
    );
  });

  it("normal and u53 also do not depend on the order of calls", () => {
    const s = new Stream(key, 47);
    const order = [5, 0, 9, 2, 2, 7, 1, 5];
    const first = order.map((a) => [s.normal(3, a, 1), s.u53(3, a, 2), s.int(3, a, 6, 10)]);
    const again = [...order]
      .reverse()
      .map((a) => [s.normal(3, a, 1), s.u53(3, a, 2), s.int(3, a, 6, 10)])
      .reverse();
    expect(again).toEqual(first);
  });
});

describe("Stream.prime", () => {
  it("gives the same draws as computing the block directly", () => {
    const k = seed64(99);
    const stream = 48;
    const step = 17;
    const start = 1000;
    const count = 64;
    const words = new Uint32Array(4 * count);
    philox4x32Fill(k.lo, k.hi, start, count, step, stream, 0, words);
    const primed = new Stream(k, stream);
    const direct = new Stream(k, stream);
    for (let j = 0; j < count; j++) {
      const agent = start + j;
      primed.prime(step, agent, words, 4 * j);
      // Words 0..3 come from the primed block; word 5 needs block 1, computed on demand.
      for (const i of [0, 1, 2, 3, 5]) {
        expect(primed.u01(step, agent, i)).toBe(direct.u01(step, agent, i));
      }
      expect(primed.normal(step, agent, 0)).toBe(direct.normal(step, agent, 0));
    }
  });

  it("is replaced by the right block when another address is asked for", () => {
    const k = seed64(99);
    const s = new Stream(k, 48);
    s.prime(1, 1, Uint32Array.of(1, 2, 3, 4), 0);
    // Another agent and another step must not see the primed words.
    expect(s.word(1, 2, 0)).toBe(new Stream(k, 48).word(1, 2, 0));
    expect(s.word(2, 1, 0)).toBe(new Stream(k, 48).word(2, 1, 0));
  });
});

describe("frozen output (noreg): any change to the generator shows here", () => {
  it("seed 42, stream 7: first u01 draws of (step 0, agent 0) and (step 3, agent 1000)", () => {
    const s = new Stream(seed64(42), 7);
    expect([0, 1, 2, 3].map((i) => s.word(0, 0, i))).toEqual([
      1743679276, 3847491788, 1820248629, 1433639123,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((i) => s.u01(0, 0, i))).toEqual([
      0.4059819682734087, 0.895813989569433, 0.42380966001655906, 0.3337951198918745,
      0.5317632335936651, 0.8699104833649471,
    ]);
    expect([0, 1, 2, 3].map((i) => s.u01(3, 1000, i))).toEqual([
      0.6698684938019142, 0.6146539755864069, 0.16500011493917555, 0.9003525209845975,
    ]);
  });

  it("text seed 'scsim', stream 7: key and first draws", () => {
    const k = seed64("scsim");
    expect([k.lo, k.hi]).toEqual([1591227698, 3469922299]);
    const s = new Stream(k, 7);
    expect([0, 1, 2].map((i) => s.u01(0, 0, i))).toEqual([
      0.09667084028478712, 0.3996846991358325, 0.9383293044520542,
    ]);
  });
});

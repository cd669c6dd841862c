import { describe, expect, it } from "vitest";
import { seed64 } from "../../rng/seed.js";
import { Stream } from "../../rng/stream.js";
import { isPrimitive, joeKuoPolynomial } from "./gf2.js";
import { JOE_KUO_ROWS, SOBOL_MAX_DIMENSIONS } from "./joe-kuo.js";
import { directionNumbers, SobolSequence } from "./sobol-sequence.js";

/**
 * The t of a two-dimensional point set of 2^m points: m − the largest k such
 * that every elementary interval [a/2^d1, (a+1)/2^d1) × [b/2^d2, (b+1)/2^d2)
 * with d1 + d2 = k holds exactly 2^(m−k) points (Niederreiter 1992, def. 4.1).
 * Coordinates are 32-bit digit integers.
 */
function tValue(x: Uint32Array, y: Uint32Array, m: number): number {
  const n = 2 ** m;
  for (let k = m; k >= 0; k--) {
    let ok = true;
    for (let d1 = 0; d1 <= k && ok; d1++) {
      const d2 = k - d1;
      const counts = new Uint32Array(2 ** k);
      for (let i = 0; i < n; i++) {
        const a = d1 === 0 ? 0 : x[i] >>> (32 - d1);
        const b = d2 === 0 ? 0 : y[i] >>> (32 - d2);
        counts[a * 2 ** d2 + b]++;
      }
      const want = 2 ** (m - k);
      for (const c of counts) if (c !== want) ok = false;
    }
    if (ok) return m - k;
  }
  return m;
}

function digitsOf(seq: SobolSequence, d: number, n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = seq.digits(i, d);
  return out;
}

describe("Joe–Kuo direction-number table", () => {
  it("has at least 32 dimensions (64 here)", () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(64);
  });

  it("every polynomial is primitive over GF(2) of its stated degree", () => {
    for (const [s, a] of JOE_KUO_ROWS) {
      expect(a).toBeLessThan(2 ** (s - 1));
      expect(isPrimitive(joeKuoPolynomial(s, a)), `s=${s} a=${a}`).toBe(true);
    }
  });

  it("lists each degree's primitive polynomials in increasing order, none left out", () => {
    const bySearch: number[][] = [];
    for (let s = 1; s <= 9; s++) {
      for (let a = 0; a < 2 ** (s - 1); a++) {
        if (isPrimitive(joeKuoPolynomial(s, a))) bySearch.push([s, a]);
      }
    }
    // Counts φ(2^s − 1)/s: 1, 1, 2, 2, 6, 6, 18, 16, 48.
    expect(bySearch.filter(([s]) => s === 7).length).toBe(18);
    expect(bySearch.filter(([s]) => s === 8).length).toBe(16);
    expect(bySearch.filter(([s]) => s === 9).length).toBe(48);
    expect(JOE_KUO_ROWS.map(([s, a]) => [s, a])).toEqual(bySearch.slice(0, JOE_KUO_ROWS.length));
  });

  it("the primitivity test refuses reducible and non-primitive polynomials", () => {
    expect(isPrimitive(0b101)).toBe(false); // x² + 1 = (x + 1)²
    expect(isPrimitive(0b11111)).toBe(false); // x⁴+x³+x²+x+1: irreducible, order 5 not 15
    expect(isPrimitive(0b10011)).toBe(true); // x⁴ + x + 1
    expect(isPrimitive(0b110)).toBe(false); // divisible by x
  });

  it("every initial m_k is odd and below 2^k, with one per degree", () => {
    for (const row of JOE_KUO_ROWS) {
      const [s, , ...m] = row;
      expect(m.length).toBe(s);
      m.forEach((mk, i) => {
        expect(mk % 2).toBe(1);
        expect(mk).toBeLessThan(2 ** (i + 1));
      });
    }
  });

  it("the recurrence keeps every m_k odd and below 2^k (V_k's last digit is digit k)", () => {
    for (const v of directionNumbers(64)) {
      for (let k = 0; k < 32; k++) {
        expect((v[k] >>> (31 - k)) & 1).toBe(1);
        expect(v[k] % 2 ** (31 - k)).toBe(0);
      }
    }
  });
});

describe("Sobol' sequence", () => {
  it("matches the published first points (Gray-code order)", () => {
    const p = new SobolSequence(3).points(0, 8);
    const rows = Array.from({ length: 8 }, (_, i) => Array.from(p.slice(i * 3, i * 3 + 3)));
    expect(rows).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]);
  });

  it("sequential generation equals direct generation from any start", () => {
    const s = new SobolSequence(10);
    const all = s.points(0, 300);
    const tail = s.points(137, 163);
    expect(tail).toEqual(all.slice(137 * 10));
  });

  it("the first 2^m points are the natural-order set, in another order", () => {
    const v = directionNumbers(6);
    const s = new SobolSequence(6);
    for (const m of [3, 6]) {
      const gray = new Set<string>();
      const natural = new Set<string>();
      for (let n = 0; n < 2 ** m; n++) {
        const g: number[] = [];
        const x: number[] = [];
        for (let d = 0; d < 6; d++) {
          g.push(s.digits(n, d));
          let y = 0;
          for (let k = 0; k < 32; k++) if ((n >>> k) & 1) y ^= v[d][k];
          x.push(y >>> 0);
        }
        gray.add(g.join(","));
        natural.add(x.join(","));
      }
      expect(gray).toEqual(natural);
    }
  });

  it("each dimension alone is a (0, m, 1)-net: 2^m points, one per interval of width 2^-m", () => {
    const s = new SobolSequence(64);
    const m = 10;
    for (let d = 0; d < 64; d++) {
      const seen = new Set<number>();
      for (let i = 0; i < 2 ** m; i++) seen.add(s.digits(i, d) >>> (32 - m));
      expect(seen.size).toBe(2 ** m);
    }
  });

  it("every pair of the first 8 dimensions is a (t, m, 2)-net with t within the degree bound", () => {
    const s = new SobolSequence(8);
    const deg = [0, ...JOE_KUO_ROWS.slice(0, 7).map((r) => r[0] - 1)]; // s_j − 1
    const m = 12;
    const digits = Array.from({ length: 8 }, (_, d) => digitsOf(s, d, 2 ** m));
    const worst: number[] = [];
    for (let mm = 1; mm <= m; mm++) {
      let w = 0;
      for (let i = 0; i < 8; i++) {
        for (let j = i + 1; j < 8; j++) {
          const t = tValue(digits[i], digits[j], mm);
          expect(t, `dims ${i + 1},${j + 1} m=${mm}`).toBeLessThanOrEqual(deg[i] + deg[j]);
          w = Math.max(w, t);
        }
      }
      worst.push(w);
    }
    // Dimensions 1 and 2 form a (0, m, 2)-net for every m.
    for (let mm = 1; mm <= m; mm++) expect(tValue(digits[0], digits[1], mm)).toBe(0);
    // Joe and Kuo chose the m_k so that small projections stay good: t ≤ 4 up to 4096 points.
    expect(Math.max(...worst)).toBeLessThanOrEqual(4);
  });
});

describe("scrambled Sobol'", () => {
  it("stays in [0, 1), is reproducible per seed and differs between seeds", () => {
    const a = new SobolSequence(16, { scramble: seed64(7) }).points(0, 1024);
    const b = new SobolSequence(16, { scramble: seed64(7) }).points(0, 1024);
    const c = new SobolSequence(16, { scramble: seed64(8) }).points(0, 1024);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("keeps the t of every pair of the first 8 dimensions (linear scramble + shift)", () => {
    const plain = new SobolSequence(8);
    const m = 10;
    for (const seed of [1, 2, 3]) {
      const scr = new SobolSequence(8, { scramble: seed64(seed) });
      for (let i = 0; i < 8; i++) {
        for (let j = i + 1; j < 8; j++) {
          for (const mm of [4, 7, m]) {
            expect(
              tValue(digitsOf(scr, i, 2 ** mm), digitsOf(scr, j, 2 ** mm), mm),
              `seed ${seed} dims ${i + 1},${j + 1} m=${mm}`,
            ).toBe(tValue(digitsOf(plain, i, 2 ** mm), digitsOf(plain, j, 2 ** mm), mm));
          }
        }
      }
    }
  });

  it("integrates a smooth function with an error that falls faster than Monte Carlo's", () => {
    // f(x) = Π_j (π/2) sin(π x_j) on [0,1)^5 has integral 1.
    const dims = 5;
    const f = (p: Float64Array, i: number) => {
      let v = 1;
      for (let d = 0; d < dims; d++) v *= (Math.PI / 2) * Math.sin(Math.PI * p[i * dims + d]);
      return v;
    };
    const reps = 16;
    const rmse = (n: number, qmc: boolean) => {
      let ss = 0;
      for (let r = 0; r < reps; r++) {
        let p: Float64Array;
        if (qmc) p = new SobolSequence(dims, { scramble: seed64(1000 + r) }).points(0, n);
        else {
          const st = new Stream(seed64(2000 + r), 9);
          p = new Float64Array(n * dims);
          for (let i = 0; i < n * dims; i++) p[i] = st.u53(0, i, 0);
        }
        let s = 0;
        for (let i = 0; i < n; i++) s += f(p, i);
        ss += (s / n - 1) ** 2;
      }
      return Math.sqrt(ss / reps);
    };
    const small = 2 ** 8;
    const large = 2 ** 14;
    const slope = (a: number, b: number) => Math.log(b / a) / Math.log(large / small);
    const mcSlope = slope(rmse(small, false), rmse(large, false));
    const qmcSlope = slope(rmse(small, true), rmse(large, true));
    expect(mcSlope).toBeGreaterThan(-0.75);
    expect(mcSlope).toBeLessThan(-0.25);
    expect(qmcSlope).toBeLessThan(-1);
    expect(rmse(large, true)).toBeLessThan(rmse(large, false) / 10);
  });

  it("frozen output: the first scrambled points for seed 42 (noreg)", () => {
    const s = new SobolSequence(3, { scramble: seed64(42) });
    const got = Array.from({ length: 4 }, (_, n) => [0, 1, 2].map((d) => s.digits(n, d)));
    expect(got).toEqual([
      [1241263677, 3265473418, 2065612076],
      [3270502444, 646419641, 3192261596],
      [3211826459, 2644302291, 532959606],
      [878924554, 2042128096, 3667715974],
    ]);
  });
});

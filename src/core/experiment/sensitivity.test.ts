import { describe, expect, it } from "vitest";
import { seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { sobolIndices } from "../stats/sensitivity/sobol-indices.js";
import { analyseExperiment } from "./analysis.js";
import { sobolCoverage } from "./coverage.js";
import { prepareExperiment, validateExperiment } from "./prepare.js";
import { ishigami, sobolG } from "./test-models.js";
import { runTestModel } from "./units.js";

function study(raw: Record<string, unknown>) {
  const p = prepareExperiment(validateExperiment({ version: 1, ...raw }));
  return { p, report: analyseExperiment(p, runTestModel(p)) };
}

describe("analytic indices of the test models", () => {
  it("Ishigami (a = 7, b = 0.1): S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)", () => {
    const a = ishigami().analytic;
    expect(a.S1.map((x) => +x.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(a.ST.map((x) => +x.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });

  it("Sobol' G (a = 0, 1, 4.5, 9, 99 ×4) from V_i = 1/(3(1+a_i)²): S1 starts 0.7162, 0.1790, 0.0237, 0.0072", () => {
    const a = sobolG().analytic;
    expect(a.S1.slice(0, 4).map((x) => +x.toFixed(4))).toEqual([0.7162, 0.179, 0.0237, 0.0072]);
    // Total ≥ first order, equal only without interactions; the S1 sum < 1 by the interactions.
    a.S1.forEach((s, i) => {
      expect(a.ST[i]).toBeGreaterThan(s);
    });
    expect(a.S1.reduce((x, y) => x + y)).toBeLessThan(1);
  });

  it("the G function's analytic variance matches a brute-force quadrature", () => {
    // 1-D factor: E[g_i²] = 1 + V_i with g_i = (|4x−2| + a)/(1 + a); midpoint rule.
    for (const ai of [0, 1, 4.5]) {
      let s = 0;
      const n = 100_000;
      for (let j = 0; j < n; j++) s += ((Math.abs(4 * ((j + 0.5) / n) - 2) + ai) / (1 + ai)) ** 2;
      expect(s / n - 1).toBeCloseTo(1 / (3 * (1 + ai) ** 2), 6);
    }
  });
});

describe("Sobol' indices end to end (design → units → outputs → estimators → CIs)", () => {
  // N = 1024 base rows, seed 1: 5120 (Ishigami) and 10240 (G) evaluations, ~0.3 s each.
  it("Ishigami at N = 1024: every analytic S1 and ST inside its 95% CI", () => {
    const { p, report } = study({ model: "ishigami", design: { type: "sobol", n: 1024 }, seed: 1 });
    const s = report.sobol!.y;
    const a = p.testModel!.analytic;
    for (let i = 0; i < 3; i++) {
      expect(s.S1[i].low).toBeLessThanOrEqual(a.S1[i]);
      expect(s.S1[i].high).toBeGreaterThanOrEqual(a.S1[i]);
      expect(s.ST[i].low).toBeLessThanOrEqual(a.ST[i]);
      expect(s.ST[i].high).toBeGreaterThanOrEqual(a.ST[i]);
    }
    // x3 has no first-order effect: its S1 interval includes 0 and says so.
    const codes = report.warnings.map((w) => `${w.code}:${w.factor ?? ""}`);
    expect(codes).toContain("ci-includes-zero:x3");
    expect(codes.filter((c) => c.startsWith("ci-includes-zero"))).toEqual(["ci-includes-zero:x3"]);
    expect(codes).not.toContain("small-n:");
  });

  it("Sobol' G at N = 1024: every analytic S1 and ST inside its 95% CI, ranking by ST", () => {
    const { p, report } = study({ model: "sobol-g", design: { type: "sobol", n: 1024 }, seed: 1 });
    const s = report.sobol!.y;
    const a = p.testModel!.analytic;
    for (let i = 0; i < 8; i++) {
      expect(s.S1[i].low, `S1 x${i + 1}`).toBeLessThanOrEqual(a.S1[i]);
      expect(s.S1[i].high, `S1 x${i + 1}`).toBeGreaterThanOrEqual(a.S1[i]);
      expect(s.ST[i].low, `ST x${i + 1}`).toBeLessThanOrEqual(a.ST[i]);
      expect(s.ST[i].high, `ST x${i + 1}`).toBeGreaterThanOrEqual(a.ST[i]);
    }
    for (let i = 0; i < 3; i++) expect(s.ST[i].low).toBeGreaterThan(s.ST[i + 1].high);
  });

  it("second order: Ishigami's only interaction is x1·x3 (S13 = ST3 = 0.2437)", () => {
    const { report } = study({
      model: "ishigami",
      design: { type: "sobol", n: 2048, secondOrder: true },
      seed: 2,
    });
    const s2 = report.sobol!.y.S2!;
    const at = (i: number, j: number) => s2.find((x) => x.i === i && x.j === j)!;
    const s13 = at(0, 2);
    expect(s13.low).toBeLessThanOrEqual(0.2437);
    expect(s13.high).toBeGreaterThanOrEqual(0.2437);
    for (const [i, j] of [
      [0, 1],
      [1, 2],
    ]) {
      expect(at(i, j).low).toBeLessThanOrEqual(0);
      expect(at(i, j).high).toBeGreaterThanOrEqual(0);
    }
  });

  it("coverage over 40 independent studies at N = 256 is near or above nominal", () => {
    // Measured over 200 studies (docs/EXPERIMENTS.md): 0.99 overall at N = 256, single
    // indices 0.97–1.00. Here 40 studies (240 intervals): a documented floor, not one lucky seed.
    const seeds = Array.from({ length: 40 }, (_, i) => 100 + i);
    const c = sobolCoverage("ishigami", 256, seeds, 500);
    expect(c.overall).toBeGreaterThanOrEqual(0.9);
    for (const f of [...c.S1, ...c.ST]) expect(f).toBeGreaterThanOrEqual(0.8);
  });

  it("warns when N is small or not a power of 2", () => {
    const { report } = study({ model: "ishigami", design: { type: "sobol", n: 100 }, seed: 1 });
    const codes = new Set(report.warnings.map((w) => w.code));
    expect(codes.has("small-n")).toBe(true);
    expect(codes.has("not-power-of-two")).toBe(true);
    expect(report.warnings.find((w) => w.code === "not-power-of-two")!.message).toContain(
      "use 128",
    );
  });

  it("flags S1 above ST beyond its interval, and zero variance", () => {
    // Outputs constructed so that f(B)(f(AB) − f(A)) is large and (f(A) − f(AB))² small.
    const n = 256;
    const fA = new Float64Array(n);
    const fB = new Float64Array(n);
    const fAB = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      fB[j] = j % 2 ? 1 : -1;
      fA[j] = 0;
      fAB[j] = 0.3 * fB[j];
    }
    const r = sobolIndices({ n, k: 1, fA, fB, fAB }, new Stream(seed64(1), 74));
    expect(r.S1[0].estimate).toBeGreaterThan(r.ST[0].estimate);
    expect(r.warnings.map((w) => w.code)).toContain("s1-exceeds-st");
    const flat = new Float64Array(n).fill(2);
    const z = sobolIndices({ n, k: 1, fA: flat, fB: flat, fAB: flat }, new Stream(seed64(1), 74));
    expect(z.warnings.map((w) => w.code)).toContain("zero-variance");
  });

  it("an output far from 0 has the intervals of the same output centred (the estimators are shift-invariant)", () => {
    // y = x1 + 0.5·x2 on a deterministic Saltelli-like sample (k = 2, N = 64), then y + 1000:
    // a model's output is rarely centred (defaults a day: mean 2.1, SD 0.08), and an
    // uncentred S1 estimator's variance grows with mean² / Var(Y).
    const n = 64;
    const k = 2;
    const frac = (x: number) => x - Math.floor(x);
    const a = (j: number, i: number) => frac((j + 1) * (i === 0 ? 0.6180339887 : 0.7548776662));
    const b = (j: number, i: number) => frac((j + 1) * (i === 0 ? 0.569840291 : 0.8191725134));
    const f = (x1: number, x2: number) => x1 + 0.5 * x2;
    const outputs = (shift: number) => {
      const fA = new Float64Array(n);
      const fB = new Float64Array(n);
      const fAB = new Float64Array(n * k);
      for (let j = 0; j < n; j++) {
        fA[j] = f(a(j, 0), a(j, 1)) + shift;
        fB[j] = f(b(j, 0), b(j, 1)) + shift;
        fAB[j * k] = f(b(j, 0), a(j, 1)) + shift;
        fAB[j * k + 1] = f(a(j, 0), b(j, 1)) + shift;
      }
      return sobolIndices({ n, k, fA, fB, fAB }, new Stream(seed64(3), 74), { resamples: 200 });
    };
    const centred = outputs(0);
    const shifted = outputs(1000);
    for (let i = 0; i < k; i++) {
      for (const m of ["S1", "ST"] as const) {
        expect(shifted[m][i].estimate).toBeCloseTo(centred[m][i].estimate, 6);
        expect(shifted[m][i].low).toBeCloseTo(centred[m][i].low, 6);
        expect(shifted[m][i].high).toBeCloseTo(centred[m][i].high, 6);
      }
    }
    // Analytic: S1 = (0.8, 0.2); the centred intervals are narrow enough to say so.
    expect(centred.S1[0].high - centred.S1[0].low).toBeLessThan(0.5);
  });

  it("is reproducible bit for bit for one seed, and another seed is another randomisation", () => {
    const a = study({ model: "ishigami", design: { type: "sobol", n: 256 }, seed: 9 }).report.sobol!
      .y;
    const b = study({ model: "ishigami", design: { type: "sobol", n: 256 }, seed: 9 }).report.sobol!
      .y;
    const c = study({ model: "ishigami", design: { type: "sobol", n: 256 }, seed: 10 }).report
      .sobol!.y;
    expect(a).toEqual(b);
    expect(a.S1[0].estimate).not.toBe(c.S1[0].estimate);
  });
});

describe("replication noise", () => {
  const noisy = (pairedSeeds: boolean, replications: number) =>
    study({
      model: { name: "ishigami", noiseSd: 3 },
      design: { type: "sobol", n: 512 },
      replications,
      pairedSeeds,
      seed: 4,
    });

  it("paired seeds: additive noise is common to all points and cancels from ST exactly", () => {
    const clean = study({ model: "ishigami", design: { type: "sobol", n: 512 }, seed: 4 }).report
      .sobol!.y;
    const { report } = noisy(true, 20);
    const s = report.sobol!.y;
    for (let i = 0; i < 3; i++) {
      expect(s.ST[i].estimate).toBeCloseTo(clean.ST[i].estimate, 10);
      // Saltelli's S1 estimator is unbiased but not shift-invariant: a common shift c adds
      // c · mean(f(A_B) − f(A)) / V, which is small.
      expect(s.S1[i].estimate).toBeCloseTo(clean.S1[i].estimate, 2);
    }
    // The within-point variance (3² = 9) is measured; paired, it rests on the 20 shared noise
    // draws only: 9 χ²₁₉/19, inside [0.3, 2.4] × 9 with probability 0.999.
    expect(report.noise.y.withinVariance).toBeGreaterThan(0.3 * 9);
    expect(report.noise.y.withinVariance).toBeLessThan(2.4 * 9);
  });

  it("independent seeds: noise raises ST and lowers S1 by about its share, and is warned about", () => {
    const { p, report } = noisy(false, 2);
    const s = report.sobol!.y;
    const a = p.testModel!.analytic;
    const share = report.noise.y.share;
    // Var(ȳ) ≈ V + 9/2: share ≈ 4.5 / (13.84 + 4.5) ≈ 0.25.
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
    expect(report.warnings.map((w) => w.code)).toContain("replication-noise");
    expect(s.ST[2].estimate).toBeGreaterThan(a.ST[2] + 0.1); // x3's ST: 0.24 → about 0.24 (1 − share) + share
    expect(s.ST[2].estimate).toBeCloseTo(a.ST[2] * (1 - share) + share, 1);
  });

  it("one replication of a noisy model is warned about; of a deterministic one not", () => {
    expect(noisy(false, 1).report.warnings.map((w) => w.code)).toContain("single-replication");
    const det = study({ model: "ishigami", design: { type: "sobol", n: 256 } }).report;
    expect(det.warnings.map((w) => w.code)).not.toContain("single-replication");
  });
});

describe("Morris elementary effects", () => {
  it("Sobol' G: μ* ranks x1 > x2 > x3 > x4 > the rest, for every one of 8 seeds", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const m = study({ model: "sobol-g", design: { type: "morris", trajectories: 40 }, seed })
        .report.morris!.y;
      const ms = m.muStar.map((x) => x.estimate);
      for (let i = 0; i < 3; i++) expect(ms[i], `seed ${seed}`).toBeGreaterThan(ms[i + 1]);
      for (let i = 4; i < 8; i++) expect(ms[3]).toBeGreaterThan(3 * ms[i]);
      // The important two are separated beyond their intervals.
      expect(m.muStar[1].high).toBeLessThan(
        m.muStar[0].estimate + 1e-12 + (m.muStar[0].high - m.muStar[0].low),
      );
      expect(m.muStar[3].low).toBeGreaterThan(m.muStar[4].high);
    }
  });

  it("Ishigami: μ* finds x3 (S1 = 0, acting only with x1), whose signed μ cancels", () => {
    const m = study({ model: "ishigami", design: { type: "morris", trajectories: 200 }, seed: 3 })
      .report.morris!.y;
    expect(m.muStar[2].low).toBeGreaterThan(3);
    expect(Math.abs(m.mu[2])).toBeLessThan(m.muStar[2].estimate / 3);
    expect(m.sigma[2]).toBeGreaterThan(m.muStar[2].estimate);
  });

  it("Ishigami: x2 is additive (its effect depends on x2 alone), x1 and x3 interact", () => {
    const { p, report } = study({
      model: "ishigami",
      design: { type: "morris", trajectories: 100 },
      seed: 6,
    });
    const m = report.morris!.y;
    const L = p.design.morris!;
    const u = p.design.u!;
    const k = 3;
    // Group each factor's effects by (its own start level, direction): spread within a
    // group can only come from the other factors.
    const spread = (i: number) => {
      const groups = new Map<string, number[]>();
      for (let t = 0; t < L.r; t++) {
        const s = Array.from(L.factor.subarray(t * k, (t + 1) * k)).indexOf(i) + 1;
        const before = u[(t * (k + 1) + s - 1) * k + i];
        const key = `${before}:${L.sign[t * k + s - 1]}`;
        const list = groups.get(key) ?? [];
        list.push(m.ee[t * k + i]);
        groups.set(key, list);
      }
      let worst = 0;
      for (const g of groups.values()) worst = Math.max(worst, Math.max(...g) - Math.min(...g));
      return worst;
    };
    expect(spread(1)).toBeLessThan(1e-9);
    expect(spread(0)).toBeGreaterThan(1);
    expect(spread(2)).toBeGreaterThan(1);
  });

  it("warns about few trajectories", () => {
    const r = study({ model: "ishigami", design: { type: "morris", trajectories: 5 } }).report;
    expect(r.warnings.map((w) => w.code)).toContain("few-trajectories");
  });
});

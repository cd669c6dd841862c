import type { Factor, TestModelSpec } from "./schema.js";

/**
 * Analytic test functions with known Sobol' indices, so the whole pipeline
 * (design → units → outputs → estimators → intervals) can be checked
 * against exact values.
 */

export interface TestModel {
  name: "ishigami" | "sobol-g";
  /** Number of inputs. */
  k: number;
  /** f(x) for x in the model's own input space (not the unit cube). */
  evaluate(x: ArrayLike<number>): number;
  /** The standard input factors: Ishigami U(−π, π)³, G U(0, 1)^k. */
  factors: Factor[];
  /** SD of additive normal noise per evaluation (0: deterministic). */
  noiseSd: number;
  /** Exact first-order and total indices. */
  analytic: { S1: number[]; ST: number[]; variance: number; mean: number };
}

/**
 * T. Ishigami and T. Homma, "An importance quantification technique in
 * uncertainty analysis for computer models", ISUMA 1990:
 * f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π). With
 * V1 = (1 + b π⁴/5)²/2, V2 = a²/8, V13 = b² π⁸ (1/18 − 1/50) = 8 b² π⁸/225,
 * V = V1 + V2 + V13 (Saltelli et al., Global Sensitivity Analysis: The
 * Primer, 2008, §4.7; Sobol' and Levitan 1999): for a = 7, b = 0.1,
 * S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437). x3 acts only
 * through its interaction with x1; x2 is additive.
 */
export function ishigami(a = 7, b = 0.1, noiseSd = 0): TestModel {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = (8 * b * b * pi4 * pi4) / 225;
  const v = v1 + v2 + v13;
  const range: [number, number] = [-Math.PI, Math.PI];
  return {
    name: "ishigami",
    k: 3,
    evaluate: (x) => Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]),
    factors: ["x1", "x2", "x3"].map((path) => ({ path, range, distribution: "uniform" })),
    noiseSd,
    analytic: {
      S1: [v1 / v, v2 / v, 0],
      ST: [(v1 + v13) / v, v2 / v, v13 / v],
      variance: v,
      mean: a / 2,
    },
  };
}

/**
 * The G-function of I. M. Sobol' (1993) as named by A. Saltelli and I. M.
 * Sobol', "About the use of rank transformation in sensitivity analysis of
 * model output", Reliab. Eng. Syst. Saf. 50, 1995:
 * f = Π_i (|4 x_i − 2| + a_i)/(1 + a_i), x_i ~ U(0, 1). Each factor's
 * partial variance is V_i = 1/(3 (1 + a_i)²), the total V = Π (1 + V_i) − 1,
 * S1_i = V_i / V and ST_i = V_i Π_{j≠i} (1 + V_j) / V: the smaller a_i, the
 * more important x_i.
 */
export function sobolG(
  a: readonly number[] = [0, 1, 4.5, 9, 99, 99, 99, 99],
  noiseSd = 0,
): TestModel {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = vi.reduce((p, v) => p * (1 + v), 1);
  const V = prod - 1;
  return {
    name: "sobol-g",
    k: a.length,
    evaluate: (x) => {
      let y = 1;
      for (let i = 0; i < a.length; i++) y *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
      return y;
    },
    factors: a.map((_, i) => ({ path: `x${i + 1}`, range: [0, 1], distribution: "uniform" })),
    noiseSd,
    analytic: {
      S1: vi.map((v) => v / V),
      ST: vi.map((v) => (v * (prod / (1 + v))) / V),
      variance: V,
      mean: 1,
    },
  };
}

/** The test model an experiment names. */
export function testModel(spec: TestModelSpec): TestModel {
  if (spec === "ishigami") return ishigami();
  if (spec === "sobol-g") return sobolG();
  if (spec.name === "ishigami") return ishigami(spec.a, spec.b, spec.noiseSd);
  return sobolG(spec.a, spec.noiseSd);
}

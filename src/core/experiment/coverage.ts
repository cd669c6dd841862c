import { analyseExperiment } from "./analysis.js";
import { prepareExperiment, validateExperiment } from "./prepare.js";
import { runTestModel } from "./units.js";

/** How often the bootstrap intervals of a Sobol' study held the analytic indices. */
export interface CoverageResult {
  model: "ishigami" | "sobol-g";
  n: number;
  studies: number;
  /** Per factor: fraction of studies whose S1 (ST) interval held the analytic value. */
  S1: number[];
  ST: number[];
  /** Over all factors and both indices. */
  overall: number;
  /** Mean interval width per factor. */
  widthS1: number[];
  widthST: number[];
}

/**
 * Runs one Sobol' study of a test model per seed (each seed is an
 * independent scrambling and bootstrap) and counts how often each interval
 * contains the analytic index: the honest check of a nominal 95% interval.
 */
export function sobolCoverage(
  model: "ishigami" | "sobol-g",
  n: number,
  seeds: readonly number[],
  resamples = 1000,
): CoverageResult {
  let k = 0;
  let S1: number[] = [];
  let ST: number[] = [];
  let widthS1: number[] = [];
  let widthST: number[] = [];
  for (const seed of seeds) {
    const p = prepareExperiment(
      validateExperiment({
        version: 1,
        model,
        design: { type: "sobol", n, bootstrap: resamples },
        seed,
      }),
    );
    const m = p.testModel!;
    if (k === 0) {
      k = m.k;
      S1 = new Array(k).fill(0);
      ST = new Array(k).fill(0);
      widthS1 = new Array(k).fill(0);
      widthST = new Array(k).fill(0);
    }
    const s = analyseExperiment(p, runTestModel(p)).sobol!.y;
    for (let i = 0; i < k; i++) {
      if (s.S1[i].low <= m.analytic.S1[i] && m.analytic.S1[i] <= s.S1[i].high) S1[i]++;
      if (s.ST[i].low <= m.analytic.ST[i] && m.analytic.ST[i] <= s.ST[i].high) ST[i]++;
      widthS1[i] += s.S1[i].high - s.S1[i].low;
      widthST[i] += s.ST[i].high - s.ST[i].low;
    }
  }
  const studies = seeds.length;
  const frac = (a: number[]) => a.map((c) => c / studies);
  const hits = S1.reduce((a, b) => a + b, 0) + ST.reduce((a, b) => a + b, 0);
  return {
    model,
    n,
    studies,
    S1: frac(S1),
    ST: frac(ST),
    overall: hits / (2 * k * studies),
    widthS1: frac(widthS1),
    widthST: frac(widthST),
  };
}

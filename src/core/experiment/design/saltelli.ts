import type { Seed64 } from "../../rng/seed.js";
import { SobolSequence } from "../../stats/qmc/sobol-sequence.js";
import { factorValue } from "../factors.js";
import type { Factor, FactorValue } from "../schema.js";
import type { Design, SaltelliLayout } from "./types.js";

/**
 * The Saltelli design for Sobol' indices (A. Saltelli, "Making best use of
 * model evaluations to compute sensitivity indices", Comput. Phys. Commun.
 * 145, 2002; A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and
 * S. Tarantola, "Variance based sensitivity analysis of model output",
 * Comput. Phys. Commun. 181, 2010, §3): two N × k matrices A and B from the
 * first and last k coordinates of a 2k-dimensional (scrambled) Sobol'
 * sequence (I. M. Sobol', "Global sensitivity indices for nonlinear
 * mathematical models and their Monte Carlo estimates", Math. Comput. Simul.
 * 55, 2001), and for each factor i the matrix A_B^(i): A with column i
 * taken from B; with second order also B_A^(i): B with column i from A.
 *
 * Points are stored base row by base row, so that resampling the N rows (the
 * bootstrap) and a partial study (the first rows) stay whole:
 *   row j: A_j, B_j, A_B^(1)_j … A_B^(k)_j [, B_A^(1)_j … B_A^(k)_j].
 * The scramble is seeded by the master seed: another seed is an independent
 * randomisation of the same design.
 */
export function saltelliDesign(
  factors: readonly Factor[],
  n: number,
  secondOrder: boolean,
  scramble: Seed64 | null,
): Design {
  const k = factors.length;
  const layout: SaltelliLayout = { n, k, secondOrder, rowSize: secondOrder ? 2 * k + 2 : k + 2 };
  const seq = new SobolSequence(2 * k, scramble ? { scramble } : {});
  const base = seq.points(0, n);
  const points = n * layout.rowSize;
  const u = new Float64Array(points * k);
  for (let j = 0; j < n; j++) {
    const a = base.subarray(j * 2 * k, j * 2 * k + k);
    const b = base.subarray(j * 2 * k + k, (j + 1) * 2 * k);
    const put = (slot: number, from: Float64Array, swap: number, other: Float64Array) => {
      const off = (j * layout.rowSize + slot) * k;
      for (let i = 0; i < k; i++) u[off + i] = i === swap ? other[i] : from[i];
    };
    put(0, a, -1, b);
    put(1, b, -1, a);
    for (let i = 0; i < k; i++) put(2 + i, a, i, b);
    if (secondOrder) for (let i = 0; i < k; i++) put(2 + k + i, b, i, a);
  }
  const values: FactorValue[] = new Array(points * k);
  for (let p = 0; p < points; p++) {
    for (let i = 0; i < k; i++) values[p * k + i] = factorValue(factors[i], u[p * k + i]);
  }
  return { type: "sobol", k, points, u, values, saltelli: layout };
}

/** Point index of A_j, B_j, A_B^(i)_j or B_A^(i)_j in a Saltelli design. */
export function saltelliPoint(
  layout: SaltelliLayout,
  j: number,
  matrix: "A" | "B" | "AB" | "BA",
  i = 0,
): number {
  const base = j * layout.rowSize;
  switch (matrix) {
    case "A":
      return base;
    case "B":
      return base + 1;
    case "AB":
      return base + 2 + i;
    case "BA":
      if (!layout.secondOrder) throw new RangeError("B_A^(i) exists only with secondOrder");
      return base + 2 + layout.k + i;
  }
}

import type { FactorValue } from "../schema.js";

/** Where the base rows of a Saltelli design sit (see saltelli.ts). */
export interface SaltelliLayout {
  /** Base rows N. */
  n: number;
  /** Factors. */
  k: number;
  secondOrder: boolean;
  /** Points per base row: k + 2, or 2k + 2 with second order. */
  rowSize: number;
}

/** The moves of a Morris design (see morris.ts). */
export interface MorrisLayout {
  /** Trajectories r. */
  r: number;
  k: number;
  /** Grid levels p. */
  levels: number;
  /** Step Δ = p / (2 (p − 1)) in unit-cube coordinates. */
  delta: number;
  /** Factor moved at step s (1..k) of trajectory t: factor[t * k + s − 1]. */
  factor: Int32Array;
  /** +1 or −1: the direction of that move. */
  sign: Int8Array;
}

/** A design: its points in the unit cube (when it has them) and as factor values. */
export interface Design {
  type: "grid" | "lhs" | "sobol" | "morris" | "csv";
  /** Factors. */
  k: number;
  /** Design points. */
  points: number;
  /** Unit-cube coordinates, row-major: u[p * k + i]; null for grid and csv. */
  u: Float64Array | null;
  /** Factor values, row-major: values[p * k + i]. */
  values: FactorValue[];
  saltelli?: SaltelliLayout;
  morris?: MorrisLayout;
}

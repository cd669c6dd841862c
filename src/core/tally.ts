/**
 * Per-group running totals of the agents' state (how many are listed, top
 * tier, dissenting, …), kept up to date by the mechanisms at every change, so
 * that recording a step's metrics costs O(groups), not O(agents).
 * Cell (k, g) at k * G + g. Every total is a sum of integers below 2^53 —
 * counts, whole score points, perceived risk in units of 2^-24 — so it is
 * exact and independent of the order of the updates.
 */
export const TALLY = {
  count: 0,
  listed: 1,
  top: 2,
  scoreSum: 3,
  latent: 4,
  expressed: 5,
  approval: 6,
  approvalExpressed: 7,
  detained: 8,
  participating: 9,
  riskSum: 10,
  protest: 11,
  /** Ties kept by listed agents. */
  listedTies: 12,
  /** Distinct sanctions applying to listed agents. */
  listedSanctions: 13,
} as const;
export const N_TALLY = 14;

export class Tally {
  readonly v: Float64Array;
  constructor(readonly groups: number) {
    this.v = new Float64Array(N_TALLY * groups);
  }
  get(k: number, g: number): number {
    return this.v[k * this.groups + g];
  }
  total(k: number): number {
    let s = 0;
    for (let g = 0; g < this.groups; g++) s += this.v[k * this.groups + g];
    return s;
  }
}

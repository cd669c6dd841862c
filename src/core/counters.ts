/**
 * Event counters of the current step, per group: cell (c, g) at c * G + g,
 * G = number of groups. Mechanisms add to them; the metrics recorder reads
 * them at the end of the step and `reset` clears them. Preallocated: nothing is
 * allocated in the step loop.
 */
export const COUNTER = {
  obligations: 0,
  defaults: 1,
  defaultsPrevented: 2,
  attemptsFlight: 3,
  attemptsRail: 4,
  attemptsSchool: 5,
  attemptsSocialMedia: 6,
  attemptsLoan: 7,
  attemptsJob: 8,
  deniedFlight: 9,
  deniedRail: 10,
  deniedSchool: 11,
  deniedSocialMedia: 12,
  deniedLoan: 13,
  deniedJob: 14,
  newListings: 15,
  tiesCut: 16,
  transactions: 17,
  transactionsObserved: 18,
  falseMatches: 19,
  recordsCorrected: 20,
  newDetentions: 21,
  sanctionsOnListed: 22,
  /** New listings per sub-system (court .. security), own or shared by joint punishment. */
  newListingsBySubsystem: 23,
} as const;
export const N_COUNTERS = 28;

/** The first attempts counter; attempts of sanction s are at ATTEMPTS + s, denials at DENIED + s. */
export const ATTEMPTS = COUNTER.attemptsFlight;
export const DENIED = COUNTER.deniedFlight;

export class Counters {
  readonly v: Float64Array;
  constructor(readonly groups: number) {
    this.v = new Float64Array(N_COUNTERS * groups);
  }
  add(c: number, g: number, x = 1): void {
    this.v[c * this.groups + g] += x;
  }
  get(c: number, g: number): number {
    return this.v[c * this.groups + g];
  }
  total(c: number): number {
    let s = 0;
    for (let g = 0; g < this.groups; g++) s += this.v[c * this.groups + g];
    return s;
  }
  reset(): void {
    this.v.fill(0);
  }
}

/** A caution about a result, as data: a stable code for programs and a sentence for people. */
export interface AnalysisWarning {
  code:
    | "ci-includes-zero"
    | "s1-exceeds-st"
    | "small-n"
    | "not-power-of-two"
    | "zero-variance"
    | "non-finite"
    | "few-trajectories"
    | "replication-noise"
    | "single-replication";
  /** The output (and factor) it is about, when it is about one. */
  output?: string;
  factor?: string;
  message: string;
}

/** An estimate with its bootstrap percentile interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(Math.abs(x) >= 100 ? 1 : 4) : String(x);
}

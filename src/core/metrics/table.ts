/**
 * Per-step metrics of one run, held as one preallocated Float64Array so that
 * recording inside the step loop allocates nothing. Cell (step, metric, grp)
 * is at ((step * metrics.length) + metric) * grps.length + grp. grp 0 is
 * "all"; grp g > 0 is population group g - 1. A metric that has no meaning per
 * group stores NaN there, and is written out for "all" only.
 */
export class MetricsTable {
  readonly values: Float64Array;
  /** Number of steps recorded so far (rows 0 .. recorded-1 are valid). */
  recorded = 0;

  constructor(
    /** Metric names, e.g. "listed". */
    readonly metrics: readonly string[],
    /** "all", then each group's name. */
    readonly grps: readonly string[],
    /** Capacity in steps. */
    readonly steps: number,
  ) {
    this.values = new Float64Array(steps * metrics.length * grps.length).fill(Number.NaN);
  }

  index(metric: string): number {
    const m = this.metrics.indexOf(metric);
    if (m < 0) throw new Error(`scsim: unknown metric "${metric}"`);
    return m;
  }

  set(step: number, metric: number, grp: number, value: number): void {
    this.values[(step * this.metrics.length + metric) * this.grps.length + grp] = value;
  }

  get(step: number, metric: number, grp = 0): number {
    return this.values[(step * this.metrics.length + metric) * this.grps.length + grp];
  }

  /** The time series of one metric for one grp, steps 0 .. recorded-1. */
  series(metric: string, grp = 0): Float64Array {
    const m = this.index(metric);
    const out = new Float64Array(this.recorded);
    for (let t = 0; t < this.recorded; t++) out[t] = this.get(t, m, grp);
    return out;
  }

  /** Last recorded value of a metric. */
  last(metric: string, grp = 0): number {
    return this.get(this.recorded - 1, this.index(metric), grp);
  }

  /**
   * Calls fn for every stored cell in tidy order (step, metric, grp), skipping
   * NaN cells: the form the results store writes.
   */
  forEachTidy(fn: (step: number, metric: string, grp: string, value: number) => void): void {
    const M = this.metrics.length;
    const G = this.grps.length;
    for (let t = 0; t < this.recorded; t++) {
      for (let m = 0; m < M; m++) {
        for (let g = 0; g < G; g++) {
          const v = this.values[(t * M + m) * G + g];
          if (!Number.isNaN(v)) fn(t, this.metrics[m], this.grps[g], v);
        }
      }
    }
  }
}

/**
 * The harm and benefit measures (B2) the explorer tabulates and charts live.
 * They are core's (`src/core/compare/`: MEASURES and BASELINE_MEASURES, the
 * ones `scsim compare` reports), not a copy: this module only reads them over
 * the part of the horizon run so far. At step t a design's metrics table is
 * taken as if the run had ended there (rows 0..t), so its value is the one
 * `scsim compare` would print for a run of t recorded steps after the same
 * burn-in: stocks as means over the horizon so far, flows per 1000 agents a
 * year. A benefit is a difference from the same society with no system
 * (`systemOff`) on the same seed, read at the same step.
 */
import {
  BASELINE_MEASURES,
  type BaselineMeasure,
  baselineValue,
  type CompareRun,
  MEASURES,
  type Measure,
  type MeasureUnit,
} from "../../src/core/compare/measures.js";
import type { MetricsTable } from "../../src/core/metrics/table.js";

export { BASELINE_MEASURES, type BaselineMeasure, MEASURES, type Measure, type MeasureUnit };

/** What a live measure reads: a design's metrics table as received so far. */
export interface RunSource {
  /** The table, rows 0..t valid (t: the last step received; -1 before a load). */
  readonly table: MetricsTable | null;
  readonly t: number;
  readonly agents: number;
  readonly meanDegree: number;
}

/** Measures drawn as charts (the others are in the table only), in the table's order. */
export const CHARTED: ReadonlySet<string> = new Set([
  "listed_for_expression",
  "wrongly_listed",
  "listed",
  "detained",
  "chilling",
  "approval_gap",
  "children_denied_school",
  "ties_cut",
  "default_rate",
  "defaults_avoided",
  "chilling_added",
]);

/**
 * The run as `scsim compare` would see it had it stopped at step t: the same
 * table with rows 0..t (a view: nothing is copied).
 */
export function runAt(src: RunSource, t = src.t): CompareRun | null {
  const tab = src.table;
  if (!tab || t < 0) return null;
  const view = Object.create(tab) as MetricsTable;
  view.recorded = Math.min(t, src.t) + 1;
  return {
    seed: "live",
    agents: src.agents,
    metrics: view,
    // Ties kept are known at the last step received only.
    meanDegree: t >= src.t ? src.meanDegree : undefined,
  };
}

/** A measure's value over steps 1..t of a design's horizon, for grp (NaN where undefined). */
export function measureAt(m: Measure, src: RunSource, t: number, grp: number): number {
  const run = runAt(src, t);
  return run ? m.value(run, grp) : Number.NaN;
}

/** A benefit (or added harm) at step t: the design against its no-system baseline, same seed. */
export function baselineAt(m: BaselineMeasure, src: RunSource, base: RunSource, t: number): number {
  const run = runAt(src, t);
  const b = runAt(base, t);
  return run && b ? baselineValue(m, run, b) : Number.NaN;
}

/**
 * A chart's series, kept between redraws: point s is the value at step s (so
 * the last point is the table's), computed once per step as the steps
 * arrive. A measure over steps 1..s reads s rows, so the whole series costs
 * O(T²) reads, spread over the run.
 */
export class LiveSeries {
  readonly ys: (number | null)[] = [];

  constructor(private readonly at: (s: number) => number) {}

  /** Extends the series to step t. */
  extend(t: number): (number | null)[] {
    if (this.ys.length > t + 1) this.ys.length = t + 1;
    for (let s = this.ys.length; s <= t; s++) {
      const v = s === 0 ? Number.NaN : this.at(s);
      this.ys.push(Number.isFinite(v) ? v : null);
    }
    return this.ys;
  }
}

/**
 * A value as shown: shares in %, points in pp, ratios with ×, counts with
 * 2–3 significant digits.
 */
export function formatMeasure(v: number, unit: MeasureUnit): string {
  if (Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  switch (unit) {
    case "share":
      return `${(v * 100).toFixed(Math.abs(v * 100) < 10 ? 2 : 1)}%`;
    case "points":
      return `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)} pp`;
    case "ratio":
      return `${v.toFixed(2)}×`;
    default: {
      const a = Math.abs(v);
      const text = a >= 100 ? a.toFixed(0) : a >= 10 ? a.toFixed(1) : a.toFixed(2);
      return v < 0 ? `−${text}` : text;
    }
  }
}

/** A difference as shown, in the unit of the measure (differences of shares in pp). */
export function formatDifference(d: number, unit: MeasureUnit): string {
  if (Number.isNaN(d)) return "—";
  if (!Number.isFinite(d)) return d > 0 ? "+∞" : "−∞";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  if (unit === "share" || unit === "points") return `${sign}${Math.abs(d * 100).toFixed(1)} pp`;
  if (unit === "ratio") return `${sign}${Math.abs(d).toFixed(2)}×`;
  return `${sign}${formatMeasure(Math.abs(d), unit)}`;
}

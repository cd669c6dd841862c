/**
 * The comparison table: every measure of every scenario as a mean over seeds
 * with a t interval, and every baseline measure as a paired difference from
 * the scenario's counterfactual (the same society without the system, run on
 * the same seeds). The statistics are core/stats' (the experiment runner's).
 */
import { pairedDifference, type Summary, summarise } from "../stats/index.js";
import {
  BASELINE_MEASURES,
  type BaselineMeasure,
  baselineValue,
  type CompareRun,
  MEASURES,
  type Measure,
} from "./measures.js";

/** One column of the comparison: a scenario and its runs (one per seed). */
export interface CompareScenario {
  /** Column label, unique within a comparison (the preset name, or the scenario's name). */
  name: string;
  runs: readonly CompareRun[];
  /**
   * The same society without the system, run on the same seeds (runs in the
   * same order). Absent for a scenario that is its own baseline.
   */
  baseline?: { name: string; runs: readonly CompareRun[] };
  /** Where it came from ("preset integrated", a file path), for the report. */
  source?: string;
  preset?: string | null;
  /** The `--set`, `--agents`, `--steps` overrides it was run with. */
  overrides?: readonly string[];
  description?: string;
  /** The fully resolved scenario (with overrides, before the seed is set per run). */
  scenario?: unknown;
}

/** Mean, spread and interval of one measure over one scenario's seeds. */
export interface CellStats extends Summary {
  /** The per-seed values, in run order (NaN where undefined). */
  values: number[];
  /** An infinite value among the seeds (a ratio with an empty denominator): shown as ∞. */
  infinite: boolean;
}

export interface CompareRow {
  measure: Measure;
  /** One cell per scenario, in column order. */
  cells: CellStats[];
}

export interface BaselineRow {
  measure: BaselineMeasure;
  /** One cell per scenario; undefined where the scenario has no baseline. */
  cells: (CellStats | undefined)[];
}

export interface GroupRow {
  measure: Measure;
  /** Population groups' names (grps 1..G). */
  groups: string[];
  /** cells[scenario][group]. */
  cells: CellStats[][];
}

/**
 * Each scenario's benefit as a share of the largest in the table, per seed
 * (both differences are paired with their baselines on the same seed).
 */
export interface BenefitShareRow {
  /** The scenario with the largest mean of `of`. */
  reference: string;
  /** The baseline measure it is a share of (defaults_avoided). */
  of: string;
  cells: (CellStats | undefined)[];
}

export interface CompareTable {
  scenarios: string[];
  /** Number of runs (seeds) of each scenario. */
  runs: number[];
  /** Confidence level of every interval. */
  level: number;
  rows: CompareRow[];
  baseline: BaselineRow[];
  /** Undefined with fewer than two scenarios that have a baseline. */
  benefitShare?: BenefitShareRow;
  groups: GroupRow[];
}

/** Summary of per-seed values, with the per-seed values kept for the report. */
export function cellStats(values: number[], level = 0.95): CellStats {
  return {
    ...summarise(values, level),
    values,
    infinite: values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY),
  };
}

function baselineValues(
  m: BaselineMeasure,
  runs: readonly CompareRun[],
  base: readonly CompareRun[],
): number[] {
  return runs.map((r, k) => baselineValue(m, r, base[k]));
}

/** A paired difference as a cell: the same numbers `pairedDifference` gives, with the values. */
function pairedCell(values: number[], level: number): CellStats {
  const zero = values.map(() => 0);
  const d = pairedDifference(values, zero, level);
  return { ...d, values, infinite: false };
}

/**
 * Computes the table: one row per measure, one cell per scenario; the
 * baseline rows for scenarios with a counterfactual (its runs paired with the
 * scenario's by seed); and the per-group rows of measures that have them.
 */
export function compareTable(
  scenarios: readonly CompareScenario[],
  opts: { measures?: readonly Measure[]; level?: number } = {},
): CompareTable {
  const measures = opts.measures ?? MEASURES;
  const level = opts.level ?? 0.95;
  for (const s of scenarios) {
    const b = s.baseline;
    if (b && b.runs.map((r) => r.seed).join() !== s.runs.map((r) => r.seed).join()) {
      throw new RangeError(`scsim: the baseline of ${s.name} was not run on the same seeds`);
    }
  }
  const groups = (s: CompareScenario) => [...(s.runs[0]?.metrics.grps.slice(1) ?? [])];
  const baseline = BASELINE_MEASURES.map((measure) => ({
    measure,
    cells: scenarios.map((s) =>
      s.baseline ? pairedCell(baselineValues(measure, s.runs, s.baseline.runs), level) : undefined,
    ),
  }));
  return {
    scenarios: scenarios.map((s) => s.name),
    runs: scenarios.map((s) => s.runs.length),
    level,
    rows: measures.map((measure) => ({
      measure,
      cells: scenarios.map((s) =>
        cellStats(
          s.runs.map((r) => measure.value(r, 0)),
          level,
        ),
      ),
    })),
    baseline,
    benefitShare: benefitShare(scenarios, baseline, level),
    groups: measures
      .filter((m) => m.byGroup)
      .map((measure) => ({
        measure,
        groups: groups(scenarios[0] ?? { name: "", runs: [] }),
        cells: scenarios.map((s) =>
          groups(s).map((_, g) =>
            cellStats(
              s.runs.map((r) => measure.value(r, g + 1)),
              level,
            ),
          ),
        ),
      })),
  };
}

/** Each scenario's defaults avoided as a share of the scenario that avoids most, seed by seed. */
function benefitShare(
  scenarios: readonly CompareScenario[],
  baseline: readonly BaselineRow[],
  level: number,
): BenefitShareRow | undefined {
  const row = baseline.find((r) => r.measure.id === "defaults_avoided");
  if (!row || row.cells.filter((c) => c !== undefined).length < 2) return undefined;
  let ref = -1;
  row.cells.forEach((c, i) => {
    if (c && (ref < 0 || c.mean > (row.cells[ref]?.mean ?? Number.NEGATIVE_INFINITY))) ref = i;
  });
  const refValues = row.cells[ref]?.values ?? [];
  const runsOf = (i: number) => scenarios[i].runs.map((r) => r.seed).join();
  return {
    reference: scenarios[ref].name,
    of: "defaults_avoided",
    cells: row.cells.map((c, i) =>
      c && runsOf(i) === runsOf(ref)
        ? cellStats(
            c.values.map((v, k) => (refValues[k] > 0 ? v / refValues[k] : Number.NaN)),
            level,
          )
        : undefined,
    ),
  };
}

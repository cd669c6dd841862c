/**
 * The B2 measures and the statistics of a table cell: what one run of one
 * scenario is reduced to (MEASURES), and the mean and spread of that over
 * the seeds (cellStats). Kept together in one file: they move to core later,
 * with typed metric names.
 *
 * Every measure reduces one run to one number; a cell of the table is the
 * mean of that number over the seeds, with its sample standard deviation
 * when there are two or more.
 */
import type { MetricsTable } from "../../core/metrics/table.js";
import { reduceSeries } from "../summary.js";

/** One run of one scenario, as the comparison needs it. */
export interface CompareRun {
  seed: string;
  /** Number of agents of the run (the denominator of "per 1000 agents"). */
  agents: number;
  metrics: MetricsTable;
  /**
   * Mean number of ties per agent at the end of the run, counted as
   * `listed_degree` counts them (ties kept, not cut). Optional: without it
   * the relative-ties measure is undefined.
   */
  meanDegree?: number;
}

/** One column of the comparison: a scenario and its runs (one per seed). */
export interface CompareScenario {
  /** Column label, unique within a comparison (the preset name, or the scenario's name). */
  name: string;
  runs: readonly CompareRun[];
  /** Where it came from ("preset integrated", a file path), for the report. */
  source?: string;
  preset?: string | null;
  description?: string;
  /** The fully resolved scenario (with overrides, before the seed is set per run). */
  scenario?: unknown;
}

/** Which way a measure should move in a society that is better off. */
export type Better = "lower" | "higher" | "neither";

/** How a measure's value is shown (CSV keeps the raw value). */
export type MeasureUnit =
  /** a share of agents in [0, 1], shown as a percentage */
  | "share"
  /** a difference of two shares, shown in percentage points */
  | "points"
  /** a ratio, shown with × */
  | "ratio"
  /** a count per 1000 agents */
  | "per1000"
  /** a plain number */
  | "number";

export interface Measure {
  /** Stable key (CSV column `measure`). */
  id: string;
  /** Row label of the table. */
  label: string;
  /** The metric(s) of the run it is computed from. */
  metric: string;
  /** Exactly how one run is reduced to one number. */
  how: string;
  better: Better;
  unit: MeasureUnit;
  /** The value for one run; NaN where it is undefined (e.g. nobody listed). */
  value(run: CompareRun): number;
}

function has(tab: MetricsTable, metric: string): boolean {
  return tab.metrics.includes(metric) && tab.recorded > 0;
}

/** The value at the last recorded step (the end of the run); NaN if missing. */
export function finalValue(tab: MetricsTable, metric: string, grp = 0): number {
  return has(tab, metric) ? reduceSeries(tab, metric, grp, "final") : Number.NaN;
}

/** Sum over steps 1..T (step 0 is the initial state), NaN cells skipped; NaN if none. */
export function totalValue(tab: MetricsTable, metric: string, grp = 0): number {
  return has(tab, metric) ? reduceSeries(tab, metric, grp, "total") : Number.NaN;
}

/** Mean over steps 1..T of the non-NaN cells; NaN if none. */
export function meanValue(tab: MetricsTable, metric: string, grp = 0): number {
  return has(tab, metric) ? reduceSeries(tab, metric, grp, "mean") : Number.NaN;
}

function per1000(run: CompareRun, metric: string): number {
  return run.agents > 0 ? (totalValue(run.metrics, metric) / run.agents) * 1000 : Number.NaN;
}

/** Final `listed` share of each population group (grps 1..G) that has a value. */
function groupListedShares(tab: MetricsTable): number[] {
  const out: number[] = [];
  for (let g = 1; g < tab.grps.length; g++) {
    const v = finalValue(tab, "listed", g);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * Ratio of the listed share of the most-listed group to that of the
 * least-listed group at the end. 1 when nobody is listed (no disparity),
 * Infinity when some group has listed agents and another has none, NaN with
 * fewer than two groups.
 */
export function disparityRatio(tab: MetricsTable): number {
  const s = groupListedShares(tab);
  if (s.length < 2) return Number.NaN;
  const hi = Math.max(...s);
  const lo = Math.min(...s);
  if (hi === 0) return 1;
  return lo === 0 ? Number.POSITIVE_INFINITY : hi / lo;
}

/** Listed share of the most-listed group minus that of the least-listed, at the end; NaN with fewer than two groups. */
export function disparityGap(tab: MetricsTable): number {
  const s = groupListedShares(tab);
  return s.length < 2 ? Number.NaN : Math.max(...s) - Math.min(...s);
}

/**
 * The B2 measures, in table order. "Final" is the value at the last step of
 * the run; "total" the sum over steps 1..T; "mean" the mean over steps 1..T;
 * all of grp "all" unless said otherwise. Counts of denials are attempts
 * (M11), not persons.
 */
export const MEASURES: readonly Measure[] = [
  {
    id: "wrongly_listed",
    label: "wrongly listed (% of agents)",
    metric: "wrongly_listed",
    how: "final share of agents on a blacklist with no true violation in the violation window",
    better: "lower",
    unit: "share",
    value: (r) => finalValue(r.metrics, "wrongly_listed"),
  },
  {
    id: "listed",
    label: "listed (% of agents)",
    metric: "listed",
    how: "final share of agents on any blacklist",
    better: "lower",
    unit: "share",
    value: (r) => finalValue(r.metrics, "listed"),
  },
  {
    id: "list_precision",
    label: "list precision (% of listed)",
    metric: "list_precision",
    how: "final share of the listed agents who have a true violation in the window (undefined when nobody is listed)",
    better: "higher",
    unit: "share",
    value: (r) => finalValue(r.metrics, "list_precision"),
  },
  {
    id: "disparity_ratio",
    label: "group disparity: listed, max/min",
    metric: "listed (per group)",
    how: "final listed share of the most-listed group divided by that of the least-listed group (1 when nobody is listed, ∞ when one group has nobody listed)",
    better: "lower",
    unit: "ratio",
    value: (r) => disparityRatio(r.metrics),
  },
  {
    id: "disparity_gap",
    label: "group disparity: listed, max−min (pp)",
    metric: "listed (per group)",
    how: "final listed share of the most-listed group minus that of the least-listed group",
    better: "lower",
    unit: "points",
    value: (r) => disparityGap(r.metrics),
  },
  {
    id: "chilling",
    label: "chilling (% of dissent unexpressed)",
    metric: "chilling",
    how: "final 1 − expressed dissent / latent dissent (undefined when nobody dissents)",
    better: "lower",
    unit: "share",
    value: (r) => finalValue(r.metrics, "chilling"),
  },
  {
    id: "protest",
    label: "protest (% of agents, mean per step)",
    metric: "protest",
    how: "mean over steps 1..T of the share of agents protesting; grievance shows up in it as much as freedom, so neither direction is better (its suppression is measured by chilling)",
    better: "neither",
    unit: "share",
    value: (r) => meanValue(r.metrics, "protest"),
  },
  {
    id: "ties_cut_per_agent",
    label: "ostracism: ties cut per agent",
    metric: "ties_cut",
    how: "final cumulative number of ties cut (each tie once) divided by the number of agents",
    better: "lower",
    unit: "number",
    value: (r) => (r.agents > 0 ? finalValue(r.metrics, "ties_cut") / r.agents : Number.NaN),
  },
  {
    id: "listed_relative_degree",
    label: "ostracism: ties of listed / average",
    metric: "listed_degree",
    how: "final mean ties of a listed agent divided by the final mean ties of all agents (both count ties kept, i.e. not cut; undefined when nobody is listed)",
    better: "higher",
    unit: "ratio",
    value: (r) =>
      r.meanDegree !== undefined && r.meanDegree > 0
        ? finalValue(r.metrics, "listed_degree") / r.meanDegree
        : Number.NaN,
  },
  {
    id: "detained",
    label: "detained (% of agents)",
    metric: "detained",
    how: "final share of agents in detention",
    better: "lower",
    unit: "share",
    value: (r) => finalValue(r.metrics, "detained"),
  },
  {
    id: "denied_school_per_1000",
    label: "children denied school (per 1000 agents)",
    metric: "denied_school",
    how: "total school applications denied over the run, per 1000 agents",
    better: "lower",
    unit: "per1000",
    value: (r) => per1000(r, "denied_school"),
  },
  {
    id: "approval_gap",
    label: "approval gap: expressed − private (pp)",
    metric: "approval_expressed, approval_private",
    how: "final share expressing approval minus final share approving in private (preference falsification when positive)",
    better: "lower",
    unit: "points",
    value: (r) =>
      finalValue(r.metrics, "approval_expressed") - finalValue(r.metrics, "approval_private"),
  },
  {
    id: "defaults_avoided_per_1000",
    label: "defaults avoided (per 1000 agents)",
    metric: "defaults_prevented",
    how: "total defaults deterred by the system (the agent paid anyway) over the run, per 1000 agents",
    better: "higher",
    unit: "per1000",
    value: (r) => per1000(r, "defaults_prevented"),
  },
  {
    id: "default_rate",
    label: "default rate (% of obligations)",
    metric: "default_rate",
    how: "mean over steps 1..T of defaults / obligations due in the step",
    better: "lower",
    unit: "share",
    value: (r) => meanValue(r.metrics, "default_rate"),
  },
  {
    id: "denied_flight_per_1000",
    label: "flights denied (per 1000 agents)",
    metric: "denied_flight",
    how: "total flight bookings denied over the run (attempts), per 1000 agents",
    better: "lower",
    unit: "per1000",
    value: (r) => per1000(r, "denied_flight"),
  },
  {
    id: "denied_rail_per_1000",
    label: "train tickets denied (per 1000 agents)",
    metric: "denied_rail",
    how: "total rail tickets denied over the run (attempts), per 1000 agents",
    better: "lower",
    unit: "per1000",
    value: (r) => per1000(r, "denied_rail"),
  },
  {
    id: "denied_loan_per_1000",
    label: "loans denied (per 1000 agents)",
    metric: "denied_loan",
    how: "total loan requests denied over the run (attempts), per 1000 agents",
    better: "lower",
    unit: "per1000",
    value: (r) => per1000(r, "denied_loan"),
  },
];

/** Mean and spread of one measure over one scenario's seeds. */
export interface CellStats {
  /** Mean of the defined (non-NaN) values; NaN if none. Infinity if one is infinite. */
  mean: number;
  /** Sample standard deviation (n − 1) when n ≥ 2 and all values are finite; NaN otherwise. */
  sd: number;
  /** Number of seeds with a defined value. */
  n: number;
  /** The per-seed values, in run order (NaN where undefined). */
  values: number[];
}

export interface CompareRow {
  measure: Measure;
  /** One cell per scenario, in column order. */
  cells: CellStats[];
}

export interface CompareTable {
  scenarios: string[];
  /** Number of runs (seeds) of each scenario. */
  runs: number[];
  rows: CompareRow[];
}

/** Mean and sample standard deviation of the non-NaN values. */
export function cellStats(values: number[]): CellStats {
  const def = values.filter((v) => !Number.isNaN(v));
  const n = def.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n, values };
  const mean = def.reduce((a, v) => a + v, 0) / n;
  let sd = Number.NaN;
  if (n >= 2 && def.every(Number.isFinite)) {
    sd = Math.sqrt(def.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  }
  return { mean, sd, n, values };
}

/** Computes the B2 table: one row per measure, one cell per scenario. */
export function compareTable(
  scenarios: readonly CompareScenario[],
  measures: readonly Measure[] = MEASURES,
): CompareTable {
  return {
    scenarios: scenarios.map((s) => s.name),
    runs: scenarios.map((s) => s.runs.length),
    rows: measures.map((measure) => ({
      measure,
      cells: scenarios.map((s) => cellStats(s.runs.map((r) => measure.value(r)))),
    })),
  };
}

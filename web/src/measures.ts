/**
 * The harm and benefit measures (B2) the explorer charts and tabulates live,
 * read from the metrics each step records. A measure's value at step t
 * reduces steps 1..t: "final" is the value at t, "mean" the mean over 1..t,
 * "per1000" the total over 1..t per 1000 agents of the grp. The series a
 * chart draws is the same reduction at every step, except for "mean"
 * measures, drawn step by step (the running mean hides the dynamics).
 */
export type Reduce = "final" | "mean" | "per1000" | "perAgent";
export type Unit = "share" | "points" | "per1000" | "number";
export type Better = "lower" | "higher" | "neither";

export interface LiveMeasure {
  id: string;
  label: string;
  /** The metric, or [a, b] for a − b. */
  metric: string | readonly [string, string];
  reduce: Reduce;
  unit: Unit;
  better: Better;
  /** A chart of it is drawn. */
  chart: boolean;
}

export const LIVE_MEASURES: readonly LiveMeasure[] = [
  {
    id: "wrongly_listed",
    label: "Wrongly listed",
    metric: "wrongly_listed",
    reduce: "final",
    unit: "share",
    better: "lower",
    chart: true,
  },
  {
    id: "listed",
    label: "Listed",
    metric: "listed",
    reduce: "final",
    unit: "share",
    better: "lower",
    chart: true,
  },
  {
    id: "list_precision",
    label: "List precision (listed with a true violation)",
    metric: "list_precision",
    reduce: "final",
    unit: "share",
    better: "higher",
    chart: false,
  },
  {
    id: "chilling",
    label: "Chilling (dissent left unsaid)",
    metric: "chilling",
    reduce: "final",
    unit: "share",
    better: "lower",
    chart: true,
  },
  {
    id: "protest",
    label: "Protesting (mean per step)",
    metric: "protest",
    reduce: "mean",
    unit: "share",
    better: "neither",
    chart: true,
  },
  {
    id: "ties_cut",
    label: "Ostracism: ties cut per agent",
    metric: "ties_cut",
    reduce: "perAgent",
    unit: "number",
    better: "lower",
    chart: true,
  },
  {
    id: "detained",
    label: "Detained",
    metric: "detained",
    reduce: "final",
    unit: "share",
    better: "lower",
    chart: true,
  },
  {
    id: "denied_school",
    label: "Children denied school (per 1000 agents)",
    metric: "denied_school",
    reduce: "per1000",
    unit: "per1000",
    better: "lower",
    chart: true,
  },
  {
    id: "approval_gap",
    label: "Approval gap: stated − private",
    metric: ["approval_expressed", "approval_private"],
    reduce: "final",
    unit: "points",
    better: "lower",
    chart: true,
  },
  {
    id: "defaults_prevented",
    label: "Defaults avoided (per 1000 agents)",
    metric: "defaults_prevented",
    reduce: "per1000",
    unit: "per1000",
    better: "higher",
    chart: true,
  },
  {
    id: "default_rate",
    label: "Default rate (of obligations, mean per step)",
    metric: "default_rate",
    reduce: "mean",
    unit: "share",
    better: "lower",
    chart: true,
  },
  {
    id: "denied_flight",
    label: "Flights denied (per 1000 agents)",
    metric: "denied_flight",
    reduce: "per1000",
    unit: "per1000",
    better: "lower",
    chart: false,
  },
  {
    id: "denied_loan",
    label: "Loans denied (per 1000 agents)",
    metric: "denied_loan",
    reduce: "per1000",
    unit: "per1000",
    better: "lower",
    chart: false,
  },
];

/** What a measure reads: one value of a metric at a step for a grp (NaN where undefined). */
export interface MetricSource {
  get(metric: string, step: number, grp: number): number;
  /** Agents of the grp (0 = all). */
  grpSize(grp: number): number;
}

function raw(m: LiveMeasure, src: MetricSource, step: number, grp: number): number {
  return typeof m.metric === "string"
    ? src.get(m.metric, step, grp)
    : src.get(m.metric[0], step, grp) - src.get(m.metric[1], step, grp);
}

/** The measure's value at step t for a grp (the table's cell). */
export function measureAt(m: LiveMeasure, src: MetricSource, t: number, grp: number): number {
  if (m.reduce === "final") return raw(m, src, t, grp);
  if (m.reduce === "perAgent") {
    const n = src.grpSize(grp);
    return n > 0 ? raw(m, src, t, grp) / n : Number.NaN;
  }
  let sum = 0;
  let k = 0;
  for (let s = 1; s <= t; s++) {
    const v = raw(m, src, s, grp);
    if (Number.isNaN(v)) continue;
    sum += v;
    k++;
  }
  if (m.reduce === "mean") return k > 0 ? sum / k : Number.NaN;
  const n = src.grpSize(grp);
  return n > 0 ? (sum / n) * 1000 : Number.NaN;
}

/**
 * The chart's series over steps 0..t for a grp: the value at each step (a
 * running total for per-1000 measures), null where undefined.
 */
export function measureSeries(
  m: LiveMeasure,
  src: MetricSource,
  t: number,
  grp: number,
  out: (number | null)[],
): void {
  out.length = t + 1;
  const n = src.grpSize(grp);
  let sum = 0;
  for (let s = 0; s <= t; s++) {
    const v = raw(m, src, s, grp);
    let y: number;
    if (m.reduce === "per1000") {
      if (s > 0 && !Number.isNaN(v)) sum += v;
      y = n > 0 ? (sum / n) * 1000 : Number.NaN;
    } else if (m.reduce === "perAgent") {
      y = n > 0 ? v / n : Number.NaN;
    } else {
      y = v;
    }
    out[s] = Number.isFinite(y) ? y : null;
  }
}

/** A value as shown: shares in %, points in pp, counts with 2–3 significant digits. */
export function formatMeasure(v: number, unit: Unit): string {
  if (Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  switch (unit) {
    case "share":
      return `${(v * 100).toFixed(v * 100 < 10 ? 2 : 1)}%`;
    case "points":
      return `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)} pp`;
    default:
      return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  }
}

/** The difference B − A as shown, in the unit of the measure (shares in pp). */
export function formatDifference(d: number, unit: Unit): string {
  if (Number.isNaN(d)) return "—";
  if (!Number.isFinite(d)) return d > 0 ? "+∞" : "−∞";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  if (unit === "share" || unit === "points") return `${sign}${Math.abs(d * 100).toFixed(1)} pp`;
  return `${sign}${formatMeasure(Math.abs(d), unit)}`;
}

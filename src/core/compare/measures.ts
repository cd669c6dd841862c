/**
 * The B2 measures: what one run of one scenario is reduced to, over the
 * recorded horizon (rows 1..T of its metrics table, after the burn-in).
 *
 * Harms are counted in rights terms: a person listed for lawful speech or
 * protest is harmed, whatever the regime calls it; "the regime's precision" is
 * kept only under that name. Stocks (shares of agents) are means over the
 * horizon, which at a stationary state is the steady level measured with less
 * noise than the last step; flows are totals over the horizon per 1000 agents
 * a year. Benefits are not measures of one run: they are differences from the
 * same society without the system on the same seed (see `BASELINE_MEASURES`).
 */
import { type Reduce, reduceSeries } from "../metrics/reduce.js";
import type { MetricsTable } from "../metrics/table.js";
import type { MetricName } from "../world/world.js";

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

/** Which way a measure should move in a society that is better off. */
export type Better = "lower" | "higher" | "neither";

/** How a measure's value is shown (CSV keeps the raw value). */
export type MeasureUnit =
  /** a share in [0, 1], shown as a percentage */
  | "share"
  /** a difference of two shares, shown in percentage points */
  | "points"
  /** a ratio, shown with × */
  | "ratio"
  /** a count per 1000 agents (or per 1000 of the group named in the label) a year */
  | "per1000y"
  /** a plain number */
  | "number";

/** What a measure is about, for grouping the table's rows. */
export type MeasureKind = "rights" | "speech" | "sanctions" | "ties" | "credit";

export interface Measure {
  /** Stable key (CSV column `measure`). */
  readonly id: string;
  /** Row label of the table. */
  readonly label: string;
  readonly kind: MeasureKind;
  /** The metrics of the run it is computed from. */
  readonly metrics: readonly MetricName[];
  /** Exactly how one run is reduced to one number. */
  readonly how: string;
  readonly better: Better;
  readonly unit: MeasureUnit;
  /** Shown per population group too (a rate of the group's own agents). */
  readonly byGroup?: boolean;
  /** The value for one run and grp (0 = all, g + 1 = group g); NaN where undefined. */
  value(run: CompareRun, grp: number): number;
}

function reduce(run: CompareRun, metric: MetricName, how: Reduce, grp = 0): number {
  return reduceSeries(run.metrics, metric, grp, how);
}

/** Rows 1..T of the horizon, in years. */
function years(run: CompareRun): number {
  return Math.max(0, run.metrics.recorded - 1) / 365;
}

/** Agents of grp: the run's agents for "all", the `agents` metric for a group. */
function agentsOf(run: CompareRun, grp: number): number {
  if (grp === 0) return run.agents;
  return reduce(run, "agents", "final", grp);
}

/** Total of a count over the horizon, per 1000 agents of grp a year. */
export function per1000y(run: CompareRun, metric: MetricName, grp = 0): number {
  const n = agentsOf(run, grp);
  const y = years(run);
  return n > 0 && y > 0 ? (reduce(run, metric, "total", grp) / n / y) * 1000 : Number.NaN;
}

/** The mean over the horizon of a metric for grp. */
export function horizonMean(run: CompareRun, metric: MetricName, grp = 0): number {
  return reduce(run, metric, "mean", grp);
}

/** Mean `listed` share of each population group over the horizon. */
function groupListedShares(run: CompareRun): number[] {
  const out: number[] = [];
  for (let g = 1; g < run.metrics.grps.length; g++) {
    const v = horizonMean(run, "listed", g);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * Ratio of the mean listed share of the most-listed group to that of the
 * least-listed one. 1 when nobody is listed, Infinity when one group has
 * listed agents and another none, NaN with fewer than two groups.
 */
export function disparityRatio(run: CompareRun): number {
  const s = groupListedShares(run);
  if (s.length < 2) return Number.NaN;
  const hi = Math.max(...s);
  const lo = Math.min(...s);
  if (hi === 0) return 1;
  return lo === 0 ? Number.POSITIVE_INFINITY : hi / lo;
}

const share = (
  id: MetricName,
  label: string,
  kind: MeasureKind,
  how: string,
  better: Better = "lower",
  byGroup = false,
): Measure => ({
  id,
  label,
  kind,
  metrics: [id],
  how: `mean over the horizon of ${how}`,
  better,
  unit: "share",
  byGroup,
  value: (r, grp) => horizonMean(r, id, grp),
});

const rate = (
  id: string,
  metric: MetricName,
  label: string,
  kind: MeasureKind,
  how: string,
  better: Better = "lower",
): Measure => ({
  id,
  label,
  kind,
  metrics: [metric],
  how: `${how} over the horizon, per 1000 agents a year`,
  better,
  unit: "per1000y",
  value: (r, grp) => per1000y(r, metric, grp),
});

/**
 * Total of a count over the horizon per 1000 agent-years at liberty: a
 * detained agent owes no statements, so per head of the whole population a
 * system that detains people would "avoid" their defaults by removing them
 * from economic life, and the counterfactual would book that removal as a
 * benefit.
 */
export function per1000yAtLiberty(run: CompareRun, metric: MetricName, grp = 0): number {
  const free = 1 - horizonMean(run, "detained", grp);
  return free > 0 ? per1000y(run, metric, grp) / free : Number.NaN;
}

const libertyRate = (metric: MetricName, label: string, how: string): Measure => ({
  id: metric,
  label,
  kind: "credit",
  metrics: [metric, "detained"],
  how: `${how} over the horizon, per 1000 agents at liberty a year (agents × years × the mean share not detained): detention ends a person's statements, and is not a default avoided`,
  better: "lower",
  unit: "per1000y",
  value: (r, grp) => per1000yAtLiberty(r, metric, grp),
});

/**
 * The B2 measures, in table order: rights first (who is listed, and why),
 * then speech, sanctions, ties and credit.
 */
export const MEASURES: readonly Measure[] = [
  share(
    "listed_for_expression",
    "listed for lawful speech or protest (% of agents)",
    "rights",
    "the share of agents listed where records of lawful criticism or protest were needed to cross the threshold",
    "lower",
    true,
  ),
  share(
    "erroneously_listed",
    "listed in error: no violation of any kind (% of agents)",
    "rights",
    "the share of agents listed with no true violation at all (record errors, false positives, false matches)",
    "lower",
    true,
  ),
  share(
    "listed_for_association",
    "listed for their contacts (% of agents)",
    "rights",
    "the share of agents listed through the association penalty",
  ),
  share(
    "wrongly_listed",
    "wrongly listed: no true financial or legal violation (% of agents)",
    "rights",
    "the share of agents listed without true financial or legal violations that alone warrant it (the union of the rows above)",
    "lower",
    true,
  ),
  share(
    "listed",
    "listed, for any reason (% of agents)",
    "rights",
    "the share of agents on any blacklist",
    "lower",
    true,
  ),
  {
    id: "list_precision",
    label: "list precision: rightly listed (% of listed)",
    kind: "rights",
    metrics: ["list_precision"],
    how: "mean over the horizon of the share of the listed whose true financial or legal violations alone warrant it (undefined when nobody is listed)",
    better: "higher",
    unit: "share",
    value: (r, grp) => horizonMean(r, "list_precision", grp),
  },
  {
    id: "list_precision_regime",
    label: "the regime's precision: speech counted as a violation (% of listed)",
    kind: "rights",
    metrics: ["list_precision_regime"],
    how: "mean over the horizon of the share of the listed with a default, criticism or protest in the violation window: what the regime calls precision, shown so the difference can be seen",
    better: "neither",
    unit: "share",
    value: (r, grp) => horizonMean(r, "list_precision_regime", grp),
  },
  {
    id: "disparity_ratio",
    label: "group disparity in listing, most/least listed group",
    kind: "rights",
    metrics: ["listed"],
    how: "mean listed share over the horizon of the most-listed group divided by that of the least-listed group (1 when nobody is listed, ∞ when one group has nobody listed)",
    better: "lower",
    unit: "ratio",
    value: (r) => disparityRatio(r),
  },
  share(
    "detained",
    "detained (% of agents)",
    "rights",
    "the share of agents in detention",
    "lower",
    true,
  ),
  share(
    "chilling",
    "chilling: dissent left unsaid (% of dissent)",
    "speech",
    "1 − expressed dissent / latent dissent (undefined when nobody dissents)",
    "lower",
    true,
  ),
  share(
    "chilling_learned_sanctions",
    "… silenced by sanctions seen for speech (% of dissenters)",
    "speech",
    "the share of latent dissenters kept silent by the sanctions for speech they saw among contacts alone",
  ),
  share(
    "chilling_surveillance_belief",
    "… silenced by believed surveillance (% of dissenters)",
    "speech",
    "the share of latent dissenters kept silent by the surveillance they believe in alone (announced, or seen on their own record)",
  ),
  share(
    "chilling_prior",
    "… silenced by prior fear, not the system (% of dissenters)",
    "speech",
    "the share of latent dissenters kept silent by the prior fear alone",
  ),
  {
    id: "approval_gap",
    label: "approval gap: expressed − private (pp)",
    kind: "speech",
    metrics: ["approval_expressed", "approval_private"],
    how: "mean over the horizon of the share expressing approval minus the share approving in private (preference falsification when positive)",
    better: "lower",
    unit: "points",
    value: (r, grp) =>
      horizonMean(r, "approval_expressed", grp) - horizonMean(r, "approval_private", grp),
  },
  share(
    "protest",
    "protesting (% of agents, mean per day)",
    "speech",
    "the share of agents protesting on a day; grievance shows in it as much as freedom, so neither direction is better (its suppression is measured by chilling)",
    "neither",
    false,
  ),
  {
    id: "children_denied_school",
    label: "children denied school (per 1000 children a year)",
    kind: "sanctions",
    metrics: ["children_denied_school", "parents"],
    how: "distinct children denied a school in a school year, over the horizon, per 1000 children (agents with a school-age child) a year",
    better: "lower",
    unit: "per1000y",
    byGroup: true,
    value: (r, grp) => {
      const children = horizonMean(r, "parents", grp);
      return children > 0 ? per1000y(r, "children_denied_school", grp) / children : Number.NaN;
    },
  },
  rate(
    "denied_flight",
    "denied_flight",
    "flights denied (per 1000 agents a year)",
    "sanctions",
    "flight bookings denied (attempts)",
  ),
  rate(
    "denied_rail",
    "denied_rail",
    "train tickets denied (per 1000 agents a year)",
    "sanctions",
    "rail tickets denied (attempts)",
  ),
  rate(
    "denied_job",
    "denied_job",
    "jobs denied (per 1000 agents a year)",
    "sanctions",
    "applications for posts denied (attempts)",
  ),
  rate(
    "denied_social_media",
    "denied_social_media",
    "posts blocked (per 1000 agents a year)",
    "sanctions",
    "online posts blocked by a social-media ban",
  ),
  rate(
    "denied_loan",
    "denied_loan",
    "loans denied (per 1000 agents a year)",
    "credit",
    "loan requests denied (attempts)",
  ),
  {
    id: "ties_cut",
    label: "ostracism: ties cut (per 1000 agents a year)",
    kind: "ties",
    metrics: ["ties_cut"],
    how: "ties cut over the horizon (each tie once), per 1000 agents a year",
    better: "lower",
    unit: "per1000y",
    value: (r) => {
      const y = years(r);
      return r.agents > 0 && y > 0
        ? (reduce(r, "ties_cut", "final") / r.agents / y) * 1000
        : Number.NaN;
    },
  },
  {
    id: "listed_relative_degree",
    label: "ostracism: ties of the listed / of everyone",
    kind: "ties",
    metrics: ["listed_degree"],
    how: "mean ties kept by a listed agent at the end divided by the mean ties kept by all agents at the end (undefined when nobody is listed)",
    better: "higher",
    unit: "ratio",
    value: (r) =>
      r.meanDegree !== undefined && r.meanDegree > 0
        ? reduce(r, "listed_degree", "final") / r.meanDegree
        : Number.NaN,
  },
  libertyRate(
    "defaults",
    "defaults (per 1000 agents at liberty a year)",
    "statements defaulted (unable or strategic)",
  ),
  libertyRate(
    "strategic_defaults",
    "strategic defaults (per 1000 agents at liberty a year)",
    "statements defaulted by agents able to pay",
  ),
  {
    id: "default_rate",
    label: "default rate (% of statements)",
    kind: "credit",
    metrics: ["defaults", "obligations"],
    how: "defaults over the horizon divided by statements due over the horizon",
    better: "lower",
    unit: "share",
    value: (r, grp) => {
      const due = reduce(r, "obligations", "total", grp);
      return due > 0 ? reduce(r, "defaults", "total", grp) / due : Number.NaN;
    },
  },
];

/** A difference from the same society without the system, on the same seed. */
export interface BaselineMeasure {
  readonly id: string;
  readonly label: string;
  /** The measure it is a difference of. */
  readonly of: string;
  /**
   * "avoided": baseline − scenario (what the system prevents); "added":
   * scenario − baseline (what it brings about); "avoided-share": (baseline −
   * scenario) / baseline, per seed.
   */
  readonly sign: "avoided" | "added" | "avoided-share";
  readonly unit: MeasureUnit;
  readonly better: Better;
  readonly how: string;
}

/**
 * The rows measured against the counterfactual: the benefit the system claims
 * (defaults avoided) and the harms no single run shows (speech silenced,
 * approval falsified beyond what the society would have without it).
 */
export const BASELINE_MEASURES: readonly BaselineMeasure[] = [
  {
    id: "defaults_avoided",
    label: "defaults avoided (per 1000 agents at liberty a year)",
    of: "defaults",
    sign: "avoided",
    unit: "per1000y",
    better: "higher",
    how: "defaults per 1000 agents at liberty a year without the system minus with it, on the same seed (detained agents owe nothing, and their removal is not counted as a benefit); the mean over seeds with a paired-t 95% interval",
  },
  {
    id: "defaults_avoided_share",
    label: "defaults avoided (% of the baseline's)",
    of: "defaults",
    sign: "avoided-share",
    unit: "share",
    better: "higher",
    how: "(defaults without the system − with it) / defaults without it, per seed; mean over seeds with a t 95% interval",
  },
  {
    id: "strategic_defaults_avoided",
    label: "strategic defaults avoided (per 1000 agents at liberty a year)",
    of: "strategic_defaults",
    sign: "avoided",
    unit: "per1000y",
    better: "higher",
    how: "strategic defaults per 1000 agents at liberty a year without the system minus with it, paired by seed",
  },
  {
    id: "chilling_added",
    label: "chilling added by the system (pp)",
    of: "chilling",
    sign: "added",
    unit: "points",
    better: "lower",
    how: "chilling with the system minus without it, paired by seed: the dissent the system silences beyond the society's own fear",
  },
  {
    id: "approval_gap_added",
    label: "approval gap added by the system (pp)",
    of: "approval_gap",
    sign: "added",
    unit: "points",
    better: "lower",
    how: "the approval gap with the system minus without it, paired by seed",
  },
];

/**
 * One baseline measure for one run paired with its baseline run (same seed):
 * the per-seed value the table summarises.
 */
export function baselineValue(m: BaselineMeasure, run: CompareRun, base: CompareRun): number {
  const of = measureById(m.of);
  const x = of.value(run, 0);
  const b = of.value(base, 0);
  if (m.sign === "added") return x - b;
  if (m.sign === "avoided") return b - x;
  return b !== 0 ? (b - x) / b : Number.NaN;
}

/** The measure of a given id. */
export function measureById(id: string): Measure {
  const m = MEASURES.find((x) => x.id === id);
  if (!m) throw new RangeError(`scsim: no measure "${id}"`);
  return m;
}

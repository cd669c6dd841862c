/**
 * Is a measure still trending at the end of the horizon? A table read off a
 * transient (a list still filling up) says nothing about the design's steady
 * state, so compare checks each stock it reports and warns.
 *
 * The check: per seed, the relative change of the metric's mean over the last
 * `window` steps (a year) against its mean over the `window` steps a `lag`
 * (a year) earlier — the last year against the year before;
 * over seeds, the mean change and its t interval. A metric trends when the
 * mean change is larger than `tolerance` (10% a year) and its interval
 * excludes 0: both material and more than noise. Levels below `floor` (a
 * share of agents) are left out: a relative change of a handful of agents
 * says nothing.
 */
import type { MetricsTable } from "../metrics/table.js";
import { type Summary, summarise } from "../stats/index.js";

export interface TrendOptions {
  /** Steps averaged at each end (default 365). */
  window?: number;
  /** Steps between the two windows (default 365: a year). */
  lag?: number;
  /** Relative change per `lag` above which a metric trends (default 0.1). */
  tolerance?: number;
  /** Mean level below which no verdict is given (default 0.002). */
  floor?: number;
}

export interface Trend {
  metric: string;
  /** Mean over seeds of the later window's mean. */
  level: number;
  /** Relative change (later − earlier) / earlier, over seeds. */
  change: Summary;
  /** Material and more than noise. */
  trending: boolean;
  /** Why there is no verdict, if there is none. */
  unknown?: "horizon too short" | "level too low";
}

function windowMean(tab: MetricsTable, m: number, from: number, to: number): number {
  let s = 0;
  let k = 0;
  for (let t = from; t <= to; t++) {
    const v = tab.get(t, m, 0);
    if (Number.isNaN(v)) continue;
    s += v;
    k++;
  }
  return k > 0 ? s / k : Number.NaN;
}

/** The trend of `metric` (grp "all") over the runs of one scenario. */
export function trendOf(
  tables: readonly MetricsTable[],
  metric: string,
  opts: TrendOptions = {},
): Trend {
  const window = opts.window ?? 365;
  const lag = opts.lag ?? 365;
  const tolerance = opts.tolerance ?? 0.1;
  const floor = opts.floor ?? 0.002;
  const changes: number[] = [];
  const levels: number[] = [];
  let short = false;
  for (const tab of tables) {
    const T = tab.recorded - 1;
    if (!tab.metrics.includes(metric) || T < lag + window) {
      short = true;
      continue;
    }
    const m = tab.index(metric);
    const late = windowMean(tab, m, T - window + 1, T);
    const early = windowMean(tab, m, T - lag - window + 1, T - lag);
    levels.push(late);
    changes.push(early > 0 ? (late - early) / early : late > 0 ? Number.POSITIVE_INFINITY : 0);
  }
  const change = summarise(changes);
  const level = summarise(levels).mean;
  if (short || changes.length === 0) {
    return { metric, level, change, trending: false, unknown: "horizon too short" };
  }
  if (!(level >= floor))
    return { metric, level, change, trending: false, unknown: "level too low" };
  const excludesZero =
    change.n >= 2 ? change.low > 0 || change.high < 0 : Math.abs(change.mean) > tolerance;
  return {
    metric,
    level,
    change,
    trending: Math.abs(change.mean) > tolerance && excludesZero,
  };
}

/** The stocks compare checks for trends. */
export const TREND_METRICS = [
  "listed",
  "wrongly_listed",
  "listed_for_expression",
  "erroneously_listed",
  "listed_in_court",
  "listed_in_financial",
  "listed_in_municipal",
  "listed_in_platform",
  "listed_in_security",
  "chilling",
  "detained",
] as const;

import { UserError } from "../errors.js";
import type { Where } from "../yaml/format-issue.js";
import type { OutputSpec } from "./schema.js";

/** An output of an experiment: a metric reduced over steps, with its name in results. */
export interface OutputDef {
  /** Name in results: `as`, or derived (listed, listed.minority, listed_last90, listed_mean100-200, listed_series). */
  name: string;
  metric: string;
  group: string;
  at: OutputSpec["at"];
  from?: number;
  to?: number;
  last?: number;
  /** false for every-step series (no sensitivity indices). */
  scalar: boolean;
}

function derivedName(o: OutputSpec): string {
  const base = o.group === "all" ? o.metric : `${o.metric}.${o.group}`;
  if (o.at === "end") return base;
  if (o.at === "every-step") return `${base}_series`;
  if (o.last !== undefined) return `${base}_last${o.last}`;
  if (o.from !== undefined || o.to !== undefined)
    return `${base}_mean${o.from ?? 0}-${o.to ?? "end"}`;
  return `${base}_mean`;
}

/** Output definitions with their names; two outputs with one name are refused. */
export function outputDefs(specs: readonly OutputSpec[], where: Where): OutputDef[] {
  const seen = new Map<string, number>();
  return specs.map((o, i) => {
    const name = o.as ?? derivedName(o);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new UserError(
        `${where(["metrics", i])}: metrics.${i}: output "${name}" is already metrics.${before}; give one of them another name with as:`,
      );
    }
    seen.set(name, i);
    return {
      name,
      metric: o.metric,
      group: o.group,
      at: o.at,
      from: o.from,
      to: o.to,
      last: o.last,
      scalar: o.at !== "every-step",
    };
  });
}

/**
 * Reduces one metric's series (steps 0 .. n−1 of a run) to the output:
 * the last value; the mean over steps from..to (inclusive; to defaults to
 * the last step) or over the last `last` steps (NaN values left out of the
 * mean, NaN if none is left); or a copy of the series.
 */
export function reduceSeries(def: OutputDef, series: ArrayLike<number>): number | Float64Array {
  const n = series.length;
  if (def.at === "every-step") return Float64Array.from(series);
  if (n === 0) return Number.NaN;
  if (def.at === "end") return series[n - 1];
  const from = def.last !== undefined ? Math.max(0, n - def.last) : (def.from ?? 0);
  const to = def.last !== undefined ? n - 1 : Math.min(n - 1, def.to ?? n - 1);
  let s = 0;
  let c = 0;
  for (let t = from; t <= to; t++) {
    if (!Number.isNaN(series[t])) {
      s += series[t];
      c++;
    }
  }
  return c > 0 ? s / c : Number.NaN;
}

/**
 * Every output of one run, from a function giving a metric's series for a
 * group (for a scsim run: MetricsTable.series(metric, group index)).
 */
export function unitOutputs(
  defs: readonly OutputDef[],
  series: (metric: string, group: string) => ArrayLike<number>,
): Record<string, number | Float64Array> {
  const out: Record<string, number | Float64Array> = {};
  for (const d of defs) out[d.name] = reduceSeries(d, series(d.metric, d.group));
  return out;
}

/**
 * The B2 comparison: harms and benefits of several scenarios side by side, at
 * the end of runs on the same seeds. Pure (no Node or DOM imports): computes
 * the table from the runs' metrics and renders it as text, CSV and one
 * self-contained HTML page.
 *
 * Every measure reduces one run to one number (see MEASURES); a cell of the
 * table is the mean of that number over the seeds, with its sample standard
 * deviation when there are two or more.
 */
import type { MetricsTable } from "../core/metrics/table.js";
import { CSS, formatValue } from "./html.js";
import { reduceSeries } from "./summary.js";
import { escapeXml, type LineSeries, OKABE_ITO, renderLineChart } from "./svg-line-chart.js";

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

// ---------------------------------------------------------------- formatting

/** Decimals that show about three significant digits of x (0..4). */
function decimalsFor(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  return Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.abs(x)))));
}

function scaled(v: number, unit: MeasureUnit): number {
  return unit === "share" || unit === "points" ? v * 100 : v;
}

const SUFFIX: Record<MeasureUnit, string> = {
  share: "%",
  points: " pp",
  ratio: "×",
  per1000: "",
  number: "",
};

function fixed(x: number, dec: number): string {
  const s = x.toFixed(dec);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Formats a cell: "12.3%", "12.3% ± 0.4" with a spread, "—" when undefined,
 * "∞" for an infinite ratio; "(n=1)" when fewer seeds than runs had a value.
 */
export function formatCell(c: CellStats, unit: MeasureUnit, runs = c.values.length): string {
  if (c.n === 0) return "—";
  const m = scaled(c.mean, unit);
  let text: string;
  if (!Number.isFinite(m)) text = m > 0 ? "∞" : "−∞";
  else {
    const sd = scaled(c.sd, unit);
    const dec = decimalsFor(m !== 0 ? m : Number.isFinite(sd) ? sd : 0);
    text = `${fixed(m, dec)}${SUFFIX[unit]}`;
    if (runs > 1 && Number.isFinite(sd)) text += ` ± ${fixed(sd, dec)}`;
  }
  if (c.n < runs) text += ` (n=${c.n})`;
  return text;
}

const BETTER_TEXT: Record<Better, string> = { lower: "lower", higher: "higher", neither: "–" };

function padTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The table as aligned plain text: measures down, scenarios across, and which way is better. */
export function formatCompareText(table: CompareTable): string {
  const header = ["measure (B2)", ...table.scenarios, "better"];
  const rows = table.rows.map((r) => [
    r.measure.label,
    ...r.cells.map((c, i) => formatCell(c, r.measure.unit, table.runs[i])),
    BETTER_TEXT[r.measure.better],
  ]);
  return padTable(header, rows);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvNumber(v: number): string {
  return Number.isNaN(v) ? "" : String(v);
}

/**
 * The table as tidy CSV, one line per scenario and measure: scenario, measure
 * (id), label, unit, better, mean, sd, seeds (number of seeds with a value),
 * raw values (shares as fractions). Empty where undefined; "Infinity" for ∞.
 */
export function compareCsv(table: CompareTable): string {
  const lines = ["scenario,measure,label,unit,better,mean,sd,seeds"];
  for (const r of table.rows) {
    r.cells.forEach((c, i) => {
      lines.push(
        [
          csvField(table.scenarios[i]),
          r.measure.id,
          csvField(r.measure.label),
          r.measure.unit,
          r.measure.better,
          csvNumber(c.mean),
          csvNumber(c.sd),
          String(c.n),
        ].join(","),
      );
    });
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------- time series

/** Per step, the mean over runs of a metric (grp 0), skipping runs without a value there. */
export function meanSeries(runs: readonly CompareRun[], metric: string, grp = 0): Float64Array {
  const len = Math.max(0, ...runs.map((r) => r.metrics.recorded));
  const sum = new Float64Array(len);
  const cnt = new Uint32Array(len);
  for (const r of runs) {
    if (!r.metrics.metrics.includes(metric)) continue;
    const s = r.metrics.series(metric, grp);
    for (let t = 0; t < s.length; t++) {
      if (Number.isNaN(s[t])) continue;
      sum[t] += s[t];
      cnt[t]++;
    }
  }
  const out = new Float64Array(len);
  for (let t = 0; t < len; t++) out[t] = cnt[t] > 0 ? sum[t] / cnt[t] : Number.NaN;
  return out;
}

/**
 * Per step t, the rate sum(num) / sum(den) over steps max(1, t − window + 1)..t
 * and over all runs: a smoothed rate (e.g. defaults / obligations) that a
 * per-step ratio of a few events cannot give. NaN at step 0 and where the
 * denominator is 0.
 */
export function trailingRate(
  runs: readonly CompareRun[],
  num: string,
  den: string,
  window: number,
): Float64Array {
  const a = meanSeries(runs, num);
  const b = meanSeries(runs, den);
  const out = new Float64Array(a.length).fill(Number.NaN);
  let sa = 0;
  let sb = 0;
  for (let t = 1; t < a.length; t++) {
    sa += Number.isNaN(a[t]) ? 0 : a[t];
    sb += Number.isNaN(b[t]) ? 0 : b[t];
    const drop = t - window;
    if (drop >= 1) {
      sa -= Number.isNaN(a[drop]) ? 0 : a[drop];
      sb -= Number.isNaN(b[drop]) ? 0 : b[drop];
    }
    out[t] = sb > 0 ? sa / sb : Number.NaN;
  }
  return out;
}

// ---------------------------------------------------------------- parameters

/**
 * Flattens a JSON value to dotted paths → JSON text of each leaf (arrays are
 * leaves; empty objects and undefined fields are left out), e.g.
 * { a: { b: 1 } } → a.b = "1".
 */
export function flattenParams(v: unknown, prefix = "", out = new Map<string, string>()) {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) flattenParams(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix && v !== undefined) {
    out.set(prefix, JSON.stringify(v));
  }
  return out;
}

/** Fields that differ between scenarios (seed, name and description left out). */
export function parameterDifferences(
  scenarios: readonly unknown[],
): { path: string; values: (string | undefined)[] }[] {
  const flat = scenarios.map((s) => flattenParams(s));
  const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort();
  const skip = new Set(["seed", "name", "description"]);
  return paths
    .filter((p) => !skip.has(p))
    .map((path) => ({ path, values: flat.map((f) => f.get(path)) }))
    .filter((d) => d.values.some((v) => v !== d.values[0]));
}

// ---------------------------------------------------------------- HTML page

export interface CompareReportInput {
  scenarios: readonly CompareScenario[];
  table: CompareTable;
  /** The seeds every scenario was run on. */
  seeds: readonly string[];
  engineVersion: string;
  generatedAt: Date;
  /** The command line, for the record. */
  command?: string;
}

const esc = escapeXml;

/** Time series of the comparison page: one line per scenario, mean over seeds. */
const CHARTS: { title: string; metric: string; yLabel: string }[] = [
  { title: "Blacklisted", metric: "listed", yLabel: "share of agents" },
  { title: "Wrongly blacklisted", metric: "wrongly_listed", yLabel: "share of agents" },
  { title: "Chilling (unexpressed dissent)", metric: "chilling", yLabel: "1 − expressed/latent" },
  { title: "Protest", metric: "protest", yLabel: "share of agents" },
  { title: "Detained", metric: "detained", yLabel: "share of agents" },
];

/** Steps of the trailing window of the default-rate chart. */
export const DEFAULT_RATE_WINDOW = 30;

function chartSeries(
  scenarios: readonly CompareScenario[],
  values: (s: CompareScenario) => Float64Array,
): LineSeries[] {
  return scenarios.map((s, i) => ({
    name: s.name,
    values: values(s),
    color: OKABE_ITO[i % OKABE_ITO.length],
    dash: i < OKABE_ITO.length ? "" : "6 3",
  }));
}

function chartFigure(title: string, yLabel: string, series: LineSeries[], index: number): string {
  const svg = renderLineChart({
    title,
    series,
    xLabel: "step",
    yLabel,
    yZero: true,
    id: `cmp-chart-${index}`,
  });
  return `<figure class="chart-box"><h3>${esc(title)}</h3>\n${svg}</figure>`;
}

function charts(input: CompareReportInput): string {
  const { scenarios } = input;
  const figs = CHARTS.filter((c) =>
    scenarios.some((s) => s.runs.some((r) => r.metrics.metrics.includes(c.metric))),
  ).map((c, i) =>
    chartFigure(
      c.title,
      c.yLabel,
      chartSeries(scenarios, (s) => meanSeries(s.runs, c.metric)),
      i,
    ),
  );
  const haveRate = scenarios.some((s) =>
    s.runs.some((r) => r.metrics.metrics.includes("defaults")),
  );
  if (haveRate) {
    figs.push(
      chartFigure(
        `Default rate (trailing ${DEFAULT_RATE_WINDOW}-step window)`,
        "defaults / obligations due",
        chartSeries(scenarios, (s) =>
          trailingRate(s.runs, "defaults", "obligations", DEFAULT_RATE_WINDOW),
        ),
        figs.length,
      ),
    );
  }
  return figs.join("\n");
}

function tableHtml(table: CompareTable, seeds: number): string {
  const head = table.scenarios.map((s) => `<th scope="col">${esc(s)}</th>`).join("");
  const rows = table.rows.map((r) => {
    const cells = r.cells
      .map((c, i) => {
        const title = c.values.map((v, k) => `${k + 1}: ${formatValue(v)}`).join(", ");
        return `<td title="${esc(`per seed: ${title}`)}">${esc(formatCell(c, r.measure.unit, table.runs[i]))}</td>`;
      })
      .join("");
    return (
      `<tr><th scope="row" title="${esc(r.measure.how)}">${esc(r.measure.label)}</th>` +
      `${cells}<td class="better">${esc(BETTER_TEXT[r.measure.better])}</td></tr>`
    );
  });
  const spread = seeds > 1 ? ", ± the standard deviation between seeds" : "";
  return (
    `<div class="table-wrap"><table class="summary">` +
    `<caption>Mean over ${seeds} seed${seeds === 1 ? "" : "s"}${spread}; — where a measure is undefined ` +
    `(e.g. nobody listed), (n=k) where only k seeds define it. Hover a cell for the per-seed values.</caption>` +
    `<thead><tr><th scope="col">measure</th>${head}<th scope="col">better</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table></div>`
  );
}

function definitions(table: CompareTable): string {
  const items = table.rows
    .map(
      (r) =>
        `<dt>${esc(r.measure.label)}</dt><dd>${esc(r.measure.how)}. Metric <code>${esc(r.measure.metric)}</code>; ` +
        `${r.measure.better === "neither" ? "neither direction is better" : `${r.measure.better} is better`}.</dd>`,
    )
    .join("\n");
  return `<dl class="defs">\n${items}\n</dl>`;
}

function prettyJson(v: unknown): string {
  return JSON.stringify(v, null, 2) ?? "";
}

function parametersHtml(input: CompareReportInput): string {
  const { scenarios } = input;
  const rows = scenarios.map((s) => {
    const sc = (s.scenario ?? {}) as { agents?: unknown; steps?: unknown };
    const agents = s.runs[0]?.agents ?? sc.agents;
    return (
      `<tr><th scope="row">${esc(s.name)}</th><td class="left">${esc(s.source ?? "")}</td>` +
      `<td>${esc(typeof agents === "number" ? formatValue(agents) : "—")}</td>` +
      `<td>${esc(typeof sc.steps === "number" ? formatValue(sc.steps) : "—")}</td>` +
      `<td>${esc(formatValue(s.runs.length))}</td></tr>`
    );
  });
  const overview =
    `<div class="table-wrap"><table class="summary">` +
    `<thead><tr><th scope="col">scenario</th><th scope="col" class="left">source</th>` +
    `<th scope="col">agents</th><th scope="col">steps</th><th scope="col">runs</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table></div>`;

  let diff = "";
  const withScenario = scenarios.filter((s) => s.scenario !== undefined);
  if (withScenario.length >= 2) {
    const d = parameterDifferences(withScenario.map((s) => s.scenario));
    const head = withScenario.map((s) => `<th scope="col" class="left">${esc(s.name)}</th>`);
    const body = d.map(
      (x) =>
        `<tr><th scope="row"><code>${esc(x.path)}</code></th>${x.values
          .map((v) => `<td class="left"><code>${esc(v ?? "—")}</code></td>`)
          .join("")}</tr>`,
    );
    diff =
      `<h3>Where the scenarios differ</h3>` +
      (d.length === 0
        ? `<p class="note">The resolved scenarios differ in nothing but name, description and seed.</p>`
        : `<div class="table-wrap"><table class="summary params-diff">` +
          `<caption>Every field of the resolved scenarios (defaults filled in) that is not the same in all of them; — where a scenario has no such field.</caption>` +
          `<thead><tr><th scope="col">field</th>${head.join("")}</tr></thead>` +
          `<tbody>\n${body.join("\n")}\n</tbody></table></div>`);
  }

  const details = scenarios
    .map(
      (s) =>
        `<details><summary>${esc(s.name)}: scenario (fully resolved)</summary>` +
        `${s.description ? `<p>${esc(s.description)}</p>` : ""}` +
        `<pre><code>${esc(prettyJson(s.scenario))}</code></pre></details>`,
    )
    .join("\n");
  return `${overview}\n${diff}\n${details}`;
}

/** The report's stylesheet, with what the wider comparison table needs on top. */
const COMPARE_CSS = `${CSS}
main { max-width: 1040px; }
h3 { margin: 16px 0 8px; }
td.better, dl.defs dd { color: var(--muted); }
table.summary td { white-space: nowrap; }
table.summary .left { text-align: left; white-space: normal; overflow-wrap: anywhere; }
dl.defs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 0.92em; }
dl.defs dd { margin: 0; }
`;

function seedText(seeds: readonly string[]): string {
  if (seeds.length === 0) return "no seeds";
  const nums = seeds.map(Number);
  const consecutive =
    seeds.length > 2 &&
    nums.every((v, i) => Number.isSafeInteger(v) && (i === 0 || v === nums[i - 1] + 1));
  if (consecutive) return `seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
  return `seed${seeds.length === 1 ? "" : "s"} ${seeds.join(", ")}`;
}

/** Renders the comparison page: one self-contained HTML file, no scripts. */
export function renderCompareReport(input: CompareReportInput): string {
  const { table, seeds } = input;
  const names = table.scenarios.join(" · ");
  const subtitle = [
    `${table.scenarios.length} scenario${table.scenarios.length === 1 ? "" : "s"}`,
    `each on ${seedText(seeds)}`,
    `generated ${input.generatedAt
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, " UTC")}`,
  ].join(" · ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scsim ${esc(input.engineVersion)}">
<title>${esc(names)} · scsim comparison</title>
<style>${COMPARE_CSS}</style>
</head>
<body>
<main>
<header>
<h1>Harms and benefits compared</h1>
<p class="subtitle">${esc(subtitle)}</p>
<p>${esc(names)}: every scenario is run on the same seeds (common random numbers), so the
differences between columns come from the designs, not from luck. ${input.command ? `Command: <code>${esc(input.command)}</code>.` : ""}</p>
</header>
<section>
<h2>Harms and benefits at the end of the run (B2)</h2>
${tableHtml(table, seeds.length)}
<details><summary>How each measure is computed</summary>
${definitions(table)}
</details>
</section>
<section>
<h2>Time series (mean over seeds)</h2>
${charts(input)}
</section>
<section>
<h2>Scenarios</h2>
${parametersHtml(input)}
</section>
<footer>Generated by scsim ${esc(input.engineVersion)}. Simulated synthetic populations: no real people are described.</footer>
</main>
</body>
</html>
`;
}

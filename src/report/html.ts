/**
 * The run report: one self-contained HTML page (inline CSS and SVG, no
 * scripts, fonts or external resources), so it opens offline and can be
 * mailed as one file. Built with the escape-by-default html`` template:
 * nothing a scenario says can become markup. Long runs are drawn from at
 * most REPORT_MAX_POINTS points a series (min–max decimation), so the page
 * stays small whatever the number of steps.
 * Pure: no Node or DOM imports, runs in a browser too.
 */
import type { MetricsTable } from "../core/metrics/table.js";
import type { RunRecord } from "../core/run-record.js";
import { minMaxDecimate, REPORT_MAX_POINTS } from "./downsample.js";
import { type Html, html, joinHtml, raw } from "./html-template.js";
import { type LineSeries, OKABE_ITO, renderLineChartHtml } from "./svg-line-chart.js";

export interface ReportChart {
  title: string;
  /** Metric name in the MetricsTable. */
  metric: string;
  /**
   * "all": the population line only; "each": the population line and one
   * line per group. Default: "each" when the metric has per-group values.
   */
  grps?: "all" | "each";
  yLabel?: string;
}

/** Where a run came from, when known (recorded by the store). */
export interface ReportProvenance {
  command?: string | null;
  overrides?: readonly string[];
  scenarioFile?: string | null;
}

export interface ReportInput {
  record: RunRecord & ReportProvenance;
  metrics: MetricsTable;
  /** Page title, e.g. the scenario name. */
  title: string;
  /** Plain text; blank lines separate paragraphs. */
  description?: string;
  charts: readonly ReportChart[];
}

/** The colour of the population ("all") line: the text colour, so it is neutral in both themes. */
const ALL_COLOR = "currentColor";

function groupThousands(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Formats a metric value for the summary table: grouped integers, four significant digits otherwise. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return groupThousands(v.toFixed(0));
  const a = Math.abs(v);
  if (a >= 1000) return groupThousands(v.toFixed(1));
  if (a < 1e-4) return v.toExponential(2);
  // toPrecision then drop trailing zeros (never produces an exponent in this range).
  return Number(v.toPrecision(4)).toString();
}

function formatDate(d: Date): string {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return "—";
  return d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function paragraphs(text: string): Html {
  const ps = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => html`<p>${p}</p>`);
  return joinHtml(ps, html`\n`);
}

function hasGroupValues(metrics: MetricsTable, m: number): boolean {
  for (let g = 1; g < metrics.grps.length; g++) {
    for (let t = 0; t < metrics.recorded; t++) {
      if (!Number.isNaN(metrics.get(t, m, g))) return true;
    }
  }
  return false;
}

function allNaN(values: Float64Array): boolean {
  for (const v of values) if (!Number.isNaN(v)) return false;
  return true;
}

function chartSection(input: ReportInput, chart: ReportChart, index: number): Html {
  const { metrics } = input;
  const m = metrics.metrics.indexOf(chart.metric);
  const head = html`<h3>${chart.title}</h3>`;
  if (m < 0) {
    return html`<figure class="chart-box">${head}<p class="note">No metric named <code>${chart.metric}</code> in this run.</p></figure>`;
  }
  const mode = chart.grps ?? (hasGroupValues(metrics, m) ? "each" : "all");
  const series: LineSeries[] = [];
  const grpCount = mode === "each" ? metrics.grps.length : 1;
  for (let g = 0; g < grpCount; g++) {
    const { x, y: values } = minMaxDecimate(
      metrics.recorded,
      (t) => metrics.get(t, m, g),
      REPORT_MAX_POINTS,
    );
    if (g > 0 && allNaN(values)) continue;
    // "all" in the neutral text colour; groups in palette order, solid, then
    // dashed once the palette is used up.
    const k = g - 1;
    series.push(
      g === 0
        ? { name: metrics.grps[0], values, x, color: ALL_COLOR, dash: "", width: 2.5 }
        : {
            name: metrics.grps[g],
            values,
            x,
            color: OKABE_ITO[k % OKABE_ITO.length],
            dash: k < OKABE_ITO.length ? "" : "6 3",
          },
    );
  }
  const svg = renderLineChartHtml({
    title: chart.title,
    series,
    xLabel: "step",
    yLabel: chart.yLabel ?? chart.metric,
    id: `chart-${index}`,
  });
  return html`<figure class="chart-box">${head}\n${svg}</figure>`;
}

function summaryTable(metrics: MetricsTable): Html {
  if (metrics.recorded === 0) return html`<p class="note">No steps were recorded.</p>`;
  const last = metrics.recorded - 1;
  const header = metrics.grps.map((g) => html`<th scope="col">${g}</th>`);
  const rows = metrics.metrics.map((name, m) => {
    const cells = metrics.grps.map(
      (_, g) => html`<td>${formatValue(metrics.get(last, m, g))}</td>`,
    );
    return html`<tr><th scope="row"><code>${name}</code></th>${cells}</tr>`;
  });
  return html`<div class="table-wrap"><table class="summary"><caption>Values at the last step (step ${last}); — where a metric has no value for a group.</caption><thead><tr><th scope="col">metric</th>${header}</tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;
}

function parameters(r: RunRecord & ReportProvenance): Html {
  const items: [string, string, boolean?][] = [
    ["Run id", r.runId, true],
    ["Preset", r.preset ?? "— (scenario file)"],
    ...(r.scenarioFile
      ? ([["Scenario file", r.scenarioFile, true]] as [string, string, boolean][])
      : []),
    [
      "Overrides",
      r.overrides && r.overrides.length > 0 ? r.overrides.join(", ") : "none",
      Boolean(r.overrides?.length),
    ],
    ...(r.command ? ([["Command", r.command, true]] as [string, string, boolean][]) : []),
    ["Seed", r.seed, true],
    ["Agents", formatValue(r.agents)],
    ["Steps", formatValue(r.steps)],
    ["Engine version", r.engineVersion, true],
    ["State hash", r.stateHash, true],
    ["Started", formatDate(r.startedAt)],
    ["Finished", formatDate(r.finishedAt)],
    ["Duration", formatDuration(r.finishedAt.getTime() - r.startedAt.getTime())],
  ];
  const dl = items.map(
    ([k, v, code]) => html`<dt>${k}</dt><dd>${code ? html`<code>${v}</code>` : v}</dd>`,
  );
  return html`<dl class="params">
${joinHtml(dl, html`\n`)}
</dl>
<details><summary>Scenario (fully resolved)</summary><pre><code>${prettyJson(r.scenario)}</code></pre></details>`;
}

/** The stylesheet of every scsim page (report, compare): system fonts, light and dark. */
export const CSS = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #5f6368; --line: #d9d9de; --soft: #f5f5f7; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --bg: #161618; --muted: #a0a0a8; --line: #3a3a40; --soft: #202024; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0 0 8px; }
.subtitle, .note, caption, footer { color: var(--muted); }
.subtitle { margin: 0 0 16px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
dl.params { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 12px; }
dl.params dt { color: var(--muted); }
dl.params dd { margin: 0; overflow-wrap: anywhere; }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--muted); }
pre { background: var(--soft); padding: 12px; border-radius: 6px; overflow: auto; max-height: 480px; }
.table-wrap { overflow-x: auto; }
table.summary { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.summary caption { caption-side: bottom; text-align: left; font-size: 0.85em; padding-top: 6px; }
table.summary th, table.summary td { padding: 5px 10px; border-bottom: 1px solid var(--line); }
table.summary td { text-align: right; }
table.summary thead th { text-align: right; border-bottom: 2px solid var(--line); }
table.summary thead th:first-child, table.summary tbody th { text-align: left; font-weight: normal; }
figure.chart-box { margin: 0 0 28px; }
svg.chart { display: block; }
footer { margin-top: 40px; font-size: 0.85em; border-top: 1px solid var(--line); padding-top: 8px; }
`;

/** One self-contained page: its head (charset, viewport, generator, stylesheet) and `main`. */
export function page(p: {
  title: string;
  engineVersion: string;
  css: string;
  /** More <meta> tags. */
  meta?: Html;
  main: Html;
}): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="scsim ${p.engineVersion}">${p.meta ?? ""}
<title>${p.title}</title>
<style>${raw(p.css)}</style>
</head>
<body>
<main>
${p.main}
</main>
</body>
</html>
`.markup;
}

/** Renders the whole report page. */
export function renderReport(input: ReportInput): string {
  const { record, metrics } = input;
  const subtitle = [
    record.preset ? `Preset ${record.preset}` : "Scenario file",
    `seed ${record.seed}`,
    `${formatValue(record.agents)} agents`,
    `${formatValue(record.steps)} steps`,
  ].join(" · ");
  const charts = input.charts.map((c, i) => chartSection(input, c, i));
  return page({
    title: `${input.title} · scsim report`,
    engineVersion: record.engineVersion,
    css: CSS,
    meta: html`\n<meta name="scsim-run" content="${record.runId}">`,
    main: html`<header>
<h1>${input.title}</h1>
<p class="subtitle">${subtitle}</p>
${input.description ? paragraphs(input.description) : ""}
</header>
<section>
<h2>Parameters</h2>
${parameters(record)}
</section>
<section>
<h2>Summary</h2>
${summaryTable(metrics)}
</section>
${charts.length > 0 ? html`<section>\n<h2>Time series</h2>\n${joinHtml(charts, html`\n`)}\n</section>` : ""}
<footer>Generated by scsim ${record.engineVersion}, run <code>${record.runId}</code>. Simulated synthetic population: no real people are described.</footer>`,
  });
}

/**
 * The comparison page: one self-contained HTML file, no scripts, built with
 * the escape-by-default html`` template (scenario names, descriptions and
 * parameters are always text).
 */
import { minMaxDecimate, REPORT_MAX_POINTS } from "../downsample.js";
import { CSS, formatValue, page } from "../html.js";
import { type Html, html, joinHtml } from "../html-template.js";
import { type LineSeries, OKABE_ITO, renderLineChartHtml } from "../svg-line-chart.js";
import type { CompareScenario, CompareTable } from "./measures.js";
import { parameterDifferences } from "./params.js";
import { meanSeries, trailingRate } from "./series.js";
import { BETTER_TEXT, formatCell } from "./text.js";

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
  return scenarios.map((s, i) => {
    const v = values(s);
    const thin = minMaxDecimate(v.length, (t) => v[t], REPORT_MAX_POINTS);
    return {
      name: s.name,
      values: thin.y,
      x: thin.x,
      color: OKABE_ITO[i % OKABE_ITO.length],
      dash: i < OKABE_ITO.length ? "" : "6 3",
    };
  });
}

function chartFigure(title: string, yLabel: string, series: LineSeries[], index: number): Html {
  const svg = renderLineChartHtml({
    title,
    series,
    xLabel: "step",
    yLabel,
    yZero: true,
    id: `cmp-chart-${index}`,
  });
  return html`<figure class="chart-box"><h3>${title}</h3>\n${svg}</figure>`;
}

function charts(input: CompareReportInput): Html {
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
  return joinHtml(figs, html`\n`);
}

function tableHtml(table: CompareTable, seeds: number): Html {
  const head = table.scenarios.map((s) => html`<th scope="col">${s}</th>`);
  const rows = table.rows.map((r) => {
    const cells = r.cells.map((c, i) => {
      const title = c.values.map((v, k) => `${k + 1}: ${formatValue(v)}`).join(", ");
      return html`<td title="${`per seed: ${title}`}">${formatCell(c, r.measure.unit, table.runs[i])}</td>`;
    });
    return html`<tr><th scope="row" title="${r.measure.how}">${r.measure.label}</th>${cells}<td class="better">${BETTER_TEXT[r.measure.better]}</td></tr>`;
  });
  const spread = seeds > 1 ? ", ± the standard deviation between seeds" : "";
  return html`<div class="table-wrap"><table class="summary"><caption>Mean over ${seeds} seed${seeds === 1 ? "" : "s"}${spread}; — where a measure is undefined (e.g. nobody listed), (n=k) where only k seeds define it. Hover a cell for the per-seed values.</caption><thead><tr><th scope="col">measure</th>${head}<th scope="col">better</th></tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;
}

function definitions(table: CompareTable): Html {
  const items = table.rows.map(
    (r) =>
      html`<dt>${r.measure.label}</dt><dd>${r.measure.how}. Metric <code>${r.measure.metric}</code>; ${r.measure.better === "neither" ? "neither direction is better" : `${r.measure.better} is better`}.</dd>`,
  );
  return html`<dl class="defs">
${joinHtml(items, html`\n`)}
</dl>`;
}

function prettyJson(v: unknown): string {
  return JSON.stringify(v, null, 2) ?? "";
}

function parametersHtml(input: CompareReportInput): Html {
  const { scenarios } = input;
  const rows = scenarios.map((s) => {
    const sc = (s.scenario ?? {}) as { agents?: unknown; steps?: unknown };
    const agents = s.runs[0]?.agents ?? sc.agents;
    return html`<tr><th scope="row">${s.name}</th><td class="left">${s.source ?? ""}</td><td>${typeof agents === "number" ? formatValue(agents) : "—"}</td><td>${typeof sc.steps === "number" ? formatValue(sc.steps) : "—"}</td><td>${formatValue(s.runs.length)}</td></tr>`;
  });
  const overview = html`<div class="table-wrap"><table class="summary"><thead><tr><th scope="col">scenario</th><th scope="col" class="left">source</th><th scope="col">agents</th><th scope="col">steps</th><th scope="col">runs</th></tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;

  let diff: Html | string = "";
  const withScenario = scenarios.filter((s) => s.scenario !== undefined);
  if (withScenario.length >= 2) {
    const d = parameterDifferences(withScenario.map((s) => s.scenario));
    const head = withScenario.map((s) => html`<th scope="col" class="left">${s.name}</th>`);
    const body = d.map(
      (x) =>
        html`<tr><th scope="row"><code>${x.path}</code></th>${x.values.map(
          (v) => html`<td class="left"><code>${v ?? "—"}</code></td>`,
        )}</tr>`,
    );
    diff = html`<h3>Where the scenarios differ</h3>${
      d.length === 0
        ? html`<p class="note">The resolved scenarios differ in nothing but name, description and seed.</p>`
        : html`<div class="table-wrap"><table class="summary params-diff"><caption>Every field of the resolved scenarios (defaults filled in) that is not the same in all of them; — where a scenario has no such field.</caption><thead><tr><th scope="col">field</th>${head}</tr></thead><tbody>
${joinHtml(body, html`\n`)}
</tbody></table></div>`
    }`;
  }

  const details = scenarios.map(
    (s) =>
      html`<details><summary>${s.name}: scenario (fully resolved)</summary>${s.description ? html`<p>${s.description}</p>` : ""}<pre><code>${prettyJson(s.scenario)}</code></pre></details>`,
  );
  return html`${overview}\n${diff}\n${joinHtml(details, html`\n`)}`;
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
  return page({
    title: `${names} · scsim comparison`,
    engineVersion: input.engineVersion,
    css: COMPARE_CSS,
    main: html`<header>
<h1>Harms and benefits compared</h1>
<p class="subtitle">${subtitle}</p>
<p>${names}: every scenario is run on the same seeds (common random numbers), so the
differences between columns come from the designs, not from luck. ${input.command ? html`Command: <code>${input.command}</code>.` : ""}</p>
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
<footer>Generated by scsim ${input.engineVersion}. Simulated synthetic populations: no real people are described.</footer>`,
  });
}

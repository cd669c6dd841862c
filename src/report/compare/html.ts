/**
 * The comparison page: one self-contained HTML file, no scripts, built with
 * the escape-by-default html`` template (scenario names, descriptions and
 * parameters are always text).
 */
import { minMaxDecimate, REPORT_MAX_POINTS } from "../downsample.js";
import { CSS, formatValue as formatPlain, page } from "../html.js";
import { type Html, html, joinHtml } from "../html-template.js";
import { type LineSeries, OKABE_ITO, renderLineChartHtml } from "../svg-line-chart.js";
import type {
  CalibrationTarget,
  CellStats,
  CompareScenario,
  CompareTable,
  Trend,
} from "./measures.js";
import { parameterDifferences } from "./params.js";
import { meanSeries, trailingRate } from "./series.js";
import { BETTER_TEXT, formatCell, formatValue } from "./text.js";

export interface CompareReportInput {
  scenarios: readonly CompareScenario[];
  table: CompareTable;
  /** The seeds every scenario was run on. */
  seeds: readonly string[];
  engineVersion: string;
  generatedAt: Date;
  /** The command line, for the record. */
  command?: string;
  /** Burn-in and horizon of each scenario, in steps. */
  horizons?: readonly { scenario: string; burnIn: number; steps: number }[];
  /** Stocks checked for a trend at the end of the horizon. */
  trends?: readonly { scenario: string; trend: Trend }[];
  /** Calibrated figures measured, and what is uncalibrated, per scenario. */
  calibration?: readonly {
    scenario: string;
    uncalibrated: string;
    /** Run with overrides: the figures are shown for reference, not checked. */
    referenceOnly?: boolean;
    checks: readonly {
      target: CalibrationTarget;
      measured: { mean: number; low: number; high: number; n: number };
      inside: boolean;
    }[];
  }[];
}

/** Time series of the comparison page: one line per scenario, mean over seeds. */
const CHARTS: { title: string; metric: string; yLabel: string }[] = [
  { title: "Blacklisted", metric: "listed", yLabel: "share of agents" },
  {
    title: "Listed for lawful speech or protest",
    metric: "listed_for_expression",
    yLabel: "share of agents",
  },
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

function cellHtml(c: CellStats, unit: Parameters<typeof formatCell>[1], runs: number): Html {
  const title = c.values.map((v, k) => `${k + 1}: ${formatPlain(v)}`).join(", ");
  const ci =
    c.n >= 2 && Number.isFinite(c.low)
      ? `${Math.round(c.level * 100)}% interval ${formatValue(c.low, unit)} to ${formatValue(c.high, unit)}; `
      : "";
  return html`<td title="${`${ci}per seed: ${title}`}">${formatCell(c, unit, runs)}</td>`;
}

function tableHtml(table: CompareTable, seeds: number): Html {
  const head = table.scenarios.map((s) => html`<th scope="col">${s}</th>`);
  const rows = table.rows.map((r) => {
    const cells = r.cells.map((c, i) => cellHtml(c, r.measure.unit, table.runs[i]));
    return html`<tr><th scope="row" title="${r.measure.how}">${r.measure.label}</th>${cells}<td class="better">${BETTER_TEXT[r.measure.better]}</td></tr>`;
  });
  const spread =
    seeds > 1
      ? `, ± the half-width of the ${Math.round(table.level * 100)}% t interval over seeds`
      : "";
  return html`<div class="table-wrap"><table class="summary"><caption>Mean over ${seeds} seed${seeds === 1 ? "" : "s"}${spread}; — where a measure is undefined (e.g. nobody listed), (n=k) where only k seeds define it. Hover a cell for the interval and the per-seed values.</caption><thead><tr><th scope="col">measure</th>${head}<th scope="col">better</th></tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;
}

function baselineHtml(table: CompareTable): Html | string {
  if (!table.baseline.some((r) => r.cells.some((c) => c !== undefined))) {
    return html`<p class="note">No scenario has a counterfactual here.</p>`;
  }
  const head = table.scenarios.map((s) => html`<th scope="col">${s}</th>`);
  const rows = table.baseline.map((r) => {
    const cells = r.cells.map((c, i) =>
      c === undefined
        ? html`<td class="better">baseline</td>`
        : cellHtml(c, r.measure.unit, table.runs[i]),
    );
    return html`<tr><th scope="row" title="${r.measure.how}">${r.measure.label}</th>${cells}<td class="better">${BETTER_TEXT[r.measure.better]}</td></tr>`;
  });
  const share = table.benefitShare;
  if (share) {
    rows.push(
      html`<tr><th scope="row" title="defaults avoided by the scenario divided by those avoided by the scenario that avoids most, seed by seed">defaults avoided, share of ${share.reference}'s</th>${share.cells.map(
        (c, i) =>
          c === undefined
            ? html`<td class="better">baseline</td>`
            : cellHtml(c, "share", table.runs[i]),
      )}<td class="better">–</td></tr>`,
    );
  }
  return html`<div class="table-wrap"><table class="summary"><caption>Paired by seed: each scenario minus the same society without the system, run on the same seeds (common random numbers); mean ± the half-width of the ${Math.round(table.level * 100)}% paired-t interval. An interval that includes 0 is no measured effect.</caption><thead><tr><th scope="col">difference</th>${head}<th scope="col">better</th></tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;
}

function groupHtml(table: CompareTable): Html | string {
  const rows = table.groups.flatMap((r) =>
    r.groups.length < 2
      ? []
      : r.groups.map(
          (g, k) =>
            html`<tr><th scope="row" title="${r.measure.how}">${r.measure.label}: <em>${g}</em></th>${r.cells.map((cells, i) => (cells[k] ? cellHtml(cells[k], r.measure.unit, table.runs[i]) : html`<td>—</td>`))}</tr>`,
        ),
  );
  if (rows.length === 0) return "";
  const head = table.scenarios.map((s) => html`<th scope="col">${s}</th>`);
  return html`<h2>By group</h2><div class="table-wrap"><table class="summary"><caption>Each group's rate among its own agents (mean over seeds ± interval): discrimination shows as a difference between a measure's rows.</caption><thead><tr><th scope="col">measure: group</th>${head}</tr></thead><tbody>
${joinHtml(rows, html`\n`)}
</tbody></table></div>`;
}

function calibrationHtml(input: CompareReportInput): Html | string {
  const notes = input.calibration ?? [];
  if (notes.length === 0) return "";
  const items = notes.map((n) => {
    const rows = n.checks.map((c) => {
      const u = c.target.unit;
      const interval =
        c.measured.n >= 2 && Number.isFinite(c.measured.low)
          ? ` [${formatValue(c.measured.low, u)}, ${formatValue(c.measured.high, u)}]`
          : "";
      return html`<tr><th scope="row">${c.target.label}</th><td>${formatValue(c.measured.mean, u)}${interval}</td><td>${formatValue(c.target.low, u)} – ${formatValue(c.target.high, u)}</td><td class="${c.inside ? "ok" : "warn"}">${c.inside ? "inside" : "OUTSIDE"}</td><td class="left">${c.target.source}</td></tr>`;
    });
    const table =
      rows.length > 0
        ? html`<div class="table-wrap"><table class="summary"><thead><tr><th scope="col">figure</th><th scope="col">measured (95% interval)</th><th scope="col">documented</th><th scope="col"></th><th scope="col" class="left">source</th></tr></thead><tbody>${joinHtml(rows, html`\n`)}</tbody></table></div>`
        : "";
    return html`<h3>${n.scenario}</h3>${table}<p class="note">Uncalibrated: ${n.uncalibrated}.</p>`;
  });
  return html`<section><h2>Calibration</h2><p>Figures a preset is calibrated to, measured over the horizon of these runs, against the range docs/calibration-facts.md documents. Everything else a scenario reports is a consequence of the model, not a fitted number.</p>${joinHtml(items, html`\n`)}</section>`;
}

/** Stocks still moving at the end of the horizon, and calibrated figures out of range. */
export function compareWarnings(
  input: Pick<CompareReportInput, "trends" | "calibration">,
): string[] {
  const out: string[] = [];
  for (const { scenario, trend } of input.trends ?? []) {
    if (!trend.trending) continue;
    const pct = (trend.change.mean * 100).toFixed(0);
    out.push(
      `${scenario}: ${trend.metric} is still ${trend.change.mean > 0 ? "rising" : "falling"} (${trend.change.mean > 0 ? "+" : ""}${pct}% over the last year of the horizon): the table reads a transient; use a longer --burn-in or --steps`,
    );
  }
  for (const n of input.calibration ?? []) {
    if (n.referenceOnly) continue;
    for (const c of n.checks) {
      if (!c.inside) {
        out.push(
          `${n.scenario}: ${c.target.label} measured ${formatValue(c.measured.mean, c.target.unit)}, outside the documented ${formatValue(c.target.low, c.target.unit)}–${formatValue(c.target.high, c.target.unit)}`,
        );
      }
    }
  }
  return out;
}

function horizonText(input: CompareReportInput): string {
  const hs = input.horizons ?? [];
  if (hs.length === 0) return "";
  const same = hs.every((h) => h.burnIn === hs[0].burnIn && h.steps === hs[0].steps);
  const one = (h: { burnIn: number; steps: number }) =>
    `${h.steps} steps (${(h.steps / 365).toFixed(1)} years) after a burn-in of ${h.burnIn} steps (${(h.burnIn / 365).toFixed(1)} years)`;
  return same
    ? `Horizon: ${one(hs[0])}, in every scenario.`
    : `Horizons: ${hs.map((h) => `${h.scenario} ${one(h)}`).join("; ")}.`;
}

function definitions(table: CompareTable): Html {
  const items = table.rows.map(
    (r) =>
      html`<dt>${r.measure.label}</dt><dd>${r.measure.how}. Metrics <code>${r.measure.metrics.join(", ")}</code>; ${r.measure.better === "neither" ? "neither direction is better" : `${r.measure.better} is better`}.</dd>`,
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
    return html`<tr><th scope="row">${s.name}</th><td class="left">${s.source ?? ""}</td><td>${typeof agents === "number" ? formatPlain(agents) : "—"}</td><td>${typeof sc.steps === "number" ? formatPlain(sc.steps) : "—"}</td><td>${formatPlain(s.runs.length)}</td></tr>`;
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
td.ok { color: var(--muted); }
td.warn, section.warnings li { color: #b35900; font-weight: 600; }
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

function warningsHtml(input: CompareReportInput): Html | string {
  const w = compareWarnings(input);
  if (w.length === 0) return "";
  return html`<section class="warnings"><h2>Warnings</h2><ul>${w.map((x) => html`<li>${x}</li>`)}</ul></section>`;
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
${warningsHtml(input)}
<section>
<h2>Against the same society without the system</h2>
${baselineHtml(table)}
</section>
<section>
<h2>Harms and outcomes over the horizon (B2)</h2>
<p>${horizonText(input)} Stocks are means over the horizon, flows totals over it per 1000 agents a year. Harms count in rights terms: a person listed for lawful speech or protest is wrongly listed, whatever the regime calls it.</p>
${tableHtml(table, seeds.length)}
${groupHtml(table)}
<details><summary>How each measure is computed</summary>
${definitions(table)}
</details>
</section>
${calibrationHtml(input)}
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

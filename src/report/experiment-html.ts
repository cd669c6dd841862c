/**
 * experiment.html: the report of a finished experiment, one self-contained
 * page (no script, no network): per output the point means with their t
 * interval bands along a factor, a heatmap for a two-factor grid, every-step
 * outputs as curves with bands, Sobol' S1/ST bars with bootstrap intervals, a
 * Morris μ*–σ plot, the warnings and the design table.
 *
 * Charts are drawn by Observable Plot into a linkedom document and
 * serialised to static SVG; the DOM serialiser escapes text, and everything
 * else on the page goes through html`` (escape by default).
 */
import path from "node:path";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import {
  type FactorValue,
  factorLabel,
  type PreparedExperiment,
} from "../core/experiment/index.js";
import { writeFileAtomic } from "../node/atomic-write.js";
import type { FinishedExperiment } from "../node/experiment/runner.js";
import { CSS, page } from "./html.js";
import { type Html, html, raw } from "./html-template.js";
import { formatNumber } from "./summary.js";

export const EXPERIMENT_REPORT_FILE = "experiment.html";

/** Most points drawn per chart and listed in the design table. */
const MAX_POINTS_DRAWN = 2000;
const MAX_TABLE_ROWS = 200;
/** Lines in one chart of a grid (one per combination of the other factors). */
const MAX_LINES = 8;
/** Every-step outputs: points whose series are drawn. */
const MAX_SERIES_POINTS = 8;

const EXTRA_CSS = `
figure.plot { margin: 0 0 28px; }
figure.plot figcaption { font-size: 0.9em; margin-bottom: 4px; }
table.design { border-collapse: collapse; font-size: 0.85em; }
table.design th, table.design td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: right; }
ul.warnings li { margin-bottom: 4px; }
`;

function svgOf(opts: Plot.PlotOptions): Html {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const el = Plot.plot({
    ...opts,
    document: document as unknown as Plot.PlotOptions["document"],
  }) as unknown as {
    outerHTML: string;
  };
  // Markup serialised by the DOM: its text nodes and attributes are escaped.
  return raw(el.outerHTML);
}

function figure(caption: string, svg: Html): Html {
  return html`<figure class="plot"><figcaption>${caption}</figcaption>${svg}</figure>`;
}

const fv = (v: FactorValue) => (typeof v === "number" ? formatNumber(v) : String(v));
const isNum = (v: FactorValue) => typeof v === "number";

interface Row {
  point: number;
  mean: number;
  low: number;
  high: number;
  [factor: string]: FactorValue | number;
}

function pointRows(f: FinishedExperiment, output: string): Row[] {
  const rows: Row[] = [];
  for (const ps of f.analysis.pointSummaries.slice(0, MAX_POINTS_DRAWN)) {
    const s = ps.outputs[output];
    if (!s) continue;
    rows.push({
      ...ps.values,
      point: ps.point,
      mean: s.mean,
      low: Number.isFinite(s.low) ? s.low : s.mean,
      high: Number.isFinite(s.high) ? s.high : s.mean,
    });
  }
  return rows.filter((r) => Number.isFinite(r.mean));
}

/** Point means and bands of one scalar output. */
function outputCharts(p: PreparedExperiment, f: FinishedExperiment, output: string): Html[] {
  const labels = p.factors.map(factorLabel);
  const rows = pointRows(f, output);
  if (rows.length === 0) return [];
  const level = `${Math.round(f.analysis.level * 100)}%`;
  const charts: Html[] = [];
  if (p.design.type === "grid") {
    // Along the first numeric factor; one line per combination of the others.
    const xi = labels.findIndex((_, j) => rows.every((r) => isNum(r[labels[j]] as FactorValue)));
    if (xi >= 0) {
      const x = labels[xi];
      const others = labels.filter((_, j) => j !== xi);
      const key = (r: Row) => others.map((l) => `${l}=${r[l]}`).join(", ") || "all";
      const keys = [...new Set(rows.map(key))].slice(0, MAX_LINES);
      const data = rows.filter((r) => keys.includes(key(r))).map((r) => ({ ...r, line: key(r) }));
      charts.push(
        figure(
          `${output}: mean over replications along ${x}, with the ${level} t interval as a band${keys.length > 1 ? "; one line per combination of the other factors" : ""}`,
          svgOf({
            width: 640,
            height: 300,
            marginLeft: 60,
            x: { label: x },
            y: { label: output, grid: true },
            color: { legend: keys.length > 1 },
            marks: [
              Plot.areaY(data, {
                x,
                y1: "low",
                y2: "high",
                z: "line",
                fill: "line",
                fillOpacity: 0.15,
              }),
              Plot.lineY(data, { x, y: "mean", z: "line", stroke: "line" }),
              Plot.dot(data, { x, y: "mean", fill: "line", r: 2.5 }),
            ],
          }),
        ),
      );
    }
    if (labels.length === 2) {
      charts.push(
        figure(
          `${output}: mean over replications for each pair of ${labels[0]} and ${labels[1]}`,
          svgOf({
            width: 640,
            height: 320,
            marginLeft: 80,
            padding: 0.05,
            x: { label: labels[0], type: "band" },
            y: { label: labels[1], type: "band" },
            color: { scheme: "viridis" },
            marks: [
              Plot.cell(rows, { x: labels[0], y: labels[1], fill: "mean" }),
              Plot.text(rows, {
                x: labels[0],
                y: labels[1],
                text: (r: Row) => formatNumber(r.mean),
                fill: "white",
                stroke: "black",
                strokeWidth: 2,
                paintOrder: "stroke",
              }),
            ],
          }),
        ),
      );
    }
    return charts;
  }
  // Other designs: each point's mean and interval against each numeric factor.
  for (const x of labels.filter((l) => rows.every((r) => isNum(r[l] as FactorValue))).slice(0, 8)) {
    charts.push(
      figure(
        `${output} against ${x}: each point's mean with its ${level} t interval`,
        svgOf({
          width: 640,
          height: 240,
          marginLeft: 60,
          x: { label: x },
          y: { label: output, grid: true },
          marks: [
            Plot.ruleX(rows, { x, y1: "low", y2: "high", strokeOpacity: 0.4 }),
            Plot.dot(rows, { x, y: "mean", r: 2, fill: "currentColor" }),
          ],
        }),
      ),
    );
  }
  return charts;
}

function seriesCharts(p: PreparedExperiment, f: FinishedExperiment): Html[] {
  const labels = p.factors.map(factorLabel);
  const level = `${Math.round(f.analysis.level * 100)}%`;
  const out: Html[] = [];
  for (const o of p.outputs.filter((d) => !d.scalar)) {
    const ss = f.analysis.series.filter((s) => s.output === o.name).slice(0, MAX_SERIES_POINTS);
    const data: { step: number; mean: number; low: number; high: number; point: string }[] = [];
    for (const s of ss) {
      const values = f.analysis.pointSummaries[s.point]?.values ?? {};
      const name = `${s.point}: ${labels.map((l) => `${l}=${values[l]}`).join(", ")}`;
      for (let t = 0; t < s.mean.length; t++) {
        if (!Number.isFinite(s.mean[t])) continue;
        data.push({
          step: t,
          mean: s.mean[t],
          low: Number.isFinite(s.low[t]) ? s.low[t] : s.mean[t],
          high: Number.isFinite(s.high[t]) ? s.high[t] : s.mean[t],
          point: name,
        });
      }
    }
    if (data.length === 0) continue;
    out.push(
      figure(
        `${o.name}: per step, the mean over replications with the ${level} t interval as a band (${ss.length} point${ss.length === 1 ? "" : "s"})`,
        svgOf({
          width: 640,
          height: 300,
          marginLeft: 60,
          x: { label: "step" },
          y: { label: o.name, grid: true },
          color: { legend: ss.length > 1 },
          marks: [
            Plot.areaY(data, {
              x: "step",
              y1: "low",
              y2: "high",
              z: "point",
              fill: "point",
              fillOpacity: 0.15,
            }),
            Plot.lineY(data, { x: "step", y: "mean", z: "point", stroke: "point" }),
          ],
        }),
      ),
    );
  }
  return out;
}

function sobolCharts(p: PreparedExperiment, f: FinishedExperiment): Html[] {
  const labels = p.factors.map(factorLabel);
  return Object.entries(f.analysis.sobol ?? {}).map(([output, r]) => {
    const data = labels.flatMap((l, j) => [
      { factor: l, index: "S1", ...r.S1[j] },
      { factor: l, index: "ST", ...r.ST[j] },
    ]);
    return figure(
      `Sobol' indices of ${output}: first order S1 and total effect ST per factor, with ${Math.round(r.level * 100)}% bootstrap intervals (N = ${r.n})`,
      svgOf({
        width: 640,
        height: 60 + 44 * labels.length,
        marginLeft: 120,
        x: {
          label: "index",
          domain: [Math.min(0, ...data.map((d) => d.low)), Math.max(1, ...data.map((d) => d.high))],
          grid: true,
        },
        y: { label: null },
        fy: { label: null },
        color: { legend: true, domain: ["S1", "ST"] },
        marks: [
          Plot.barX(data, { x: "estimate", y: "index", fy: "factor", fill: "index" }),
          Plot.ruleY(data, { x1: "low", x2: "high", y: "index", fy: "factor", strokeWidth: 1.5 }),
          Plot.ruleX([0]),
        ],
      }),
    );
  });
}

function morrisCharts(p: PreparedExperiment, f: FinishedExperiment): Html[] {
  const labels = p.factors.map(factorLabel);
  return Object.entries(f.analysis.morris ?? {}).map(([output, r]) => {
    const data = labels.map((l, j) => ({
      factor: l,
      muStar: r.muStar[j].estimate,
      low: r.muStar[j].low,
      high: r.muStar[j].high,
      sigma: r.sigma[j],
    }));
    return figure(
      `Morris screening of ${output}: μ* (mean |elementary effect|, with its bootstrap interval) against σ (non-linearity and interactions), r = ${r.r}`,
      svgOf({
        width: 640,
        height: 360,
        marginLeft: 60,
        x: { label: "μ*", grid: true, zero: true },
        y: { label: "σ", grid: true, zero: true },
        marks: [
          Plot.ruleY(data, { x1: "low", x2: "high", y: "sigma", strokeOpacity: 0.5 }),
          Plot.dot(data, { x: "muStar", y: "sigma", fill: "currentColor", r: 3 }),
          Plot.text(data, { x: "muStar", y: "sigma", text: "factor", dy: -8 }),
        ],
      }),
    );
  });
}

function designTable(p: PreparedExperiment, f: FinishedExperiment): Html {
  const labels = p.factors.map(factorLabel);
  const scalars = p.outputs.filter((o) => o.scalar).map((o) => o.name);
  const rows = f.analysis.pointSummaries.slice(0, MAX_TABLE_ROWS);
  const more = f.analysis.pointSummaries.length - rows.length;
  return html`<table class="design">
<thead><tr><th>point</th>${labels.map((l) => html`<th>${l}</th>`)}${scalars.map((s) => html`<th>${s} (mean)</th>`)}</tr></thead>
<tbody>${rows.map(
    (ps) =>
      html`<tr><td>${ps.point}</td>${labels.map((l) => html`<td>${fv(ps.values[l])}</td>`)}${scalars.map(
        (s) => html`<td>${ps.outputs[s] ? formatNumber(ps.outputs[s].mean) : "–"}</td>`,
      )}</tr>\n`,
  )}</tbody>
</table>${more > 0 ? html`<p>… and ${more} more points (table points and summaries in experiment.duckdb).</p>` : ""}`;
}

/** The report page of a finished experiment. */
export function renderExperimentReport(p: PreparedExperiment, f: FinishedExperiment): string {
  const a = f.analysis;
  const m = f.manifest;
  const scalars = p.outputs.filter((o) => o.scalar).map((o) => o.name);
  const failed = f.units.outputs.filter((o) => o === null).length;
  const main = html`<h1>${p.experiment.name}</h1>
${p.experiment.description ? html`<p>${p.experiment.description}</p>` : ""}
<p>Design <b>${p.design.type}</b>: ${a.points} points × ${a.replications} replication${a.replications === 1 ? "" : "s"}
= ${p.units} units${m.distinctUnits < p.units ? html` (${m.distinctUnits} distinct)` : ""}; ${a.paired ? "paired seeds (common random numbers)" : "independent seeds"};
master seed ${m.masterSeed}; engine ${m.engineVersion}; file ${m.file}.
${failed > 0 ? html`<b>${failed} units have no result</b> (failed or missing): they are left out of the summaries.` : ""}</p>
${a.warnings.length > 0 ? html`<h2>Warnings</h2><ul class="warnings">${a.warnings.map((w) => html`<li><code>${w.code}</code> ${w.message}</li>`)}</ul>` : ""}
${a.sobol ? html`<h2>Sobol' indices</h2>${sobolCharts(p, f)}` : ""}
${a.morris ? html`<h2>Morris elementary effects</h2>${morrisCharts(p, f)}` : ""}
${scalars.length > 0 ? html`<h2>Outputs by point</h2>${scalars.flatMap((s) => outputCharts(p, f, s))}` : ""}
${p.outputs.some((o) => !o.scalar) ? html`<h2>Outputs per step</h2>${seriesCharts(p, f)}` : ""}
<h2>Design</h2>
${designTable(p, f)}
<footer>scsim ${m.engineVersion}; experiment fingerprint ${m.fingerprint}. Tables in experiment.duckdb; method in docs/EXPERIMENTS.md.</footer>`;
  return page({
    title: `${p.experiment.name} — scsim experiment`,
    engineVersion: m.engineVersion,
    css: CSS + EXTRA_CSS,
    main,
  });
}

/** Writes DIR/experiment.html (atomically); returns its path. */
export async function writeExperimentReport(
  dir: string,
  p: PreparedExperiment,
  f: FinishedExperiment,
): Promise<string> {
  const file = path.join(dir, EXPERIMENT_REPORT_FILE);
  writeFileAtomic(file, renderExperimentReport(p, f));
  return file;
}

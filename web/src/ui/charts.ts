/**
 * Live charts (uPlot) of the harm and benefit measures: one chart per
 * measure, a line per design (blue A, vermillion B, the no-system baseline
 * black: Okabe–Ito, safe for colour-blind readers) and, by group, a dash
 * pattern per group; a benefit's chart has a line per design against its
 * baseline. Point s of a line is the measure over steps 1..s, as `scsim
 * compare` would report it for a run stopped there. Each chart's
 * caption says in words what it shows at the current step (its text
 * alternative), and the canvas carries the same text as its label.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Design } from "../design.js";
import {
  BASELINE_MEASURES,
  type BaselineMeasure,
  baselineAt,
  CHARTED,
  formatMeasure,
  LiveSeries,
  MEASURES,
  type Measure,
  type MeasureUnit,
  measureAt,
} from "../measures.js";
import { h } from "./dom.js";

/** Design A blue, B vermillion, the no-system baseline black (Okabe–Ito). */
export const DESIGN_COLOURS = ["#0072B2", "#D55E00"] as const;
export const BASELINE_COLOUR = "#000000";
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

/** A chart: of a measure (one line per design, and the baseline's), or of a benefit (design vs no system). */
type Spec =
  | { kind: "measure"; id: string; label: string; unit: MeasureUnit; measure: Measure }
  | { kind: "baseline"; id: string; label: string; unit: MeasureUnit; measure: BaselineMeasure };

const SPECS: Spec[] = [
  ...MEASURES.filter((m) => CHARTED.has(m.id)).map(
    (m): Spec => ({ kind: "measure", id: m.id, label: m.label, unit: m.unit, measure: m }),
  ),
  ...BASELINE_MEASURES.filter((m) => CHARTED.has(m.id)).map(
    (m): Spec => ({ kind: "baseline", id: m.id, label: m.label, unit: m.unit, measure: m }),
  ),
];

interface SeriesRef {
  /** The design whose step the line has reached. */
  design: Design;
  /** For a benefit line: the design's baseline. */
  base: Design | null;
  grp: number;
  label: string;
  series: LiveSeries;
}

interface Chart {
  spec: Spec;
  plot: uPlot;
  caption: HTMLElement;
  refs: SeriesRef[];
  data: (number | null)[][];
  /** The designs' steps when it was last drawn. */
  drawn: string;
}

/** The step a line has reached: its design's, or, for a benefit, the lesser of the design's and its baseline's. */
function reached(r: SeriesRef): number {
  return r.base ? Math.min(r.design.t, r.base.t) : r.design.t;
}

export class Charts {
  private charts: Chart[] = [];
  readonly el: HTMLElement;

  constructor(container: HTMLElement) {
    this.el = container;
  }

  /**
   * Rebuilds the charts (after every load: the series start again). `designs`
   * are the designs compared; `baselines` the no-system runs, each paired
   * with the designs it is the baseline of (`baselineOf`).
   */
  layout(
    designs: readonly Design[],
    baselines: readonly Design[],
    baselineOf: (d: Design) => Design | null,
    byGroup: boolean,
  ): void {
    const live = designs.filter((d) => d.t >= 0);
    const bases = baselines.filter((d) => d.t >= 0);
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.next = 0;
    this.el.replaceChildren();
    const steps = Math.max(1, ...live.map((d) => d.steps));
    const width = Math.max(260, Math.min(420, Math.floor((this.el.clientWidth || 900) / 3) - 16));
    for (const spec of SPECS) {
      const refs: SeriesRef[] = [];
      const styles: { stroke: string; dash: number[] }[] = [];
      if (spec.kind === "measure") {
        const m = spec.measure;
        const grps = (d: Design) => (byGroup && m.byGroup ? d.grps.map((_, g) => g).slice(1) : [0]);
        const line = (d: Design, stroke: string, name: string) => {
          for (const grp of grps(d)) {
            refs.push({
              design: d,
              base: null,
              grp,
              label: `${name} · ${d.grps[grp]}`,
              series: new LiveSeries((s) => measureAt(m, d, s, grp)),
            });
            styles.push({ stroke, dash: DASHES[grp > 0 ? (grp - 1) % DASHES.length : 0] });
          }
        };
        live.forEach((d, k) => {
          line(d, DESIGN_COLOURS[k % 2], d.name);
        });
        bases.forEach((b, k) => {
          line(
            b,
            BASELINE_COLOUR,
            bases.length > 1 ? `no system (${live[k]?.name ?? k})` : "no system",
          );
        });
      } else {
        const m = spec.measure;
        if (bases.length === 0) continue;
        live.forEach((d, k) => {
          const base = baselineOf(d);
          if (!base) return;
          refs.push({
            design: d,
            base,
            grp: 0,
            label: `${d.name} vs no system`,
            series: new LiveSeries((s) => baselineAt(m, d, base, s)),
          });
          styles.push({ stroke: DESIGN_COLOURS[k % 2], dash: [] });
        });
      }
      const series: uPlot.Series[] = [
        { label: "step" },
        ...refs.map((r, k) => ({
          label: r.label,
          stroke: styles[k].stroke,
          dash: styles[k].dash,
          width: r.design.counterfactual ? 1.5 : 2,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? "—" : formatMeasure(v, spec.unit)),
        })),
      ];
      const caption = h("figcaption", { id: `chart-${spec.id}-caption` });
      const box = h("div", { class: "plot" });
      const fig = h(
        "figure",
        { class: "chart", "data-measure": spec.id },
        h("h3", {}, spec.label),
        box,
        caption,
      );
      this.el.append(fig);
      const data: (number | null)[][] = [[], ...refs.map(() => [])];
      const unit = spec.unit;
      const plot = new uPlot(
        {
          width,
          height: 170,
          series,
          scales: {
            x: { time: false, range: [0, steps] },
            // From 0 (or below, for differences), never a flat range: all-zero lines stay readable.
            y: {
              range: (_u, lo, hi) => [
                Math.min(0, lo ?? 0),
                Math.max(hi ?? 0, (lo ?? 0) + (unit === "share" || unit === "points" ? 0.01 : 1)),
              ],
            },
          },
          axes: [
            { label: "step (day) of the horizon", labelSize: 18, size: 36 },
            {
              size: 56,
              values: (_u, ticks) => ticks.map((v) => formatMeasure(v, unit)),
            },
          ],
          legend: { show: true, live: false },
          cursor: { drag: { x: false, y: false } },
        },
        data as uPlot.AlignedData,
        box,
      );
      const canvas = box.querySelector("canvas");
      canvas?.setAttribute("role", "img");
      canvas?.setAttribute("aria-describedby", caption.id);
      this.charts.push({ spec, plot, caption, refs, data, drawn: "" });
    }
  }

  private next = 0;

  /**
   * Redraws at most `count` charts (all by default) whose designs have moved
   * on since they were drawn, taking turns, so that a frame redraws a few
   * canvases and not all of them. Returns true when every chart is up to date.
   */
  update(count = this.charts.length): boolean {
    let left = count;
    for (let i = 0; i < this.charts.length && left > 0; i++) {
      const c = this.charts[this.next % this.charts.length];
      this.next = (this.next + 1) % this.charts.length;
      const key = drawnKey(c);
      if (key === c.drawn) continue;
      c.drawn = key;
      left--;
      const t = Math.max(0, ...c.refs.map(reached));
      const x = c.data[0] as number[];
      x.length = t + 1;
      for (let s = 0; s <= t; s++) x[s] = s;
      c.refs.forEach((r, k) => {
        const ys = r.series.extend(reached(r));
        const out = c.data[k + 1];
        out.length = t + 1;
        for (let s = 0; s <= t; s++) out[s] = s < ys.length ? ys[s] : null;
      });
      c.plot.setData(c.data as uPlot.AlignedData);
      c.caption.textContent = describe(c);
    }
    return this.charts.every((c) => c.drawn === drawnKey(c));
  }
}

function drawnKey(c: Chart): string {
  return c.refs.map((r) => `${r.label}${reached(r)}`).join();
}

/** The chart in words: each line's value at its latest step. */
function describe(c: Chart): string {
  const parts = c.refs.map((r, k) => {
    const t = reached(r);
    const v = c.data[k + 1][t];
    const who = r.design.counterfactual ? r.label : `design ${r.label}`;
    return `${who} at step ${t}: ${
      v === null || v === undefined ? "undefined" : formatMeasure(v, c.spec.unit)
    }`;
  });
  return `${c.spec.label}, over the horizon so far. ${parts.join("; ")}.`;
}

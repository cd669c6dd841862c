/**
 * Live charts (uPlot) of the harm and benefit measures: one chart per
 * measure, a line per design (blue A, vermillion B: Okabe–Ito, safe for
 * colour-blind readers) and, by group, a dash pattern per group. Each chart's
 * caption says in words what it shows at the current step (its text
 * alternative), and the canvas carries the same text as its label.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Design } from "../design.js";
import { formatMeasure, LIVE_MEASURES, type LiveMeasure, measureSeries } from "../measures.js";
import { h } from "./dom.js";

export const DESIGN_COLOURS = ["#0072B2", "#D55E00"] as const;
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

interface SeriesRef {
  design: Design;
  grp: number;
}

interface Chart {
  measure: LiveMeasure;
  plot: uPlot;
  caption: HTMLElement;
  refs: SeriesRef[];
  data: (number | null)[][];
  /** The designs' steps when it was last drawn. */
  drawn: string;
}

export class Charts {
  private charts: Chart[] = [];
  private key = "";
  readonly el: HTMLElement;

  constructor(container: HTMLElement) {
    this.el = container;
  }

  /** Rebuilds the charts when the designs or the grouping changed. */
  layout(designs: readonly Design[], byGroup: boolean): void {
    const live = designs.filter((d) => d.t >= 0);
    const grps = (d: Design) => (byGroup ? d.grps.map((_, g) => g).slice(1) : [0]);
    const key = JSON.stringify(live.map((d) => [d.name, d.grps, d.steps, byGroup]));
    if (key === this.key) return;
    this.key = key;
    for (const c of this.charts) c.plot.destroy();
    this.charts = [];
    this.el.replaceChildren();
    const steps = Math.max(1, ...live.map((d) => d.steps));
    const width = Math.max(260, Math.min(420, Math.floor((this.el.clientWidth || 900) / 3) - 16));
    for (const m of LIVE_MEASURES.filter((x) => x.chart)) {
      const refs: SeriesRef[] = live.flatMap((d) => grps(d).map((grp) => ({ design: d, grp })));
      const series: uPlot.Series[] = [
        { label: "step" },
        ...refs.map((r) => ({
          label: `${r.design.name} · ${r.design.grps[r.grp]}`,
          stroke: DESIGN_COLOURS[designs.indexOf(r.design) % 2],
          dash: DASHES[byGroup ? (r.grp - 1) % DASHES.length : 0],
          width: 2,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? "—" : formatMeasure(v, m.unit)),
        })),
      ];
      const caption = h("figcaption", { id: `chart-${m.id}-caption` });
      const box = h("div", { class: "plot" });
      const fig = h(
        "figure",
        { class: "chart", "data-measure": m.id },
        h("h3", {}, m.label),
        box,
        caption,
      );
      this.el.append(fig);
      const data: (number | null)[][] = [[], ...refs.map(() => [])];
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
                Math.max(
                  hi ?? 0,
                  (lo ?? 0) + (m.unit === "share" || m.unit === "points" ? 0.01 : 1),
                ),
              ],
            },
          },
          axes: [
            { label: "step (day)", labelSize: 18, size: 36 },
            {
              size: 56,
              values: (_u, ticks) => ticks.map((v) => formatMeasure(v, m.unit)),
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
      this.charts.push({ measure: m, plot, caption, refs, data, drawn: "" });
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
      const c = this.charts[this.next];
      this.next = (this.next + 1) % this.charts.length;
      const key = c.refs.map((r) => `${r.design.name}${r.design.t}`).join();
      if (key === c.drawn) continue;
      c.drawn = key;
      left--;
      const t = Math.max(0, ...c.refs.map((r) => r.design.t));
      const x = c.data[0] as number[];
      x.length = t + 1;
      for (let s = 0; s <= t; s++) x[s] = s;
      c.refs.forEach((r, k) => {
        measureSeries(c.measure, r.design, r.design.t, r.grp, c.data[k + 1]);
        c.data[k + 1].length = t + 1;
      });
      c.plot.setData(c.data as uPlot.AlignedData);
      c.caption.textContent = describe(c);
    }
    return this.charts.every(
      (c) => c.drawn === c.refs.map((r) => `${r.design.name}${r.design.t}`).join(),
    );
  }
}

/** The chart in words: each line's value at its latest step. */
function describe(c: Chart): string {
  const parts = c.refs.map((r, k) => {
    const ys = c.data[k + 1];
    const v = ys[r.design.t];
    return `design ${r.design.name}${r.grp > 0 ? ` (${r.design.grps[r.grp]})` : ""} at step ${r.design.t}: ${
      v === null || v === undefined ? "undefined" : formatMeasure(v, c.measure.unit)
    }`;
  });
  return `${c.measure.label}. ${parts.join("; ")}.`;
}

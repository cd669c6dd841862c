/**
 * A small, dependency-free SVG line chart: nice ticks on both axes, grid,
 * axis labels, a legend, one line per series, an accessible <title>/<desc>.
 * Pure (no DOM, no Node): markup built with the escape-by-default html``
 * template, so series names, titles and labels are always text.
 */
import { escapeHtml, type Html, html } from "./html-template.js";

/**
 * Okabe–Ito colour-blind-safe palette, ordered for lines on a light or dark
 * background (yellow last: weak on white; black left out: invisible on dark).
 */
export const OKABE_ITO: readonly string[] = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#F0E442", // yellow
];

/** Dash patterns cycled with the colours, so lines differ in grey print too. */
const DASHES: readonly string[] = ["", "6 3", "2 3", "8 3 2 3"];

/** Escapes text for XML/HTML text and attribute values (the template's escape). */
export const escapeXml = escapeHtml;

export interface Ticks {
  /** Axis range: first and last tick. */
  min: number;
  max: number;
  /** Distance between ticks: 1, 2 or 5 times a power of ten. */
  step: number;
  ticks: number[];
}

function niceNum(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** exp;
}

function decimalsOf(step: number): number {
  return Math.max(0, Math.min(12, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * Nice ticks (multiples of 1, 2 or 5 × 10^k) covering [min, max], about
 * `count` of them. A degenerate range (min === max) is widened to include 0
 * (or to [0, 1] when the value is 0); non-finite input gives [0, 1].
 * `integer` keeps the step at least 1.
 */
export function niceTicks(min: number, max: number, count = 5, integer = false): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 1;
  }
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    if (min === 0) max = 1;
    else if (min > 0) min = 0;
    else max = 0;
  }
  const range = niceNum(max - min, false);
  let step = niceNum(range / Math.max(1, count - 1), true);
  if (integer && step < 1) step = 1;
  const dec = decimalsOf(step);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const n = Math.round((hi - lo) / step);
  if (!Number.isFinite(n) || n < 1 || n > 1000) {
    // Range too extreme for decimal ticks: just the ends.
    return { min, max, step: max - min, ticks: [min, max] };
  }
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) ticks.push(Number((lo + i * step).toFixed(dec)));
  return { min: ticks[0], max: ticks[ticks.length - 1], step, ticks };
}

/** Formats a tick label with as many decimals as the step needs, and k/M/G for large values. */
export function formatTick(v: number, step: number, maxAbs = Math.abs(v)): string {
  const units: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e4, "k"],
  ];
  let div = 1;
  let suffix = "";
  for (const [u, s] of units) {
    if (maxAbs >= u) {
      div = u === 1e4 ? 1e3 : u;
      suffix = s;
      break;
    }
  }
  const dec = decimalsOf(step / div);
  const text = (v / div).toFixed(dec);
  if (/^-?0(\.0*)?$/.test(text)) return div === 1 ? text.replace("-", "") : "0";
  return text + suffix;
}

export interface LineSeries {
  name: string;
  /** y values; NaN and ±Infinity are gaps. */
  values: ArrayLike<number>;
  /** x values (default: the index 0, 1, 2, ...). */
  x?: ArrayLike<number>;
  /** CSS colour; default from the palette. */
  color?: string;
  /** stroke-dasharray; default cycles with the palette. */
  dash?: string;
  /** Stroke width; default 2. */
  width?: number;
}

export interface LineChartOptions {
  /** Accessible title (the SVG <title>). */
  title: string;
  series: readonly LineSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Outer width and plot height in px (the legend adds height). Defaults 720 × 300. */
  width?: number;
  height?: number;
  /** Always include y = 0 in the y range. Default false. */
  yZero?: boolean;
  /** Prefix for element ids, unique within the page. Default "chart". */
  id?: string;
  /** Add the xmlns attribute, for use as a standalone .svg file. Default false. */
  standalone?: boolean;
  palette?: readonly string[];
}

const FONT = 12;
const LEGEND_ROW = 20;

function r1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/**
 * Builds the path data of one series: segments broken at gaps, thinned to at
 * most four points per pixel column (first, min, max, last), so that long
 * runs stay small without losing peaks. Isolated points are returned apart
 * (drawn as dots, since a one-point path is invisible).
 */
function buildPath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (x: number) => number,
  sy: (y: number) => number,
): { d: string; dots: [number, number][] } {
  const parts: string[] = [];
  const dots: [number, number][] = [];
  let seg: [number, number][] = [];
  let col = Number.NaN;
  let bucket: [number, number][] = [];

  const flushBucket = () => {
    if (bucket.length === 0) return;
    if (bucket.length <= 4) {
      seg.push(...bucket);
    } else {
      let iMin = 0;
      let iMax = 0;
      for (let i = 1; i < bucket.length; i++) {
        if (bucket[i][1] < bucket[iMin][1]) iMin = i;
        if (bucket[i][1] > bucket[iMax][1]) iMax = i;
      }
      const keep = [...new Set([0, iMin, iMax, bucket.length - 1])].sort((a, b) => a - b);
      for (const i of keep) seg.push(bucket[i]);
    }
    bucket = [];
  };
  const flushSeg = () => {
    flushBucket();
    if (seg.length === 1) dots.push(seg[0]);
    else if (seg.length > 1) {
      parts.push(`M${seg.map(([x, y]) => `${r1(x)} ${r1(y)}`).join("L")}`);
    }
    seg = [];
    col = Number.NaN;
  };

  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      flushSeg();
      continue;
    }
    const px = sx(x);
    const py = sy(y);
    const c = Math.round(px);
    if (c !== col) {
      flushBucket();
      col = c;
    }
    bucket.push([px, py]);
  }
  flushSeg();
  return { d: parts.join(""), dots };
}

function indexArray(n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Renders the chart as an <svg> element. */
export function renderLineChartHtml(opts: LineChartOptions): Html {
  const W = opts.width ?? 720;
  const plotH = opts.height ?? 300;
  const id = opts.id ?? "chart";
  const palette = opts.palette ?? OKABE_ITO;
  const series = opts.series.map((s, i) => ({
    ...s,
    xs: s.x ?? indexArray(s.values.length),
    color: s.color ?? palette[i % palette.length],
    dash: s.dash ?? DASHES[i % DASHES.length],
    width: s.width ?? 2,
  }));

  // Data ranges over finite points only.
  let [xLo, xHi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  let [yLo, yHi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  let anyPoint = false;
  for (const s of series) {
    const n = Math.min(s.xs.length, s.values.length);
    for (let i = 0; i < n; i++) {
      const x = s.xs[i];
      const y = s.values[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      anyPoint = true;
      if (x < xLo) xLo = x;
      if (x > xHi) xHi = x;
      if (y < yLo) yLo = y;
      if (y > yHi) yHi = y;
    }
  }
  if (!anyPoint) {
    [xLo, xHi, yLo, yHi] = [0, 1, 0, 1];
  }
  if (opts.yZero) {
    yLo = Math.min(yLo, 0);
    yHi = Math.max(yHi, 0);
  }

  const xAllInt = series.every((s) => {
    for (let i = 0; i < s.xs.length; i++) if (!Number.isInteger(s.xs[i])) return false;
    return true;
  });
  const xt = niceTicks(xLo, xHi, 7, xAllInt);
  const yt = niceTicks(yLo, yHi, 6);
  const yMaxAbs = Math.max(Math.abs(yt.min), Math.abs(yt.max));
  const xMaxAbs = Math.max(Math.abs(xt.min), Math.abs(xt.max));
  const yLabels = yt.ticks.map((v) => formatTick(v, yt.step, yMaxAbs));
  const longestY = Math.max(...yLabels.map((l) => l.length));

  const mLeft = Math.round(longestY * FONT * 0.62 + 14 + (opts.yLabel ? 20 : 0));
  const mRight = 16;
  const mTop = 12;
  const mBottom = 30 + (opts.xLabel ? 18 : 0);
  const plotW = W - mLeft - mRight;
  const x0 = mLeft;
  const y0 = mTop;

  const sx = (x: number) => x0 + ((x - xt.min) / (xt.max - xt.min)) * plotW;
  const sy = (y: number) => y0 + plotH - ((y - yt.min) / (yt.max - yt.min)) * plotH;

  // Legend layout: items flow left to right, wrapping to new rows.
  const legendTop = y0 + plotH + mBottom + 4;
  const legendItems: { x: number; row: number; s: (typeof series)[number] }[] = [];
  let lx = x0;
  let row = 0;
  for (const s of series) {
    const w = 30 + s.name.length * FONT * 0.62 + 18;
    if (lx + w > W - mRight && lx > x0) {
      row++;
      lx = x0;
    }
    legendItems.push({ x: lx, row, s });
    lx += w;
  }
  const legendRows = series.length > 0 ? row + 1 : 0;
  const H = legendTop + legendRows * LEGEND_ROW + 4;

  const names = series.map((s) => s.name).join(", ");
  const desc =
    `Line chart${opts.yLabel ? ` of ${opts.yLabel}` : ""}` +
    `${opts.xLabel ? ` by ${opts.xLabel}` : ""}, ` +
    `${series.length} series${names ? `: ${names}` : ""}. ` +
    `x from ${formatTick(xt.min, xt.step, xMaxAbs)} to ${formatTick(xt.max, xt.step, xMaxAbs)}, ` +
    `y from ${yLabels[0]} to ${yLabels[yLabels.length - 1]}.`;

  const yTicks = yt.ticks.map((v, i) => {
    const y = r1(sy(v));
    return html`
<line x1="${x0}" x2="${x0 + plotW}" y1="${y}" y2="${y}" stroke-opacity="0.12"/>
<text x="${x0 - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" stroke="none">${yLabels[i]}</text>`;
  });
  const xTicks = xt.ticks.map((v) => {
    const x = r1(sx(v));
    return html`
<line x1="${x}" x2="${x}" y1="${y0 + plotH}" y2="${y0 + plotH + 5}" stroke-opacity="0.6"/>
<text x="${x}" y="${y0 + plotH + 18}" text-anchor="middle" stroke="none">${formatTick(v, xt.step, xMaxAbs)}</text>`;
  });
  const cy = r1(y0 + plotH / 2);
  const lines = series.map((s) => {
    const { d, dots } = buildPath(s.xs, s.values, sx, sy);
    const dash = s.dash ? html` stroke-dasharray="${s.dash}"` : "";
    const label = html`<title>${s.name}</title>`;
    return html`${
      d
        ? html`
<path d="${d}" stroke="${s.color}" stroke-width="${s.width}"${dash}>${label}</path>`
        : ""
    }${dots.map(
      ([x, y]) => html`
<circle cx="${r1(x)}" cy="${r1(y)}" r="${s.width + 1}" fill="${s.color}">${label}</circle>`,
    )}`;
  });
  const legend = legendItems.map(({ x, row: r, s }) => {
    const y = legendTop + r * LEGEND_ROW + LEGEND_ROW / 2;
    const dash = s.dash ? html` stroke-dasharray="${s.dash}"` : "";
    return html`
<line x1="${r1(x)}" x2="${r1(x + 24)}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="${s.width + 1}"${dash}/>
<text x="${r1(x + 30)}" y="${y}" dominant-baseline="middle" fill="currentColor">${s.name}</text>`;
  });

  return html`<svg${opts.standalone ? html` xmlns="http://www.w3.org/2000/svg"` : ""} class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-labelledby="${`${id}-title ${id}-desc`}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT}" style="max-width:100%;height:auto">
<title id="${id}-title">${opts.title}</title>
<desc id="${id}-desc">${desc}</desc>
<g fill="currentColor" stroke="currentColor">${yTicks}${xTicks}
<line x1="${x0}" x2="${x0 + plotW}" y1="${y0 + plotH}" y2="${y0 + plotH}" stroke-opacity="0.6"/>
<line x1="${x0}" x2="${x0}" y1="${y0}" y2="${y0 + plotH}" stroke-opacity="0.6"/>${
    opts.xLabel
      ? html`
<text x="${r1(x0 + plotW / 2)}" y="${y0 + plotH + 40}" text-anchor="middle" stroke="none">${opts.xLabel}</text>`
      : ""
  }${
    opts.yLabel
      ? html`
<text x="14" y="${cy}" transform="rotate(-90 14 ${cy})" text-anchor="middle" dominant-baseline="middle" stroke="none">${opts.yLabel}</text>`
      : ""
  }
</g>
<g fill="none" stroke-linejoin="round" stroke-linecap="round">${lines}
</g>${
    legendItems.length > 0
      ? html`
<g class="legend">${legend}
</g>`
      : ""
  }
</svg>`;
}

/** Renders the chart as an <svg> element (string). */
export function renderLineChart(opts: LineChartOptions): string {
  return renderLineChartHtml(opts).markup;
}

import { describe, expect, it } from "vitest";
import { escapeXml, formatTick, niceTicks, renderLineChart } from "./svg-line-chart.js";

function isNice(step: number): boolean {
  const exp = Math.floor(Math.log10(step));
  const f = Math.round((step / 10 ** exp) * 1e9) / 1e9;
  return f === 1 || f === 2 || f === 5;
}

describe("niceTicks", () => {
  const cases: [number, number][] = [
    [0, 1],
    [0, 0.37],
    [0.013, 0.987],
    [-3.2, 17.9],
    [0, 100_000],
    [12_345, 12_999],
    [-1e-6, 3e-6],
    [0.1, 0.3],
    [0, 999],
    [4, 5],
  ];
  it.each(cases)("covers [%d, %d] with nice, evenly spaced ticks", (lo, hi) => {
    const t = niceTicks(lo, hi);
    expect(t.min).toBeLessThanOrEqual(lo);
    expect(t.max).toBeGreaterThanOrEqual(hi);
    expect(isNice(t.step)).toBe(true);
    expect(t.ticks.length).toBeGreaterThanOrEqual(2);
    expect(t.ticks.length).toBeLessThanOrEqual(12);
    for (const v of t.ticks) {
      // Every tick is an (almost exact) multiple of the step.
      const q = v / t.step;
      expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-6);
    }
    for (let i = 1; i < t.ticks.length; i++) {
      expect(t.ticks[i] - t.ticks[i - 1]).toBeCloseTo(t.step, 9);
    }
    // Not absurdly wider than the data (at most one step of slack each side).
    expect(lo - t.min).toBeLessThan(t.step + 1e-12);
    expect(t.max - hi).toBeLessThan(t.step + 1e-12);
  });

  it("ticks print without floating-point noise", () => {
    expect(niceTicks(0.1, 0.3).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("widens a degenerate range without dividing by zero", () => {
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const pos = niceTicks(0.3, 0.3);
    expect(pos.min).toBe(0);
    expect(pos.max).toBeGreaterThanOrEqual(0.3);
    const neg = niceTicks(-5, -5);
    expect(neg.min).toBeLessThanOrEqual(-5);
    expect(neg.max).toBe(0);
  });

  it("non-finite input falls back to [0, 1]", () => {
    const t = niceTicks(Number.NaN, Number.POSITIVE_INFINITY);
    expect(t.min).toBe(0);
    expect(t.max).toBe(1);
  });

  it("integer mode keeps the step at least 1", () => {
    const t = niceTicks(0, 3, 7, true);
    expect(t.step).toBe(1);
    expect(t.ticks).toEqual([0, 1, 2, 3]);
  });
});

describe("formatTick", () => {
  it("uses the step's decimals and k/M suffixes", () => {
    expect(formatTick(0.25, 0.05)).toBe("0.25");
    expect(formatTick(0.2, 0.05)).toBe("0.20");
    expect(formatTick(40, 20)).toBe("40");
    expect(formatTick(20_000, 5_000, 20_000)).toBe("20k");
    expect(formatTick(2_500_000, 500_000, 2_500_000)).toBe("2.5M");
    expect(formatTick(-0.0001, 0.1)).toBe("0.0");
    expect(formatTick(0, 2_000, 10_000)).toBe("0");
  });
});

function coords(svg: string): number[] {
  const nums: number[] = [];
  for (const m of svg.matchAll(/(?:d|x1|x2|y1|y2|cx|cy|x|y)="([^"]*)"/g)) {
    for (const n of m[1].match(/-?[\d.]+(?:e-?\d+)?|NaN|Infinity/g) ?? []) nums.push(Number(n));
  }
  return nums;
}

describe("renderLineChart", () => {
  it("draws one path per series, with title, legend and no NaN coordinates", () => {
    const svg = renderLineChart({
      title: "Listed <share>",
      series: [
        { name: "all", values: [0, 0.1, 0.2, 0.3] },
        { name: "minority", values: [0, 0.2, Number.NaN, 0.5] },
      ],
      xLabel: "step",
      yLabel: "share",
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain('<title id="chart-title">Listed &lt;share&gt;</title>');
    expect(svg).toContain('role="img"');
    // minority is split at the NaN: one path for [0, 1] and a dot for step 3.
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg.match(/<circle /g)?.length).toBe(1);
    const minorityPath = svg.split("<path ")[2];
    expect(minorityPath.match(/[ML]/g)?.filter((c) => c === "M").length).toBe(1);
    expect(svg).toContain(">minority</text>");
    for (const n of coords(svg)) expect(Number.isFinite(n)).toBe(true);
  });

  it("skips NaN points (a gap starts a new segment)", () => {
    const svg = renderLineChart({
      title: "gaps",
      series: [{ name: "a", values: [1, 2, Number.NaN, Number.NaN, 3, 4, 5] }],
    });
    const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? "";
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d.match(/L/g)?.length).toBe(1 + 2);
    expect(d).not.toContain("NaN");
  });

  it("a constant series renders with finite coordinates", () => {
    const svg = renderLineChart({
      title: "flat",
      series: [{ name: "c", values: new Float64Array(50).fill(7) }],
    });
    expect(svg).toContain("<path");
    for (const n of coords(svg)) expect(Number.isFinite(n)).toBe(true);
  });

  it("an all-NaN or empty input still gives a valid empty chart", () => {
    const svg = renderLineChart({
      title: "empty",
      series: [
        { name: "n", values: [Number.NaN, Number.NaN] },
        { name: "e", values: [] },
      ],
    });
    expect(svg).not.toContain("<path");
    for (const n of coords(svg)) expect(Number.isFinite(n)).toBe(true);
  });

  it("thins very long series but keeps the extremes", () => {
    const n = 100_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = Math.sin(i / 1000);
    values[54_321] = 10; // a one-step spike must survive thinning
    const svg = renderLineChart({ title: "long", series: [{ name: "s", values }] });
    expect(svg.length).toBeLessThan(60_000);
    const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? "";
    const ys = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2]));
    // the spike is the highest point: smallest y in SVG coordinates, at the top tick
    expect(Math.min(...ys)).toBeLessThan(20);
  });

  it("escapes series names", () => {
    const svg = renderLineChart({
      title: "t",
      series: [{ name: '<script>alert("x")</script>', values: [1, 2] }],
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("adds xmlns only when standalone", () => {
    const series = [{ name: "a", values: [1, 2] }];
    expect(renderLineChart({ title: "t", series })).not.toContain("xmlns");
    expect(renderLineChart({ title: "t", series, standalone: true })).toContain(
      'xmlns="http://www.w3.org/2000/svg"',
    );
  });
});

describe("escapeXml", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});

import { describe, expect, it } from "vitest";
import { metricNames } from "../core/world/build.js";

const SCS_METRICS = metricNames();

import { MetricsTable } from "../core/metrics/table.js";
import {
  type CompareRun,
  type CompareScenario,
  cellStats,
  compareCsv,
  compareTable,
  csvText,
  disparityGap,
  disparityRatio,
  formatCell,
  formatCompareText,
  MEASURES,
  meanSeries,
  parameterDifferences,
  renderCompareReport,
  trailingRate,
} from "./compare.js";

const GRPS = ["all", "majority", "minority"];
const STEPS = 5; // rows 0..4: the initial state and 4 steps

/**
 * A run whose every metric is NaN except those given: per metric, one series
 * (grp "all") or a per-grp list of series, each of STEPS values.
 */
function table(
  values: Record<string, number[] | number[][]>,
  metrics: readonly string[] = SCS_METRICS,
  grps: readonly string[] = GRPS,
): MetricsTable {
  const t = new MetricsTable(metrics, grps, STEPS);
  for (const [name, v] of Object.entries(values)) {
    const m = t.index(name);
    const perGrp = Array.isArray(v[0]) ? (v as number[][]) : [v as number[]];
    perGrp.forEach((series, g) => {
      for (let s = 0; s < series.length; s++) t.set(s, m, g, series[s]);
    });
  }
  t.recorded = STEPS;
  return t;
}

/** A run with a known value for every measure. */
function fullRun(k = 0): CompareRun {
  return {
    seed: String(k + 1),
    agents: 2000,
    meanDegree: 10,
    metrics: table({
      wrongly_listed: [0, 0, 0, 0, 0.01 + k * 0.01],
      listed: [
        [0, 0, 0, 0, 0.1],
        [0, 0, 0, 0, 0.08],
        [0, 0, 0, 0, 0.28],
      ],
      list_precision: [0, 0, 0, 0, 0.9],
      chilling: [0, 0.5, 0.5, 0.5, 0.6],
      // steps 1..4 average 0.02; step 0 is left out
      protest: [0.9, 0.01, 0.03, 0.02, 0.02],
      ties_cut: [0, 100, 200, 300, 400],
      listed_degree: [Number.NaN, 5, 5, 5, 4],
      detained: [0, 0, 0, 0.001, 0.002],
      // totals over steps 1..4: 6, 20, 10, 4, 2, 8; step 0 is left out
      denied_school: [99, 1, 2, 3, 0],
      defaults_prevented: [99, 5, 5, 5, 5],
      denied_flight: [99, 1, 1, 1, 1],
      denied_rail: [99, 0, 0, 0, 2],
      denied_loan: [99, 2, 2, 2, 2],
      default_rate: [Number.NaN, 0.04, 0.02, Number.NaN, 0.03],
      approval_private: [0.5, 0.5, 0.5, 0.5, 0.55],
      approval_expressed: [0.5, 0.6, 0.6, 0.7, 0.75],
    }),
  };
}

function measure(id: string) {
  const m = MEASURES.find((x) => x.id === id);
  if (!m) throw new Error(`no measure ${id}`);
  return m;
}

describe("MEASURES", () => {
  it("covers every B2 item, each with a label, metric, reduction and direction", () => {
    const ids = MEASURES.map((m) => m.id);
    for (const id of [
      "wrongly_listed",
      "listed",
      "list_precision",
      "disparity_ratio",
      "disparity_gap",
      "chilling",
      "protest",
      "ties_cut_per_agent",
      "listed_relative_degree",
      "detained",
      "denied_school_per_1000",
      "approval_gap",
      "defaults_avoided_per_1000",
      "default_rate",
      "denied_flight_per_1000",
      "denied_rail_per_1000",
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(MEASURES.map((m) => m.label)).size).toBe(MEASURES.length);
    for (const m of MEASURES) {
      expect(m.label.length).toBeGreaterThan(0);
      expect(m.how.length).toBeGreaterThan(10);
      expect(["lower", "higher", "neither"]).toContain(m.better);
      // Every metric a measure reads is one the model records.
      for (const name of m.metric.split(/,\s*/).map((x) => x.replace(/ \(.*\)$/, ""))) {
        expect(SCS_METRICS as readonly string[]).toContain(name);
      }
    }
  });

  it("reduces one run exactly as documented", () => {
    const r = fullRun();
    const v = (id: string) => measure(id).value(r);
    expect(v("wrongly_listed")).toBeCloseTo(0.01, 12);
    expect(v("listed")).toBeCloseTo(0.1, 12);
    expect(v("list_precision")).toBeCloseTo(0.9, 12);
    expect(v("disparity_ratio")).toBeCloseTo(3.5, 12);
    expect(v("disparity_gap")).toBeCloseTo(0.2, 12);
    expect(v("chilling")).toBeCloseTo(0.6, 12);
    expect(v("protest")).toBeCloseTo(0.02, 12);
    expect(v("ties_cut_per_agent")).toBeCloseTo(400 / 2000, 12);
    expect(v("listed_relative_degree")).toBeCloseTo(0.4, 12);
    expect(v("detained")).toBeCloseTo(0.002, 12);
    expect(v("denied_school_per_1000")).toBeCloseTo((6 / 2000) * 1000, 12);
    expect(v("approval_gap")).toBeCloseTo(0.2, 12);
    expect(v("defaults_avoided_per_1000")).toBeCloseTo((20 / 2000) * 1000, 12);
    expect(v("default_rate")).toBeCloseTo(0.03, 12); // NaN steps skipped
    expect(v("denied_flight_per_1000")).toBeCloseTo(2, 12);
    expect(v("denied_rail_per_1000")).toBeCloseTo(1, 12);
    expect(v("denied_loan_per_1000")).toBeCloseTo(4, 12);
  });

  it("is undefined (NaN) where a metric is missing, and never throws", () => {
    const r: CompareRun = {
      seed: "1",
      agents: 100,
      metrics: table({ listed: [0, 0.1, 0.1, 0.1, 0.1] }, ["listed"], ["all"]),
    };
    for (const m of MEASURES) {
      if (m.id === "listed") expect(m.value(r)).toBeCloseTo(0.1, 12);
      else expect(m.value(r)).toBeNaN();
    }
  });

  it("is undefined for a run that recorded nothing", () => {
    const t = new MetricsTable(SCS_METRICS, GRPS, 3);
    for (const m of MEASURES) expect(m.value({ seed: "1", agents: 10, metrics: t })).toBeNaN();
  });

  it("leaves the relative ties of the listed undefined without a mean degree", () => {
    const r = { ...fullRun(), meanDegree: undefined };
    expect(measure("listed_relative_degree").value(r)).toBeNaN();
  });
});

describe("group disparity", () => {
  const listed = (all: number, maj: number, min: number) =>
    table({
      listed: [
        [0, 0, 0, 0, all],
        [0, 0, 0, 0, maj],
        [0, 0, 0, 0, min],
      ],
    });

  it("is 1 and 0 when nobody is listed", () => {
    expect(disparityRatio(listed(0, 0, 0))).toBe(1);
    expect(disparityGap(listed(0, 0, 0))).toBe(0);
  });

  it("is infinite when one group has nobody listed and another has", () => {
    expect(disparityRatio(listed(0.01, 0, 0.1))).toBe(Number.POSITIVE_INFINITY);
    expect(disparityGap(listed(0.01, 0, 0.1))).toBeCloseTo(0.1, 12);
  });

  it("takes the most- over the least-listed group, whichever it is", () => {
    expect(disparityRatio(listed(0.1, 0.2, 0.05))).toBeCloseTo(4, 12);
    expect(disparityGap(listed(0.1, 0.2, 0.05))).toBeCloseTo(0.15, 12);
  });

  it("is undefined with a single group, and ignores groups without a value (no agents)", () => {
    const one = table(
      {
        listed: [
          [0, 0, 0, 0, 0.1],
          [0, 0, 0, 0, 0.1],
        ],
      },
      SCS_METRICS,
      ["all", "everyone"],
    );
    expect(disparityRatio(one)).toBeNaN();
    expect(disparityGap(one)).toBeNaN();
    const three = table(
      {
        listed: [
          [0, 0, 0, 0, 0.1],
          [0, 0, 0, 0, 0.1],
          [0, 0, 0, 0, Number.NaN],
          [0, 0, 0, 0, 0.3],
        ],
      },
      SCS_METRICS,
      ["all", "a", "b", "c"],
    );
    expect(disparityRatio(three)).toBeCloseTo(3, 12);
  });
});

describe("cellStats", () => {
  it("gives the mean and the sample standard deviation", () => {
    const c = cellStats([1, 2, 3, 4]);
    expect(c.mean).toBe(2.5);
    expect(c.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(c.n).toBe(4);
  });

  it("skips undefined values and has no spread for one value", () => {
    const c = cellStats([Number.NaN, 3]);
    expect(c).toMatchObject({ mean: 3, n: 1 });
    expect(c.sd).toBeNaN();
    expect(cellStats([Number.NaN]).mean).toBeNaN();
  });

  it("keeps an infinite mean and drops the spread", () => {
    const c = cellStats([2, Number.POSITIVE_INFINITY]);
    expect(c.mean).toBe(Number.POSITIVE_INFINITY);
    expect(c.sd).toBeNaN();
  });
});

describe("compareTable", () => {
  const a: CompareScenario = { name: "alpha", runs: [fullRun(0), fullRun(1), fullRun(2)] };
  const b: CompareScenario = {
    name: "beta",
    runs: [
      {
        seed: "1",
        agents: 1000,
        metrics: table({
          wrongly_listed: [0, 0, 0, 0, 0],
          listed: [
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0],
          ],
        }),
      },
    ],
  };
  const t = compareTable([a, b]);

  it("has one row per measure and one cell per scenario, in order", () => {
    expect(t.scenarios).toEqual(["alpha", "beta"]);
    expect(t.runs).toEqual([3, 1]);
    expect(t.rows.map((r) => r.measure)).toEqual(MEASURES);
    for (const r of t.rows) expect(r.cells).toHaveLength(2);
  });

  it("averages each measure over the seeds", () => {
    const w = t.rows.find((r) => r.measure.id === "wrongly_listed")!;
    expect(w.cells[0].values.map((v) => Number(v.toFixed(10)))).toEqual([0.01, 0.02, 0.03]);
    expect(w.cells[0].mean).toBeCloseTo(0.02, 12);
    expect(w.cells[0].sd).toBeCloseTo(0.01, 12);
    expect(w.cells[1]).toMatchObject({ mean: 0, n: 1 });
    const p = t.rows.find((r) => r.measure.id === "list_precision")!;
    expect(p.cells[1].n).toBe(0);
  });

  it("prints aligned text with every label, every scenario and the direction", () => {
    const text = formatCompareText(t);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^measure \(B2\)\s+alpha\s+beta\s+better$/);
    expect(lines).toHaveLength(2 + MEASURES.length);
    for (const m of MEASURES) expect(text).toContain(m.label);
    expect(text).toMatch(/wrongly listed \(% of agents\)\s+2\.00% ± 1\.00\s+0%\s+lower/);
    expect(text).toMatch(/list precision \(% of listed\)\s+90\.0% ± 0\.0\s+—\s+higher/);
    expect(text).toMatch(/protest .*\s+–$/m);
    // Columns line up: every row as long as the rule under the header, or shorter (trimmed).
    const width = lines[1].length;
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
  });

  it("writes tidy CSV with raw values", () => {
    const csv = compareCsv(t).trimEnd().split("\n");
    expect(csv[0]).toBe("scenario,measure,label,unit,better,mean,sd,seeds");
    expect(csv).toHaveLength(1 + 2 * MEASURES.length);
    const row = csv.find((l) => l.startsWith("alpha,wrongly_listed,"))!.split(",");
    expect(row.slice(3, 5)).toEqual(["share", "lower"]);
    expect(Number(row[5])).toBeCloseTo(0.02, 12);
    expect(Number(row[6])).toBeCloseTo(0.01, 12);
    expect(row[7]).toBe("3");
    // A label with a comma is quoted; an undefined value is empty.
    expect(csv).toContain(
      'beta,disparity_ratio,"group disparity: listed, max/min",ratio,lower,1,,1',
    );
    expect(csv.find((l) => l.startsWith("beta,list_precision,"))).toMatch(/,higher,,,0$/);
  });
});

describe("CSV injection (OWASP): text fields never become spreadsheet formulas", () => {
  it.each(["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")'])(
    "%j gets a leading quote, quoted",
    (name) => {
      const f = csvText(name);
      expect(f.startsWith(`"'`)).toBe(true);
      // Read back as CSV (RFC 4180): the text with its quote prefix, nothing lost.
      expect(f.slice(1, -1).replaceAll('""', '"')).toBe(`'${name}`);
    },
  );

  it("leaves ordinary names alone and quotes what CSV needs quoted", () => {
    expect(csvText("integrated")).toBe("integrated");
    expect(csvText("a, b")).toBe('"a, b"');
    expect(csvText('say "x"')).toBe('"say ""x"""');
    expect(csvText("mid=dle")).toBe("mid=dle");
  });

  it("in compare.csv: a scenario named =cmd|' /C calc'!A0 starts with a quote", () => {
    const scenarios: CompareScenario[] = [{ name: "=cmd|' /C calc'!A0", runs: [fullRun(0)] }];
    const lines = compareCsv(compareTable(scenarios)).trimEnd().split("\n").slice(1);
    for (const l of lines) expect(l.startsWith(`"'=cmd|' /C calc'!A0"`)).toBe(true);
  });
});

describe("formatCell", () => {
  const c = (values: number[]) => cellStats(values);

  it("shows shares as percentages and differences in points", () => {
    expect(formatCell(c([0.1234]), "share")).toBe("12.3%");
    expect(formatCell(c([0.1, 0.2]), "share")).toBe("15.0% ± 7.1");
    expect(formatCell(c([0.00012, 0.00014]), "share")).toBe("0.0130% ± 0.0014");
    expect(formatCell(c([0.2]), "points")).toBe("20.0 pp");
    expect(formatCell(c([-0.05]), "points")).toBe("-5.00 pp");
  });

  it("shows ratios, counts, undefined and partial cells", () => {
    expect(formatCell(c([1.5, 2.5]), "ratio")).toBe("2.00× ± 0.71");
    expect(formatCell(c([Number.POSITIVE_INFINITY, 2]), "ratio")).toBe("∞");
    expect(formatCell(c([1234.5]), "per1000")).toBe("1235");
    expect(formatCell(c([0, 0]), "per1000")).toBe("0 ± 0");
    expect(formatCell(c([Number.NaN, Number.NaN]), "share")).toBe("—");
    expect(formatCell(c([0.5, Number.NaN]), "share")).toBe("50.0% (n=1)");
  });
});

describe("time series", () => {
  const r1 = { seed: "1", agents: 10, metrics: table({ listed: [0, 1, 2, 3, 4] }) };
  const r2 = { seed: "2", agents: 10, metrics: table({ listed: [0, 3, Number.NaN, 5, 6] }) };

  it("averages over runs per step, skipping runs without a value", () => {
    expect([...meanSeries([r1, r2], "listed")]).toEqual([0, 2, 2, 4, 5]);
    expect([...meanSeries([r1, r2], "chilling")].every(Number.isNaN)).toBe(true);
  });

  it("gives a trailing-window rate of sums", () => {
    const r = {
      seed: "1",
      agents: 10,
      metrics: table({ defaults: [9, 1, 0, 2, 1], obligations: [9, 10, 10, 0, 10] }),
    };
    const out = [...trailingRate([r], "defaults", "obligations", 2)];
    expect(out[0]).toBeNaN();
    expect(out.slice(1)).toEqual([0.1, 1 / 20, 2 / 10, 3 / 10]);
  });
});

describe("parameterDifferences", () => {
  it("lists the dotted fields that differ, leaving out name, description and seed", () => {
    const d = parameterDifferences([
      { name: "a", seed: 1, agents: 10, m: { x: { on: true, k: [1, 2] }, y: 1 } },
      { name: "b", seed: 2, agents: 10, m: { x: { on: false, k: [1, 2] }, z: {}, w: 3 } },
    ]);
    expect(d).toEqual([
      { path: "m.w", values: [undefined, "3"] },
      { path: "m.x.on", values: ["true", "false"] },
      { path: "m.y", values: ["1", undefined] },
    ]);
  });
});

describe("renderCompareReport", () => {
  const scenarios: CompareScenario[] = [
    {
      name: "alpha",
      runs: [fullRun(0), fullRun(1)],
      source: "preset alpha",
      preset: "alpha",
      description: "The first design.",
      scenario: { name: "alpha", agents: 2000, steps: 4, mechanisms: { a: 1 } },
    },
    {
      name: "<b>beta</b>",
      runs: [fullRun(2), fullRun(0)],
      source: "beta.yaml",
      preset: null,
      scenario: { name: "beta", agents: 2000, steps: 4, mechanisms: { a: 2 } },
    },
  ];
  const html = renderCompareReport({
    scenarios,
    table: compareTable(scenarios),
    seeds: ["1", "2"],
    engineVersion: "0.1.0",
    generatedAt: new Date("2025-01-02T03:04:05Z"),
    command: "scsim compare alpha beta.yaml",
  });

  it("is one self-contained page", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(html).toContain("</html>");
  });

  it("escapes scenario names", () => {
    expect(html).not.toContain("<b>beta</b>");
    expect(html).toContain("&lt;b&gt;beta&lt;/b&gt;");
  });

  it("holds the B2 table, the definitions, the charts and the parameters", () => {
    for (const m of MEASURES) expect(html).toContain(escapeHtml(m.label));
    expect(html).toContain("10.0% ± 0.0");
    expect(html).toContain("<h3>Blacklisted</h3>");
    expect(html).toContain("<h3>Chilling (unexpressed dissent)</h3>");
    expect(html).toMatch(/<h3>Default rate \(trailing 30-step window\)<\/h3>/);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toContain("<code>mechanisms.a</code>");
    expect(html).toContain("preset alpha");
    expect(html).toContain("The first design.");
    expect(html).toContain("scsim compare alpha beta.yaml");
    expect(html).toContain("2025-01-02 03:04:05 UTC");
  });
});

function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

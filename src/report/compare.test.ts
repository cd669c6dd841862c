import { describe, expect, it } from "vitest";
import { flat, run } from "../../test/compare-fixture.js";
import {
  type CompareScenario,
  cellStats,
  compareCsv,
  compareTable,
  compareWarnings,
  csvText,
  formatBaselineText,
  formatCell,
  formatCompareText,
  formatGroupText,
  MEASURES,
  meanSeries,
  parameterDifferences,
  renderCompareReport,
  trailingRate,
  trendOf,
} from "./compare.js";
import { escapeHtml } from "./html-template.js";

/** A year-long run with a few known series; seed k shifts the values a little. */
function fullRun(k = 0) {
  return run(
    {
      listed: [flat(0.1 + k * 0.01, 366), flat(0.08, 366), flat(0.28, 366)],
      wrongly_listed: flat(0.01 + k * 0.01, 366),
      list_precision: flat(0.9, 366),
      chilling: flat(0.6, 366),
      defaults: [0, ...flat(2 - k * 0.1, 365)],
      detained: flat(0, 366),
      obligations: [0, ...flat(40, 365)],
    },
    { seed: String(k + 1), agents: 2000, meanDegree: 10 },
  );
}

const base: CompareScenario = { name: "none", runs: [fullRun(-3), fullRun(-2), fullRun(-1)] };
const alpha: CompareScenario = {
  name: "alpha",
  runs: [fullRun(0), fullRun(1), fullRun(2)].map((r, k) => ({ ...r, seed: base.runs[k].seed })),
  baseline: { name: "none", runs: base.runs },
};
const table = compareTable([base, alpha]);

describe("formatCell", () => {
  const c = (values: number[]) => cellStats(values);

  it("shows the mean and the half-width of the 95% t interval, in the measure's unit", () => {
    expect(formatCell(c([0.1234]), "share")).toBe("12.3%");
    // mean 0.15, sd 0.0707, t(0.975, 1) = 12.706: half-width 0.635
    expect(formatCell(c([0.1, 0.2]), "share")).toBe("15.0% ±63.5");
    expect(formatCell(c([0.2]), "points")).toBe("20.0 pp");
    expect(formatCell(c([-0.05]), "points")).toBe("-5.00 pp");
    expect(formatCell(c([1.5, 2.5, 2]), "ratio")).toBe("2.00× ±1.24");
  });

  it("shows ∞, undefined and partial cells", () => {
    expect(formatCell(c([Number.POSITIVE_INFINITY, 2]), "ratio")).toBe("∞");
    expect(formatCell(c([1234.5]), "per1000y")).toBe("1235");
    expect(formatCell(c([0, 0]), "per1000y")).toBe("0 ±0");
    expect(formatCell(c([Number.NaN, Number.NaN]), "share")).toBe("—");
    expect(formatCell(c([0.5, Number.NaN]), "share")).toBe("50.0% (n=1)");
  });
});

describe("the comparison as text", () => {
  it("prints every measure, every scenario and the direction, aligned", () => {
    const text = formatCompareText(table);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^measure \(B2\)\s+none\s+alpha\s+better$/);
    for (const m of MEASURES) expect(text).toContain(m.label);
    expect(text).toMatch(
      /list precision: rightly listed \(% of listed\)\s+90\.0% ±0\.0\s+90\.0% ±0\.0\s+higher/,
    );
    const width = lines[1].length;
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
  });

  it("prints the rows against the baseline, marking the baseline itself", () => {
    const text = formatBaselineText(table);
    // Per seed the baseline has 0.3 more defaults a day among 2000 agents: 54.75 per 1000 a year.
    expect(text).toMatch(
      /defaults avoided \(per 1000 agents at liberty a year\)\s+\(baseline\)\s+54\.[78] ±0\.0/,
    );
    expect(text).toMatch(/chilling added by the system \(pp\)\s+\(baseline\)\s+0 pp ±0/);
    expect(formatBaselineText(compareTable([base]))).toBe("");
  });

  it("prints each group's rates", () => {
    const text = formatGroupText(table);
    expect(text).toMatch(/listed, for any reason \(% of agents\): minority\s+28\.0% ±0\.0/);
  });
});

describe("compare.csv", () => {
  it("is tidy: one line per scenario, table, group and measure, with the interval", () => {
    const csv = compareCsv(table).trimEnd().split("\n");
    expect(csv[0]).toBe(
      "scenario,table,group,measure,label,unit,better,mean,sd,low,high,level,seeds",
    );
    const level = csv.filter((l) => l.split(",")[1] === "level");
    expect(level).toHaveLength(2 * MEASURES.length);
    const row = csv.find((l) => l.startsWith("alpha,level,all,wrongly_listed,"))?.split(",") ?? [];
    expect(Number(row[7])).toBeCloseTo(0.02, 12);
    expect(Number(row[8])).toBeCloseTo(0.01, 12);
    expect(Number(row[9])).toBeLessThan(Number(row[7]));
    expect(row[11]).toBe("0.95");
    expect(row[12]).toBe("3");
    expect(csv.some((l) => l.startsWith("alpha,vs_baseline,all,defaults_avoided,"))).toBe(true);
    expect(csv.some((l) => l.startsWith("none,vs_baseline,"))).toBe(false);
    expect(csv.some((l) => l.startsWith("alpha,group,minority,listed,"))).toBe(true);
  });
});

describe("warnings", () => {
  it("name a stock still trending and a calibrated figure out of range", () => {
    const rising = [0, 1, 2].map(
      (k) =>
        run({ listed: Array.from({ length: 731 }, (_, t) => 0.05 * 1.5 ** (t / 365) + k * 1e-4) })
          .metrics,
    );
    const w = compareWarnings({
      trends: [{ scenario: "x", trend: trendOf(rising, "listed") }],
      calibration: [
        {
          scenario: "y",
          uncalibrated: "",
          checks: [
            {
              target: {
                id: "t",
                label: "a figure",
                low: 1,
                high: 2,
                unit: "number",
                source: "s",
                value: () => 0,
              },
              measured: { mean: 3, low: 2.5, high: 3.5, n: 3 },
              inside: false,
            },
          ],
        },
      ],
    });
    expect(w[0]).toMatch(/^x: listed is still rising \(\+50% over the last year/);
    expect(w[1]).toMatch(/^y: a figure measured 3.00, outside the documented 1.00–2.00/);
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

describe("time series", () => {
  const r1 = run({ listed: [0, 1, 2, 3, 4] });
  const r2 = run({ listed: [0, 3, Number.NaN, 5, 6] });

  it("averages over runs per step, skipping runs without a value", () => {
    expect([...meanSeries([r1, r2], "listed")]).toEqual([0, 2, 2, 4, 5]);
    expect([...meanSeries([r1, r2], "chilling")].every(Number.isNaN)).toBe(true);
  });

  it("gives a trailing-window rate of sums", () => {
    const r = run({ defaults: [9, 1, 0, 2, 1], obligations: [9, 10, 10, 0, 10] });
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
      baseline: {
        name: "none",
        runs: [fullRun(3), fullRun(4)].map((r, k) => ({ ...r, seed: String(k + 1) })),
      },
      source: "preset alpha",
      preset: "alpha",
      description: "The first design.",
      scenario: { name: "alpha", agents: 2000, steps: 4, mechanisms: { a: 1 } },
    },
    {
      name: "<b>beta</b>",
      runs: [fullRun(2), fullRun(1)],
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
    horizons: [
      { scenario: "alpha", burnIn: 730, steps: 365 },
      { scenario: "<b>beta</b>", burnIn: 730, steps: 365 },
    ],
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

  it("holds the baseline rows, the B2 table, the definitions, the charts and the parameters", () => {
    for (const m of MEASURES) expect(html).toContain(escapeHtml(m.label));
    expect(html).toContain("Against the same society without the system");
    expect(html).toContain("defaults avoided (per 1000 agents at liberty a year)");
    expect(html).toContain(
      "Horizon: 365 steps (1.0 years) after a burn-in of 730 steps (2.0 years)",
    );
    expect(html).toContain("90.0% ±0.0");
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

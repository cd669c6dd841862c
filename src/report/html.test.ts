import { describe, expect, it } from "vitest";
import { MetricsTable } from "../core/metrics/table.js";
import type { RunRecord } from "../core/run-record.js";
import { formatValue, type ReportInput, renderReport } from "./html.js";

function sampleMetrics(steps = 30): MetricsTable {
  const t = new MetricsTable(["listed", "default_rate"], ["all", "majority", "minority"], steps);
  const listed = t.index("listed");
  const rate = t.index("default_rate");
  for (let s = 0; s < steps; s++) {
    t.set(s, listed, 0, 10 * s);
    t.set(s, listed, 1, 6 * s);
    t.set(s, listed, 2, 4 * s);
    t.set(s, rate, 0, 0.05 + 0.001 * s);
    // default_rate has no per-group value in this sample: grps stay NaN.
  }
  t.recorded = steps;
  return t;
}

const record: RunRecord = {
  runId: "run-0001",
  preset: "baseline",
  seed: "42",
  agents: 10_000,
  steps: 30,
  scenario: JSON.stringify({ name: "<script>alert(1)</script>", agents: 10_000 }),
  engineVersion: "0.1.0",
  startedAt: new Date("2025-01-02T03:04:05.000Z"),
  finishedAt: new Date("2025-01-02T03:04:07.500Z"),
  stateHash: "9f86d081884c7d65",
};

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    record,
    metrics: sampleMetrics(),
    title: "<script>alert(1)</script> & co",
    description: "First paragraph.\n\nSecond <b>paragraph</b>.",
    charts: [
      { title: "Listed agents", metric: "listed", grps: "each", yLabel: "agents" },
      { title: "Default rate", metric: "default_rate" },
    ],
    ...over,
  };
}

describe("renderReport", () => {
  const html = renderReport(input());

  it("is one complete HTML document", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("contains one <svg> per chart", () => {
    expect(html.match(/<svg[\s>]/g)?.length).toBe(2);
    expect(html.match(/<\/svg>/g)?.length).toBe(2);
  });

  it("loads nothing from outside: no scripts, no external links or resources", () => {
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/https?:/i);
  });

  it("escapes user text (scenario name, description, scenario JSON)", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(html).toContain("Second &lt;b&gt;paragraph&lt;/b&gt;.");
    expect(html).not.toContain("<b>paragraph</b>");
  });

  it("shows the parameters: seed, state hash, preset, engine version, times", () => {
    expect(html).toContain("<code>42</code>");
    expect(html).toContain(record.stateHash);
    expect(html).toContain("baseline");
    expect(html).toContain("0.1.0");
    expect(html).toContain("2025-01-02 03:04:05 UTC");
    expect(html).toContain("2.5 s");
    expect(html).toMatch(/<details>\s*<summary>/);
  });

  it("has a summary table with final values for all and each grp", () => {
    const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    for (const g of ["all", "majority", "minority"]) expect(table).toContain(`>${g}</th>`);
    // final listed values (step 29): 290, 174, 116
    expect(table).toMatch(/listed<\/code><\/th><td>290<\/td><td>174<\/td><td>116<\/td>/);
    // default_rate has no per-group values: dashes
    expect(table).toMatch(/default_rate<\/code><\/th><td>0\.079<\/td><td>—<\/td><td>—<\/td>/);
  });

  it("draws group lines only where the metric has group values", () => {
    const charts = html.split("<svg").slice(1);
    expect(charts[0]).toContain(">majority</text>");
    expect(charts[0]).toContain(">minority</text>");
    expect(charts[1]).not.toContain(">majority</text>");
  });

  it("handles an unknown metric and an empty table gracefully", () => {
    const h = renderReport(
      input({
        metrics: new MetricsTable(["listed"], ["all"], 5),
        charts: [{ title: "Nope", metric: "nope" }],
      }),
    );
    expect(h).toContain("No metric named <code>nope</code>");
    expect(h).toContain("No steps were recorded.");
  });

  it("renders a preset-less run", () => {
    const h = renderReport(input({ record: { ...record, preset: null } }));
    expect(h).toContain("Scenario file");
  });
});

describe("renderReport: provenance and long runs", () => {
  it("shows the command line, the overrides and the scenario file", () => {
    const h = renderReport(
      input({
        record: {
          ...record,
          command: "scsim run --preset integrated --set network.meanDegree=10",
          overrides: ["network.meanDegree=10"],
          scenarioFile: "/tmp/x.yaml",
        },
      }),
    );
    expect(h).toContain(
      "<dt>Command</dt><dd><code>scsim run --preset integrated --set network.meanDegree=10</code></dd>",
    );
    expect(h).toContain("<dt>Overrides</dt><dd><code>network.meanDegree=10</code></dd>");
    expect(h).toContain("<dt>Scenario file</dt><dd><code>/tmp/x.yaml</code></dd>");
    expect(renderReport(input())).toContain("<dt>Overrides</dt><dd>none</dd>");
  });

  it("draws a 1,000,000-step run from at most 2000 points a series; the page stays small", () => {
    const steps = 1_000_001;
    const t = new MetricsTable(["listed"], ["all", "majority", "minority"], steps);
    for (let s = 0; s < steps; s++) {
      t.set(s, 0, 0, Math.sin(s / 5000) + (s === 123_457 ? 9 : 0));
      t.set(s, 0, 1, Math.cos(s / 3000));
      t.set(s, 0, 2, 1);
    }
    t.recorded = steps;
    const h = renderReport(input({ metrics: t, charts: [{ title: "Listed", metric: "listed" }] }));
    expect(h.length).toBeLessThan(400_000);
    const paths = h.match(/<path d="[^"]*"/g) ?? [];
    expect(paths).toHaveLength(3);
    for (const p of paths) expect(p.split("L").length).toBeLessThanOrEqual(2000);
    // The one-step spike survives the thinning: the y axis reaches 10.
    expect(h).toMatch(/>10<\/text>/);
  });
});

describe("formatValue", () => {
  it("formats integers, fractions and missing values", () => {
    expect(formatValue(1234567)).toBe("1,234,567");
    expect(formatValue(-1234)).toBe("-1,234");
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(12345.678)).toBe("12,345.7");
    expect(formatValue(Number.NaN)).toBe("—");
    expect(formatValue(0.00001234)).toBe("1.23e-5");
  });
});

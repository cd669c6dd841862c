import { describe, expect, it } from "vitest";
import { MetricsTable } from "../core/metrics/table.js";
import { type CompareScenario, compareTable, renderCompareReport } from "./compare.js";
import { renderReport } from "./html.js";
import { escapeHtml, Html, html, joinHtml, raw } from "./html-template.js";
import { renderLineChart } from "./svg-line-chart.js";

/** Names an attacker would try: a script, attribute breakouts, an event handler, an SVG trick. */
const HOSTILE = [
  "<script>alert(1)</script>",
  '"onload="alert(1)',
  "' onmouseover='alert(1)",
  '"><img src=x onerror=alert(1)>',
  "</title><svg onload=alert(1)>",
  "a & b <c>",
];

/**
 * The tags of `markup` that hostile text made live: a script or img tag, a
 * <c> tag, or any tag with an event-handler attribute (on…=). Escaped text
 * has no "<", so every "<…>" is a real tag, and scsim's own tags have no
 * event handlers.
 */
function live(markup: string): string[] {
  // Inside a double-quoted attribute value text is inert ("" cannot occur in it: escaped).
  const tags = (markup.match(/<[^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
  return tags.filter((t) => /^<\/?(script|img|c)\b/i.test(t) || /\son\w+\s*=/i.test(t));
}

describe("html``", () => {
  it("escapes every interpolation", () => {
    expect(html`<p>${"<b>&\"'"}</p>`.markup).toBe("<p>&lt;b&gt;&amp;&quot;&#39;</p>");
    expect(html`<td title="${'" onclick="x'}">`.markup).toBe('<td title="&quot; onclick=&quot;x">');
  });

  it("keeps markup made by html`` and raw() as it is, and does not escape twice", () => {
    const inner = html`<b>${"x<y"}</b>`;
    expect(html`<p>${inner}</p>`.markup).toBe("<p><b>x&lt;y</b></p>");
    expect(html`<style>${raw("a > b { }")}</style>`.markup).toBe("<style>a > b { }</style>");
  });

  it("joins arrays, escaping their text items, and drops null, undefined and false", () => {
    expect(html`${["<a>", html`<i>i</i>`, 3]}`.markup).toBe("&lt;a&gt;<i>i</i>3");
    expect(html`[${null}${undefined}${false}]`.markup).toBe("[]");
    expect(joinHtml([html`<b>1</b>`, "<2>"], html`<br>`).markup).toBe("<b>1</b><br>&lt;2&gt;");
  });

  it("a plain string is never markup, even one that looks like it", () => {
    const s = new Html("<ok>").markup;
    expect(html`${s}`.markup).toBe("&lt;ok&gt;");
    expect(escapeHtml("<&>")).toBe("&lt;&amp;&gt;");
  });
});

describe("hostile names end up inert", () => {
  it("(the check itself finds live markup)", () => {
    expect(live('<p title="x" onload="y">')).toHaveLength(1);
    expect(live("<img src=x>")).toHaveLength(1);
    expect(live('<p title="&quot; onload=&quot;x">')).toEqual([]);
  });

  function table(): MetricsTable {
    const t = new MetricsTable(["listed"], ["all", ...HOSTILE], 3);
    for (let i = 0; i < t.values.length; i++) t.values[i] = i;
    t.recorded = 3;
    return t;
  }

  it("in the run report (title, description, group names, chart titles, provenance)", () => {
    for (const name of HOSTILE) {
      const page = renderReport({
        record: {
          runId: "r",
          preset: name,
          seed: name,
          agents: 1,
          steps: 2,
          scenario: JSON.stringify({ name }),
          engineVersion: "0",
          startedAt: new Date(0),
          finishedAt: new Date(1),
          stateHash: "h",
          command: `scsim run ${name}`,
          overrides: [`name=${name}`],
          scenarioFile: name,
        },
        metrics: table(),
        title: name,
        description: name,
        charts: [{ title: name, metric: "listed", yLabel: name }],
      });
      expect(live(page)).toEqual([]);
      expect(page).not.toContain(name);
      expect(page).toContain(escapeHtml(name));
    }
  });

  it("in the comparison page (scenario names, sources, descriptions, parameters)", () => {
    for (const name of HOSTILE) {
      const scenarios: CompareScenario[] = [
        {
          name,
          runs: [{ seed: "1", agents: 10, metrics: table() }],
          source: name,
          preset: null,
          description: name,
          scenario: { name, [name]: name },
        },
        {
          name: "other",
          runs: [{ seed: "1", agents: 10, metrics: table() }],
          scenario: { name: "o" },
        },
      ];
      const page = renderCompareReport({
        scenarios,
        table: compareTable(scenarios),
        seeds: [name],
        engineVersion: name,
        generatedAt: new Date(0),
        command: name,
      });
      expect(live(page)).toEqual([]);
    }
  });

  it("in an SVG chart (title, labels, series names, colours)", () => {
    for (const name of HOSTILE) {
      const svg = renderLineChart({
        title: name,
        xLabel: name,
        yLabel: name,
        id: name,
        series: [{ name, values: [1, 2, 3], color: name, dash: name }],
      });
      expect(live(svg)).toEqual([]);
      expect(svg).toContain(`<title id="${escapeHtml(name)}-title">${escapeHtml(name)}</title>`);
    }
  });
});

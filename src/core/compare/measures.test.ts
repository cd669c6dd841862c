import { describe, expect, it } from "vitest";
import { flat, run } from "../../../test/compare-fixture.js";
import { metricNames } from "../world/build.js";
import { BASELINE_MEASURES, disparityRatio, MEASURES, measureById, per1000y } from "./measures.js";

const value = (id: string, r: ReturnType<typeof run>, grp = 0) => measureById(id).value(r, grp);

describe("MEASURES", () => {
  it("have unique ids and labels, a definition, a direction, and read only recorded metrics", () => {
    const names = new Set(metricNames());
    expect(new Set(MEASURES.map((m) => m.id)).size).toBe(MEASURES.length);
    expect(new Set(MEASURES.map((m) => m.label)).size).toBe(MEASURES.length);
    for (const m of MEASURES) {
      expect(m.how.length, m.id).toBeGreaterThan(20);
      expect(["lower", "higher", "neither"]).toContain(m.better);
      for (const x of m.metrics) expect(names.has(x), `${m.id} reads ${x}`).toBe(true);
    }
    for (const b of BASELINE_MEASURES) expect(() => measureById(b.of)).not.toThrow();
  });

  it("count harms in rights terms: listed for expression, in error, for contacts, and their union", () => {
    const ids = MEASURES.filter((m) => m.kind === "rights").map((m) => m.id);
    expect(ids.slice(0, 4)).toEqual([
      "listed_for_expression",
      "erroneously_listed",
      "listed_for_association",
      "wrongly_listed",
    ]);
    expect(ids).toContain("list_precision");
    // The regime's precision is kept, by name, and claims no direction.
    expect(measureById("list_precision_regime").better).toBe("neither");
  });

  it("read stocks as means over the horizon, leaving out row 0 (the state at its start)", () => {
    const r = run({ listed: [0.9, 0.1, 0.2, 0.3], listed_for_expression: [1, 0, 0, 0.03] });
    expect(value("listed", r)).toBeCloseTo(0.2, 12);
    expect(value("listed_for_expression", r)).toBeCloseTo(0.01, 12);
  });

  it("read flows as totals over the horizon per 1000 agents a year", () => {
    // 365 steps (rows 1..365): one year; 2 flights denied a day among 1000 agents.
    const r = run({ denied_flight: [99, ...flat(2, 365)] }, { agents: 1000 });
    expect(value("denied_flight", r)).toBeCloseTo(730, 9);
    // Half a year: the same daily count is the same yearly rate.
    const h = run({ denied_flight: [99, ...flat(2, 182)] }, { agents: 500 });
    expect(per1000y(h, "denied_flight")).toBeCloseTo((364 / 500 / (182 / 365)) * 1000, 9);
  });

  it("read a group's rate among the group's own agents", () => {
    const r = run(
      {
        denied_flight: [
          [0, 3, 3],
          [0, 1, 1],
          [0, 2, 2],
        ],
        agents: [
          [1000, 1000, 1000],
          [800, 800, 800],
          [200, 200, 200],
        ],
      },
      { agents: 1000 },
    );
    const years = 2 / 365;
    expect(value("denied_flight", r, 0)).toBeCloseTo((6 / 1000 / years) * 1000, 9);
    expect(value("denied_flight", r, 2)).toBeCloseTo((4 / 200 / years) * 1000, 9);
  });

  it("count children denied school per 1000 children, not per agent", () => {
    // 25% of agents are parents; 10 children denied in a year among 1000 agents.
    const series = [0, ...flat(0, 364), 10];
    const r = run({ children_denied_school: series, parents: flat(0.25, 366) });
    expect(value("children_denied_school", r)).toBeCloseTo((10 / 250) * 1000, 9);
  });

  it("take the default rate as defaults over statements due, not a mean of daily ratios", () => {
    const r = run({ defaults: [9, 1, 0, 3], obligations: [9, 10, 0, 30] });
    expect(value("default_rate", r)).toBeCloseTo(4 / 40, 12);
  });

  it("are undefined (NaN) where a metric is missing or nothing was recorded, and never throw", () => {
    const r = run({ listed: [0, 0.1, 0.1] });
    for (const m of MEASURES) {
      const v = m.value(r, 0);
      if (m.id === "listed") expect(v).toBeCloseTo(0.1, 12);
      else expect(v, m.id).toBeNaN();
    }
  });

  it("leave the relative ties of the listed undefined without a mean degree", () => {
    const r = run({ listed_degree: [5, 5, 4] });
    expect(value("listed_relative_degree", r)).toBeNaN();
    expect(value("listed_relative_degree", { ...r, meanDegree: 10 })).toBeCloseTo(0.4, 12);
  });
});

describe("group disparity", () => {
  const listed = (maj: number, min: number) =>
    run({
      listed: [
        [0, 0, 0],
        [0, maj, maj],
        [0, min, min],
      ],
    });

  it("is 1 when nobody is listed, ∞ when one group has nobody listed and another has", () => {
    expect(disparityRatio(listed(0, 0))).toBe(1);
    expect(disparityRatio(listed(0, 0.1))).toBe(Number.POSITIVE_INFINITY);
  });

  it("takes the most- over the least-listed group, whichever it is", () => {
    expect(disparityRatio(listed(0.2, 0.05))).toBeCloseTo(4, 12);
    expect(disparityRatio(listed(0.05, 0.2))).toBeCloseTo(4, 12);
  });

  it("is undefined with a single group", () => {
    const one = run(
      {
        listed: [
          [0, 0.1],
          [0, 0.1],
        ],
      },
      { grps: ["all", "everyone"] },
    );
    expect(disparityRatio(one)).toBeNaN();
  });
});

import { describe, expect, it } from "vitest";
import { studentTQuantile } from "../stats/student-t.js";
import { analyseExperiment, pointDifference, type UnitResult } from "./analysis.js";
import { outputDefs, reduceSeries, unitOutputs } from "./outputs.js";
import { prepareExperiment, validateExperiment } from "./prepare.js";
import { runTestModel } from "./units.js";

const noisyGrid = (pairedSeeds: boolean) =>
  prepareExperiment(
    validateExperiment({
      version: 1,
      model: { name: "ishigami", noiseSd: 2 },
      design: { type: "grid", levels: 2 },
      replications: 12,
      pairedSeeds,
      seed: 7,
    }),
  );

describe("point summaries", () => {
  it("give mean, SD and the t interval over replications for each point", () => {
    const p = noisyGrid(false);
    const results = runTestModel(p);
    const rep = analyseExperiment(p, results);
    expect(rep.pointSummaries.length).toBe(8);
    const q = rep.pointSummaries[5];
    const ys = results.filter((r) => r.point === 5).map((r) => r.outputs.y);
    const m = ys.reduce((a, b) => a + b) / 12;
    const sd = Math.sqrt(ys.reduce((a, b) => a + (b - m) ** 2, 0) / 11);
    expect(q.outputs.y.mean).toBeCloseTo(m, 12);
    expect(q.outputs.y.sd).toBeCloseTo(sd, 12);
    expect(q.outputs.y.high - q.outputs.y.mean).toBeCloseTo(
      (studentTQuantile(0.975, 11) * sd) / Math.sqrt(12),
      12,
    );
    expect(q.values).toEqual({ x1: Math.PI, x2: -Math.PI, x3: Math.PI });
    expect(rep.units).toEqual({ expected: 96, received: 96 });
    // The noise SD is 2: the pooled within-point variance estimates 4.
    expect(rep.noise.y.withinVariance).toBeGreaterThan(2.5);
    expect(rep.noise.y.withinVariance).toBeLessThan(6);
  });

  it("the t intervals cover the noise-free value at about the nominal rate", () => {
    // 8 points × 40 seeds = 320 intervals of a known mean f(x): coverage should be near 95%.
    let hit = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const p = prepareExperiment(
        validateExperiment({
          version: 1,
          model: { name: "ishigami", noiseSd: 2 },
          design: { type: "grid", levels: 2 },
          replications: 5,
          pairedSeeds: false,
          seed,
        }),
      );
      const rep = analyseExperiment(p, runTestModel(p));
      for (const q of rep.pointSummaries) {
        const x = [q.values.x1, q.values.x2, q.values.x3] as number[];
        const f = p.testModel!.evaluate(x);
        total++;
        if (q.outputs.y.low <= f && f <= q.outputs.y.high) hit++;
      }
    }
    // Binomial(320, 0.95): 0.92 is 2.5 SD below.
    expect(hit / total).toBeGreaterThan(0.92);
    expect(hit / total).toBeLessThan(0.99);
  });

  it("summarise the replications that ran and count the missing units", () => {
    const p = noisyGrid(false);
    const some = runTestModel(p).filter((r) => !(r.point === 0 && r.replication < 10));
    const rep = analyseExperiment(p, some);
    expect(rep.pointSummaries[0].outputs.y.n).toBe(2);
    expect(rep.units.received).toBe(86);
    expect(rep.warnings.some((w) => w.message.includes("10 of 96 units have no result"))).toBe(
      true,
    );
  });

  it("refuse a result outside the design", () => {
    const p = noisyGrid(false);
    expect(() => analyseExperiment(p, [{ point: 8, replication: 0, outputs: { y: 1 } }])).toThrow(
      RangeError,
    );
  });
});

describe("differences between points", () => {
  it("paired seeds: the paired t interval is free of the shared noise", () => {
    const p = noisyGrid(true);
    const results = runTestModel(p);
    const d = pointDifference(p, results, 1, 0, "y");
    expect(d.method).toBe("paired-t");
    // Points 0 and 1 differ only in x3 = ∓π with x1 = −π (sin x1 = 0): the true difference
    // is 0 and, the noise being shared, every pair differs by exactly f(x_1) − f(x_0).
    const f = p.testModel!;
    const exact =
      f.evaluate([-Math.PI, -Math.PI, Math.PI]) - f.evaluate([-Math.PI, -Math.PI, -Math.PI]);
    expect(d.mean).toBeCloseTo(exact, 10);
    expect(d.high - d.low).toBeLessThan(1e-9);
  });

  it("independent seeds: Welch's interval carries the noise of both points", () => {
    const p = noisyGrid(false);
    const d = pointDifference(p, runTestModel(p), 1, 0, "y");
    expect(d.method).toBe("welch");
    // Two independent means of 12 draws with SD 2: SE = 2 √(2/12) ≈ 0.82, so the interval is
    // about ±1.7 wide, where the paired one above was ~0.
    expect(d.se).toBeGreaterThan(0.5);
    expect(d.se).toBeLessThan(1.2);
    expect(d.high - d.low).toBeGreaterThan(2);
    expect(() => pointDifference(p, [], 1, 0, "z")).toThrow(/no scalar output "z"; outputs: y/);
  });
});

describe("outputs", () => {
  const defs = outputDefs(
    [
      { metric: "listed", group: "all", at: "end" },
      { metric: "listed", group: "minority", at: "mean", from: 1, to: 2 },
      { metric: "listed", group: "all", at: "mean", last: 2 },
      { metric: "listed", group: "all", at: "every-step" },
    ],
    () => "e",
  );

  it("are named from metric, group and window", () => {
    expect(defs.map((d) => d.name)).toEqual([
      "listed",
      "listed.minority_mean1-2",
      "listed_last2",
      "listed_series",
    ]);
  });

  it("reduce a series to its end, a window mean (NaN left out) or the whole series", () => {
    const series = [1, 2, Number.NaN, 4];
    expect(reduceSeries(defs[0], series)).toBe(4);
    expect(reduceSeries(defs[1], series)).toBe(2);
    expect(reduceSeries(defs[2], series)).toBe(4);
    expect(Array.from(reduceSeries(defs[3], series) as Float64Array)).toEqual(series);
    expect(reduceSeries(defs[0], [])).toBeNaN();
    const out = unitOutputs(defs, (_metric, group) => (group === "all" ? [1, 2, 3] : [10, 20, 30]));
    expect(out["listed.minority_mean1-2"]).toBe(25);
  });

  it("every-step outputs are summarised per step", () => {
    const p = prepareExperiment(
      validateExperiment({
        version: 1,
        model: "ishigami",
        design: { type: "lhs", points: 2 },
        replications: 3,
      }),
    );
    // Pretend the runs recorded a series (the analysis takes any output definitions).
    p.outputs.push({ ...defs[3], name: "s", metric: "s" });
    const results: UnitResult[] = runTestModel(p).map((r) => ({
      ...r,
      outputs: { ...r.outputs, s: [r.replication, 2 * r.replication, 10] },
    }));
    const rep = analyseExperiment(p, results);
    const s = rep.series.find((x) => x.point === 1 && x.output === "s")!;
    expect(Array.from(s.mean)).toEqual([1, 2, 10]);
    expect(Array.from(s.n)).toEqual([3, 3, 3]);
    expect(s.sd[2]).toBe(0);
  });
});

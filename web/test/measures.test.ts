/**
 * The explorer's live B2 values are `scsim compare`'s: a design read at step t
 * gives what core's comparison table gives for a run of t recorded steps
 * (same seed, same burn-in), and a benefit read against the no-system run
 * (`systemOff`) gives the table's paired difference.
 */
import { describe, expect, it } from "vitest";
import { buildSimulation } from "../../src/core/build.js";
import { compareTable } from "../../src/core/compare/table.js";
import { ScsModel } from "../../src/core/model.js";
import { systemOff } from "../../src/core/scenario/counterfactual.js";
import { presetScenario } from "../../src/core/scenario/presets.js";
import type { ScsScenario } from "../../src/core/scenario/schema.js";
import {
  BASELINE_MEASURES,
  baselineAt,
  formatDifference,
  formatMeasure,
  LiveSeries,
  MEASURES,
  measureAt,
  type RunSource,
  runAt,
} from "../src/measures.js";

const STEPS = 60;
const EARLY = 25;
const scenario = (steps: number): ScsScenario => ({
  ...(presetScenario("integrated") as ScsScenario),
  agents: 1500,
  steps,
  burnIn: 40,
});

/** A run to its end, as the page holds it once every row has arrived. */
function live(s: ScsScenario): RunSource {
  const m = buildSimulation(s);
  if (!(m instanceof ScsModel)) throw new Error("expected the SCS model");
  while (m.t < m.stepsTotal) m.step();
  const kept = m.world.state.keptTies;
  return {
    table: m.metrics,
    t: m.metrics.recorded - 1,
    agents: m.agents,
    meanDegree: kept.reduce((a, b) => a + b, 0) / kept.length,
  };
}

const full = live(scenario(STEPS));
const short = live(scenario(EARLY));
const base = live(systemOff(scenario(STEPS)));
const shortBase = live(systemOff(scenario(EARLY)));

const same = (got: number, want: number, what: string) => {
  if (Number.isNaN(want)) expect(got, what).toBeNaN();
  else if (!Number.isFinite(want)) expect(got, what).toBe(want);
  else expect(got, what).toBeCloseTo(want, 12);
};

describe("live measures", () => {
  it("at step t equal core's measures of a run of t recorded steps, for all and by group", () => {
    const shortRun = runAt(short);
    if (!shortRun) throw new Error("no run");
    let defined = 0;
    for (const m of MEASURES) {
      for (let grp = 0; grp < (m.byGroup ? (full.table?.grps.length ?? 1) : 1); grp++) {
        const want = m.value(shortRun, grp);
        // Ties kept are known at the last step only, as in the CLI.
        if (m.id === "listed_relative_degree") continue;
        same(measureAt(m, full, EARLY, grp), want, `${m.id} grp ${grp}`);
        if (Number.isFinite(want)) defined++;
      }
    }
    expect(defined).toBeGreaterThan(20);
  });

  it("at the last step equal the comparison table's cells, benefits included", () => {
    const run = runAt(full);
    const b = runAt(base);
    if (!run || !b) throw new Error("no run");
    const tab = compareTable([
      { name: "integrated", runs: [run], baseline: { name: "off", runs: [b] } },
    ]);
    for (const row of tab.rows) {
      same(measureAt(row.measure, full, STEPS, 0), row.cells[0].mean, row.measure.id);
    }
    expect(tab.baseline.map((r) => r.measure.id)).toEqual(BASELINE_MEASURES.map((m) => m.id));
    for (const row of tab.baseline) {
      same(
        baselineAt(row.measure, full, base, STEPS),
        row.cells[0]?.mean ?? Number.NaN,
        row.measure.id,
      );
    }
    // The system avoids defaults against the same society without it.
    expect(baselineAt(BASELINE_MEASURES[0], full, base, STEPS)).toBeGreaterThan(0);
  });

  it("a benefit at step t is the one of runs of t steps", () => {
    const run = runAt(short);
    const b = runAt(shortBase);
    if (!run || !b) throw new Error("no run");
    const tab = compareTable([{ name: "x", runs: [run], baseline: { name: "off", runs: [b] } }]);
    for (const row of tab.baseline) {
      same(
        baselineAt(row.measure, full, base, EARLY),
        row.cells[0]?.mean ?? Number.NaN,
        row.measure.id,
      );
    }
  });

  it("a chart's series holds the value at each step and ends at the table's", () => {
    const m = MEASURES.find((x) => x.id === "listed");
    if (!m) throw new Error("no measure listed");
    const series = new LiveSeries((s) => measureAt(m, full, s, 0));
    series.extend(EARLY);
    const ys = series.extend(STEPS);
    expect(ys).toHaveLength(STEPS + 1);
    expect(ys[0]).toBeNull();
    expect(ys[EARLY]).toBeCloseTo(measureAt(m, short, EARLY, 0), 12);
    expect(ys[STEPS]).toBeCloseTo(measureAt(m, full, STEPS, 0), 12);
    // A shorter series (a rebuilt design) starts again.
    expect(series.extend(3)).toHaveLength(4);
  });

  it("shows shares in %, differences of shares in percentage points", () => {
    expect(formatMeasure(0.0123, "share")).toBe("1.23%");
    expect(formatMeasure(0.25, "share")).toBe("25.0%");
    expect(formatMeasure(Number.NaN, "share")).toBe("—");
    expect(formatMeasure(1.5, "ratio")).toBe("1.50×");
    expect(formatMeasure(-3.25, "per1000y")).toBe("−3.25");
    expect(formatDifference(-0.05, "share")).toBe("−5.0 pp");
    expect(formatDifference(0, "per1000y")).toBe("±0.00");
    expect(formatDifference(12.5, "per1000y")).toBe("+12.5");
  });
});

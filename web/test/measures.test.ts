/**
 * The explorer's live B2 measures agree with the CLI's comparison table
 * (src/report/compare.ts) on a finished run: same metric, same reduction.
 */
import { describe, expect, it } from "vitest";
import { buildSimulation } from "../../src/core/build.js";
import { ScsModel } from "../../src/core/model.js";
import { presetScenario } from "../../src/core/scenario/presets.js";
import type { ScsScenario } from "../../src/core/scenario/schema.js";
import { MEASURES } from "../../src/report/compare.js";
import {
  formatDifference,
  formatMeasure,
  LIVE_MEASURES,
  type MetricSource,
  measureAt,
  measureSeries,
} from "../src/measures.js";

const STEPS = 60;
const m = buildSimulation({
  ...(presetScenario("integrated") as ScsScenario),
  agents: 2000,
  steps: STEPS,
});
if (!(m instanceof ScsModel)) throw new Error("expected the SCS model");
for (let t = 0; t < STEPS; t++) m.step();
const tab = m.metrics;
const sizes = [m.agents, ...m.world.tally.agents];
const src: MetricSource = {
  get: (metric, step, grp) => tab.get(step, tab.index(metric), grp),
  grpSize: (grp) => sizes[grp],
};
const run = { seed: "1", agents: m.agents, metrics: tab };

/** The CLI's measure for each live one, by id. */
const SAME: Record<string, string> = {
  wrongly_listed: "wrongly_listed",
  listed: "listed",
  list_precision: "list_precision",
  chilling: "chilling",
  protest: "protest",
  ties_cut: "ties_cut_per_agent",
  detained: "detained",
  denied_school: "denied_school_per_1000",
  approval_gap: "approval_gap",
  defaults_prevented: "defaults_avoided_per_1000",
  default_rate: "default_rate",
  denied_flight: "denied_flight_per_1000",
  denied_loan: "denied_loan_per_1000",
};

describe("live measures", () => {
  it("equal the CLI's B2 measures at the end of a run", () => {
    for (const live of LIVE_MEASURES) {
      const cli = MEASURES.find((x) => x.id === SAME[live.id]);
      expect(cli, live.id).toBeDefined();
      const want = cli?.value(run) ?? Number.NaN;
      const got = measureAt(live, src, STEPS, 0);
      if (Number.isNaN(want)) expect(got, live.id).toBeNaN();
      else expect(got, live.id).toBeCloseTo(want, 12);
    }
  });

  it("a chart's series ends at the table's value (running totals for counts)", () => {
    const out: (number | null)[] = [];
    for (const live of LIVE_MEASURES.filter((x) => x.reduce !== "mean")) {
      measureSeries(live, src, STEPS, 0, out);
      expect(out).toHaveLength(STEPS + 1);
      const v = measureAt(live, src, STEPS, 0);
      expect(out[STEPS] ?? Number.NaN).toBeCloseTo(Number.isFinite(v) ? v : Number.NaN, 12);
    }
  });

  it("shows shares in %, differences of shares in percentage points", () => {
    expect(formatMeasure(0.0123, "share")).toBe("1.23%");
    expect(formatMeasure(0.25, "share")).toBe("25.0%");
    expect(formatMeasure(Number.NaN, "share")).toBe("—");
    expect(formatDifference(-0.05, "share")).toBe("−5.0 pp");
    expect(formatDifference(0, "per1000")).toBe("±0.00");
    expect(formatDifference(12.5, "per1000")).toBe("+12.5");
  });
});

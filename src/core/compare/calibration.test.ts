import { describe, expect, it } from "vitest";
import { flat, run } from "../../../test/compare-fixture.js";
import { presetNames } from "../scenario/presets.js";
import { calibrationOf, PRESET_CALIBRATION } from "./calibration.js";

const target = (preset: string, id: string) => {
  const t = PRESET_CALIBRATION[preset].targets.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};

describe("calibration targets", () => {
  it("belong to shipped presets, each with a documented range and its source", () => {
    const presets = presetNames();
    for (const [p, c] of Object.entries(PRESET_CALIBRATION)) {
      expect(presets).toContain(p);
      for (const t of c.targets) {
        expect(t.low).toBeLessThan(t.high);
        expect(t.source.length, t.id).toBeGreaterThan(30);
      }
      expect(c.uncalibrated.length).toBeGreaterThan(0);
    }
  });

  it("read the court list's inflow, stock and exits as documented", () => {
    // 1000 agents over one year: 3 new listings, the stock grows from 0.6% to 0.7%.
    const stock = Array.from({ length: 366 }, (_, t) => 0.006 + (0.001 * t) / 365);
    const r = run(
      {
        new_listings_court: [0, ...flat(0, 362), 1, 1, 1],
        listed_in_court: stock,
        denied_flight: [0, ...flat(0, 364), 4],
        denied_rail: [0, ...flat(0, 364), 2],
      },
      { agents: 1000 },
    );
    expect(target("fragmented", "court_inflow").value(r)).toBeCloseTo(0.003, 12);
    // Exits: 3 new − 1 of net growth = 2, over a mean stock of 6.5 agents.
    expect(target("fragmented", "court_exit_hazard").value(r)).toBeCloseTo(2 / 6.5, 2);
    expect(target("fragmented", "blocked_travel_per_listing").value(r)).toBeCloseTo(2, 12);
  });

  it("say what is not calibrated: a file, another preset, a preset run with overrides", () => {
    expect(calibrationOf(null).uncalibrated).toMatch(/file/);
    expect(calibrationOf("integrated").targets).toHaveLength(0);
    expect(calibrationOf("integrated").uncalibrated).toMatch(/uncalibrated/);
    expect(calibrationOf("fragmented").targets.length).toBeGreaterThan(0);
    expect(calibrationOf("fragmented", ["agents=500"]).uncalibrated).toMatch(/reference only/);
  });
});

/**
 * Every preset with a burn-in is read at a steady state: over the last year of its
 * horizon, each listed share and the other stocks compare reports change by less
 * than 10% (issue 8, §6), measured with core/compare/trend.ts (the mean over the last
 * year against the mean over the year before, per seed). Run at 3,000 agents on 4 seeds
 * to stay fast: the shares do not depend on the size, their noise does, and the
 * trend's interval says how much (fragmented and financial-only are checked at their
 * shipped size in calibration.test.ts). voluntary-then-mandatory has no burn-in: it is
 * a roll-out, a transient by design.
 */
import { describe, expect, it } from "vitest";
import { buildSimulation } from "../src/core/build.js";
import { TREND_METRICS, trendOf } from "../src/core/compare/index.js";
import type { MetricsTable } from "../src/core/metrics/table.js";
import { presetNames, presetScenario } from "../src/core/scenario/presets.js";
import { runToEnd } from "../src/core/simulation.js";

const SEEDS = 4;

describe("presets read at a steady state", () => {
  const presets = presetNames().filter((p) => {
    const s = presetScenario(p);
    return s.model === "scs" && s.burnIn > 0 && p !== "fragmented" && p !== "financial-only";
  });

  it("cover the designs compared (integrated, rights-respecting, no-system)", () => {
    expect(presets).toEqual(
      expect.arrayContaining(["integrated", "rights-respecting", "no-system"]),
    );
  });

  for (const p of presets) {
    it(`${p}: no stock compare reports changes by 10% or more over the last year`, () => {
      const tables: MetricsTable[] = [];
      for (let seed = 1; seed <= SEEDS; seed++) {
        const sim = buildSimulation({ ...presetScenario(p), agents: 3000, seed } as never);
        runToEnd(sim);
        tables.push(sim.metrics);
      }
      for (const metric of TREND_METRICS) {
        const t = trendOf(tables, metric);
        if (t.unknown === "level too low") continue;
        expect(t.unknown, metric).toBeUndefined();
        expect(
          Math.abs(t.change.mean),
          `${metric}: level ${t.level}, change ${JSON.stringify(t.change)}`,
        ).toBeLessThan(0.1);
      }
    });
  }
});

import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  explain,
  metric,
  preset,
  run,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { summarise } from "../stats/index.js";
import { SUB } from "../subsystems.js";

/**
 * M13 — surveillance as a weapon against a group: equal behaviour, unequal
 * outcomes. Both groups draw their traits (hardship, risk aversion,
 * reliability, …) from the same distributions; the targeted group is only
 * watched more closely (coverage × 3, mandatory biometric capture), and it is
 * listed more often than the other group.
 */
/** The integrated preset, smaller, with only M13 treating the groups differently (no error factor, no cap). */
const base = preset(
  "integrated",
  { agents: 2000, burnIn: 365, steps: 365 },
  {
    mechanisms: { observation: { errorMultiplier: { minority: 1 } }, groupCap: { group: null } },
  },
);
const untargeted = { mechanisms: { targeted: { group: null } } };

/** Minority minus majority (grp 2 minus grp 1) of a metric's final value. */
const gap = (name: string) => (m: ScsModel) =>
  metric(name, "final", 2)(m) - metric(name, "final", 1)(m);

describe("M13 targeted group", () => {
  let c: Record<"listedGap" | "expressedGap", Comparison>;
  beforeAll(() => {
    c = compareMany(base, untargeted, {}, SEEDS, {
      listedGap: gap("listed"),
      expressedGap: gap("expressed_dissent"),
    });
  });

  it("equal behaviour, unequal outcomes: the targeted group is listed at least half a point more often than the other", () => {
    // Small at the integrated preset: its surveillance is already near total (coverage 0.95 × 3 is
    // capped at 1), so targeting adds mostly biometric identification at protests.
    expectEffect(
      c.listedGap,
      "increase",
      0.005,
      "minority − majority listed share, targeted − not",
    );
  });

  it("without targeting the groups' listing rates do not differ: the gap's interval includes 0", () => {
    const d = summarise(c.listedGap.a);
    expect(d.low, explain(c.listedGap)).toBeLessThanOrEqual(0);
    expect(d.high, explain(c.listedGap)).toBeGreaterThanOrEqual(0);
  });

  it("the targeted group is not listed for saying more: it expresses no more dissent than the other", () => {
    expectEffect(
      c.expressedGap,
      "decrease",
      0,
      "minority − majority expressed dissent, targeted − not",
    );
  });
});

describe("M13 membership is explicit", () => {
  it("with coverageMultiplier 1 and biometric capture, the targeted are still the ones identified", () => {
    // Cameras identify nobody (detection 0); biometric capture identifies every targeted
    // protester (1): only minority protesters can get political records.
    const s = scenario({
      agents: 2000,
      steps: 120,
      population: {
        groups: [
          { name: "majority", share: 0.7 },
          { name: "minority", share: 0.3 },
        ],
      },
      mechanisms: {
        political: { enabled: true, subsystems: ["security"] },
        subsystems: { financial: { enabled: true }, security: { enabled: true, listThreshold: 2 } },
        observation: {
          online: { coverage: 0, falsePositive: 0 },
          offline: { coverage: 0, falsePositive: 0 },
          cameras: { coverage: 1, detection: 0, falseMatch: 0 },
        },
        dissent: { protest: { episodeRate: 0.2 } },
        targeted: {
          group: "minority",
          coverageMultiplier: 1,
          biometricCapture: true,
          biometricDetection: 1,
        },
      },
    });
    const m = run(s);
    const w = m.world;
    let targeted = 0;
    const recorded = [0, 0];
    for (let i = 0; i < w.n; i++) {
      const g = w.pop.group[i];
      targeted += w.state.targeted[i];
      expect(w.state.targeted[i]).toBe(g === 1 ? 1 : 0);
      recorded[g] += w.state.neg[i * w.K + SUB.security] > 0 ? 1 : 0;
    }
    expect(targeted).toBeGreaterThan(0);
    expect(recorded[0]).toBe(0);
    expect(recorded[1]).toBeGreaterThan(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  explain,
  metric,
  politicalSanctions,
  run,
  scenario,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest } from "../stats/index.js";
import { SUB } from "../subsystems.js";

/**
 * M13 — surveillance as a weapon against a group: equal behaviour, unequal
 * outcomes. Both groups draw their traits (hardship, risk aversion,
 * reliability, …) from the same distributions; the targeted group is only
 * watched more closely (coverage × 3, mandatory biometric capture), and it is
 * listed more often than the other group.
 */
const REPS = 8;
const base = {
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
    sanctions: politicalSanctions,
    observation: { online: { coverage: 0.3 }, offline: { coverage: 0.2 } },
  },
};
const untargeted = { mechanisms: { targeted: { group: null } } };
const targeted = {
  mechanisms: { targeted: { group: "minority", coverageMultiplier: 3, biometricCapture: true } },
};

/** Minority minus majority (grp 2 minus grp 1) of a metric's final value. */
const gap = (name: string) => (m: ScsModel) =>
  metric(name, "final", 2)(m) - metric(name, "final", 1)(m);

/** Several measures of the same paired runs (compareMany of test/effect.ts). */
const compareAll = <K extends string>(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  measures: Record<K, (m: ScsModel) => number>,
): Record<K, Comparison> => compareMany(base, a, b, REPS, measures);

describe("M13 targeted group", () => {
  let c: Record<"listedGap" | "expressedGap" | "majorityListed", Comparison>;
  beforeAll(() => {
    c = compareAll(untargeted, targeted, {
      listedGap: gap("listed"),
      expressedGap: gap("expressed_dissent"),
      majorityListed: metric("listed", "final", 1),
    });
  });

  it("the targeted group is listed more often than the other (paired t-test and sign test, p < 0.01)", () => {
    expect(c.listedGap.t.p, explain(c.listedGap)).toBeLessThan(0.01);
    expect(c.listedGap.sign.p, explain(c.listedGap)).toBeLessThan(0.01);
    // Targeted, the minority is listed more than the majority in every run.
    for (const v of c.listedGap.b) expect(v, explain(c.listedGap)).toBeGreaterThan(0);
  });

  it("without targeting the groups' listing rates do not differ systematically", () => {
    const off = c.listedGap.a;
    const t = oneSampleTTest(off, 0);
    expect(Math.abs(t.t), `gaps without targeting: ${off.join(", ")}`).toBeLessThan(3);
  });

  it("the targeted group is not listed for saying more: it expresses no more dissent", () => {
    // Watched more closely, it even falls silent more (M17); still it is listed more.
    for (const v of c.expressedGap.b) expect(v, explain(c.expressedGap)).toBeLessThanOrEqual(0);
  });
});

describe("M13 membership is explicit", () => {
  it("with coverageMultiplier 1 and biometric capture, the targeted are still the ones identified", () => {
    // Cameras identify nobody (detection 0); biometric capture identifies every targeted
    // protester (1): only minority protesters can get political records.
    const s = scenario({
      agents: 2000,
      steps: 120,
      population: base.population,
      mechanisms: {
        ...base.mechanisms,
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

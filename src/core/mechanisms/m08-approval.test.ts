import { describe, expect, it } from "vitest";
import { compare, explain, scenario } from "../../../test/effect.js";
import { reduceSeries } from "../../report/summary.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { updateApproval } from "./m08-approval.js";

/**
 * Integrated-like: criticism and protest penalised (100 points a record) by a
 * security sub-system whose public list bars travel, jobs and social media,
 * joined by municipal points with an association penalty.
 */
const base = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    political: { enabled: true, subsystems: ["security", "municipal"] },
    subsystems: {
      financial: { enabled: true },
      municipal: { enabled: true, retention: 0 },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    integration: { level: 0.9 },
    association: { enabled: true, subsystems: ["municipal", "security"] },
    visibility: { list: "public" },
    sanctions: {
      flight: { triggers: ["court", "financial", "municipal", "security"] },
      rail: { triggers: ["court", "financial", "municipal", "security"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["municipal", "security"] },
      loan: { triggers: ["financial"] },
    },
  },
};
const politicalOff = { mechanisms: { political: { enabled: false } } };

/** Preference falsification: expressed minus private approval at the last step. */
const falsification = (m: ScsModel) =>
  reduceSeries(m.metrics, "approval_expressed", 0, "final") -
  reduceSeries(m.metrics, "approval_private", 0, "final");

describe("M8 approval", () => {
  it("where dissent is penalised, expressed approval exceeds private approval (paired t-test, sign test)", () => {
    // Without political data the only risk is seeing listed contacts: falsification ≈ 0.
    const c = compare(base, politicalOff, {}, 8, falsification);
    expect(
      c.b.every((x) => x > 0.05),
      `expressed − private approval > 0.05 in every run with political data\n${explain(c)}`,
    ).toBe(true);
    expect(
      c.a.every((x) => Math.abs(x) < 0.04),
      `|expressed − private approval| < 0.04 in every run without political data\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test, political data off vs on\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("structure: legitimacy stays at its anchor when nothing changes, and falls with sanctions seen", () => {
    const m = buildSimulation(
      scenario({ agents: 200, steps: 1, network: { meanDegree: 4 } }),
    ) as ScsModel;
    const i = 5;
    const L0 = m.world.state.baseLegitimacy[i];
    // Contacts approve exactly as often as at step 0; no sanctions seen, no benefit.
    updateApproval(m.world, i, m.world.tables.M8.baselineClimate * 10, 10, 0);
    expect(m.world.state.legitimacy[i]).toBeCloseTo(L0, 6);
    // A climate more approving than at step 0 pulls it up (Friedkin–Johnsen).
    updateApproval(m.world, i, 10, 10, 0);
    expect(m.world.state.legitimacy[i]).toBeGreaterThan(L0);
    const before = m.world.state.legitimacy[i];
    // Sanctions seen among contacts pull it down by sanctionWeight × share seen.
    updateApproval(m.world, i, m.world.tables.M8.baselineClimate * 10, 10, 1);
    expect(m.world.state.legitimacy[i]).toBeLessThan(before - 0.04);
  });
});

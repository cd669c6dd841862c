import { describe, expect, it } from "vitest";
import {
  compareMany,
  expectEffect,
  explain,
  metric,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { updateApproval } from "./m08-approval.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M8 approval", () => {
  it("where dissent is penalised, expressed approval exceeds private approval by at least 10 points (preference falsification)", () => {
    const c = compareMany(
      integrated,
      { mechanisms: { political: { enabled: false } } },
      {},
      SEEDS,
      {
        gap: (m: ScsModel) => metric("approval_expressed")(m) - metric("approval_private")(m),
      },
    ).gap;
    // Survey research measures a gap of about 25 points in China (list experiments, Robinson and
    // Tannenberg 2019): 10 points is the least that counts as falsification.
    expectEffect(c, "increase", 0.1, "expressed − private approval, political on − off");
    for (const v of c.a) expect(Math.abs(v), explain(c)).toBeLessThan(0.02);
  });

  it("structure: legitimacy stays at its anchor when nothing changes, and falls with sanctions seen", () => {
    const m = buildSimulation(
      scenario({ agents: 200, steps: 1, network: { meanDegree: 4 } }),
    ) as ScsModel;
    const i = 5;
    const L0 = m.world.state.baseLegitimacy[i];
    // Contacts approve exactly as often as at step 0; no sanctions seen, no benefit.
    updateApproval(m.world, i, m.world.tables.M8.baselineClimate * 10, 10, 0, 0);
    expect(m.world.state.legitimacy[i]).toBeCloseTo(L0, 6);
    // A climate more approving than at step 0 pulls it up (Friedkin–Johnsen).
    updateApproval(m.world, i, 10, 10, 0, 0);
    expect(m.world.state.legitimacy[i]).toBeGreaterThan(L0);
    const before = m.world.state.legitimacy[i];
    // Sanctions seen among contacts pull it down by sanctionWeight × share seen.
    updateApproval(m.world, i, m.world.tables.M8.baselineClimate * 10, 10, 1, 0);
    expect(m.world.state.legitimacy[i]).toBeLessThan(before - 0.04);
  });
});

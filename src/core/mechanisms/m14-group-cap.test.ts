import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  explain,
  pair,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";

/** The integrated preset (minority capped at the mean), smaller, against the same without the cap. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });
const noCap = { mechanisms: { groupCap: { group: null } } };

/** Rewarded acts per agent of a group over the horizon (grp g + 1). */
const actsPerAgent = (g: number) => (m: ScsModel) => {
  const tab = m.metrics;
  const k = tab.index("rewarded_acts");
  let s = 0;
  for (let t = 1; t < tab.recorded; t++) s += tab.get(t, k, g + 1);
  let n = 0;
  for (let i = 0; i < m.world.n; i++) n += m.world.pop.group[i] === g ? 1 : 0;
  return s / n;
};

describe("M14 group score cap", () => {
  let c: Record<"minority" | "majority", Comparison>;
  beforeAll(() => {
    c = compareMany(integrated, noCap, {}, SEEDS, {
      minority: actsPerAgent(1),
      majority: actsPerAgent(0),
    });
  });

  it("the capped minority, who can see it cannot reach the top tier, stops seeking its privileges: at least 20% fewer rewarded acts", () => {
    const rel = c.minority.b.map((v, k) => v / c.minority.a[k] - 1);
    expectEffect(
      pair(
        rel.map(() => 0),
        rel,
      ),
      "decrease",
      0.2,
      "relative change of the minority's rewarded acts, cap vs none",
    );
  });

  it("the majority's effort is untouched by the minority's cap (within 5%)", () => {
    const rel = c.majority.b.map((v, k) => v / c.majority.a[k] - 1);
    for (const v of rel) expect(Math.abs(v), explain(c.majority)).toBeLessThan(0.05);
  });

  it("structure: the capped group never stands in the top tier, at any step", () => {
    const m = buildSimulation(
      scenario({ ...integrated, seed: 3, burnIn: 365, steps: 200 }),
    ) as ScsModel;
    const w = m.world;
    let top = 0;
    while (m.t < 365) m.step();
    for (let t = 0; t < 200; t++) {
      m.step();
      for (let i = 0; i < w.n; i++) {
        if (w.state.tier[i] !== 0) continue;
        expect(w.pop.group[i], `step ${m.t}, agent ${i}`).toBe(0);
        top++;
      }
    }
    expect(top).toBeGreaterThan(0);
  });
});

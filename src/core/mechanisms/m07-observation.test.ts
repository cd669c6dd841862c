import { describe, expect, it } from "vitest";
import {
  compareMany,
  expectEffect,
  metric,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { errorFactors, falseMatch } from "./m07-observation.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M7 observation channels", () => {
  it("a higher false-match rate → more agents listed with no true violation: at least 0.2 points of the population", () => {
    const fm = (v: number) => ({ mechanisms: { observation: { cameras: { falseMatch: v } } } });
    const c = compareMany(integrated, fm(0), fm(0.05), SEEDS, {
      e: metric("erroneously_listed"),
    }).e;
    // 0.2% of a population of 1.1 billion adults is two million people.
    expectEffect(c, "increase", 0.002, "erroneously listed share, false match 0.05 − 0");
  });

  it("a group-differential error rate alone produces a listing disparity: the minority's wrongly listed share exceeds the majority's", () => {
    // Same behaviour, no targeting, no cap: only the minority's error factor differs.
    const base = {
      ...integrated,
      mechanisms: {
        ...(integrated.mechanisms as object),
        targeted: { group: null },
        groupCap: { group: null },
      },
    };
    const equal = { mechanisms: { observation: { errorMultiplier: { minority: 1 } } } };
    const unequal = { mechanisms: { observation: { errorMultiplier: { minority: 10 } } } };
    const gap = (m: ScsModel) =>
      metric("erroneously_listed", "final", 2)(m) - metric("erroneously_listed", "final", 1)(m);
    const c = compareMany(base, equal, unequal, SEEDS, { gap }).gap;
    expectEffect(
      c,
      "increase",
      0.005,
      "minority − majority erroneously listed share, ×10 errors − equal",
    );
  });

  it("structure: error factors by group name; a false match picks another agent of the region", () => {
    const m = buildSimulation(
      scenario({
        agents: 200,
        steps: 1,
        network: { meanDegree: 4 },
        mechanisms: {
          observation: { cameras: { falseMatch: 0.05 }, errorMultiplier: { minority: 10 } },
        },
      }),
    ) as ScsModel;
    expect(Array.from(errorFactors(m.world))).toEqual([1, 10]);
    const region = 4;
    const start = m.world.regions.start[region];
    const size = m.world.regions.start[region + 1] - start;
    for (const protester of [
      m.world.regions.agents[start],
      m.world.regions.agents[start + size - 1],
    ]) {
      const picked = new Set<number>();
      for (let k = 0; k < 4 * size; k++) {
        const u1 = (k + 0.5) / (4 * size);
        const v = falseMatch(m.world, region, protester, u1, 0);
        expect(m.world.pop.region[v]).toBe(region);
        expect(v).not.toBe(protester);
        picked.add(v);
        // u2 just below the candidate's rate (its group's factor) matches it; just above does not.
        const rate = 0.05 * (m.world.pop.group[v] === 1 ? 10 : 1);
        expect(falseMatch(m.world, region, protester, u1, rate * 0.99)).toBe(v);
        expect(falseMatch(m.world, region, protester, u1, rate * 1.01)).toBe(-1);
      }
      // Every other agent of the region can be picked.
      expect(picked.size).toBe(size - 1);
    }
  });
});

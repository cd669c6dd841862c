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
import { SUB } from "../subsystems.js";
import { recordPolitical } from "./m02-political-data.js";

/** The integrated preset at its own parameters, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M2 political data", () => {
  it("scoring political behaviour lowers expressed dissent: at least 10 points fewer agents say what they think", () => {
    const off = { mechanisms: { political: { enabled: false } } };
    const c = compareMany(integrated, off, {}, SEEDS, {
      expressed: metric("expressed_dissent"),
    }).expressed;
    // The response is learned (sanctions for speech seen, surveillance announced and experienced):
    // a fall of 10 points of the population is a visible silencing.
    expectEffect(c, "decrease", 0.1, "expressed dissent share, political on − off");
  });

  it("structure: an observed political event becomes records of every political sub-system, only when enabled", () => {
    const build = (enabled: boolean) =>
      buildSimulation(
        scenario({
          agents: 200,
          steps: 1,
          network: { meanDegree: 4 },
          mechanisms: {
            political: { enabled, subsystems: ["security", "municipal"] },
            subsystems: { municipal: { enabled: true }, security: { enabled: true } },
          },
        }),
      ) as ScsModel;
    const m = build(true);
    const i = 7;
    recordPolitical(m.world, i, 0, 2, false);
    expect(m.world.state.neg[i * m.world.K + SUB.security]).toBe(2);
    expect(m.world.state.neg[i * m.world.K + SUB.municipal]).toBe(2);
    expect(m.world.state.neg[i * m.world.K + SUB.financial]).toBe(0);
    recordPolitical(m.world, i, 0, 1, false);
    expect(m.world.state.neg[i * m.world.K + SUB.security]).toBe(3);
    // Threshold 3 reached: listed by the security sub-system.
    expect(m.world.state.listed[i]).toBe(1);

    const quiet = build(false);
    recordPolitical(quiet.world, i, 0, 5, false);
    expect(quiet.world.state.neg[i * quiet.world.K + SUB.security]).toBe(0);
    expect(quiet.world.state.listed[i]).toBe(0);
  });

  it("structure: records of expression and errors are kept apart (the observer's truth)", () => {
    const m = buildSimulation(
      scenario({
        agents: 200,
        steps: 1,
        network: { meanDegree: 4 },
        mechanisms: {
          political: { enabled: true },
          subsystems: { security: { enabled: true, listThreshold: 10 } },
        },
      }),
    ) as ScsModel;
    const j = 9 * m.world.K + SUB.security;
    recordPolitical(m.world, 9, 0, 2, false);
    recordPolitical(m.world, 9, 0, 1, true);
    expect([m.world.state.neg[j], m.world.state.negSpeech[j], m.world.state.negError[j]]).toEqual([
      3, 2, 1,
    ]);
  });
});

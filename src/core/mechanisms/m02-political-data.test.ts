import { describe, expect, it } from "vitest";
import { compare, explain, metric, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";
import { recordPolitical } from "./m02-political-data.js";

/**
 * A credit bureau plus a security sub-system whose list matters (travel, jobs,
 * social media), public. With political data off this is financial-only plus
 * an idle security sub-system; on, criticism and protest are its records.
 */
const base = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    subsystems: {
      financial: { enabled: true },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court", "financial", "security"] },
      rail: { triggers: ["court", "financial", "security"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["security"] },
      loan: { triggers: ["financial"] },
    },
    visibility: { list: "public" },
  },
};
const off = { mechanisms: { political: { enabled: false } } };
const on = { mechanisms: { political: { enabled: true, subsystems: ["security"] } } };

describe("M2 political data", () => {
  it("enabling political data lowers expressed dissent versus financial-only (paired t-test, sign test)", () => {
    // One-sided for b > a: a = political data on, b = off.
    const c = compare(base, on, off, 8, metric("expressed_dissent", "mean"));
    expect(
      c.t.p,
      `paired t-test: dissent higher without political data\n${explain(c)}`,
    ).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
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
    recordPolitical(m.world, i, 0, 2);
    expect(m.world.state.neg[i * m.world.K + SUB.security]).toBe(2);
    expect(m.world.state.neg[i * m.world.K + SUB.municipal]).toBe(2);
    expect(m.world.state.neg[i * m.world.K + SUB.financial]).toBe(0);
    recordPolitical(m.world, i, 0, 1);
    expect(m.world.state.neg[i * m.world.K + SUB.security]).toBe(3);
    // Threshold 3 reached: listed by the security sub-system.
    expect(m.world.state.listed[i]).toBe(1);

    const quiet = build(false);
    recordPolitical(quiet.world, i, 0, 5);
    expect(quiet.world.state.neg[i * quiet.world.K + SUB.security]).toBe(0);
    expect(quiet.world.state.listed[i]).toBe(0);
  });
});

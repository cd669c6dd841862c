import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { merge, metric, preset, replicate, SEEDS, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { summarise } from "../stats/index.js";
import { REASON } from "./m05-subsystems.js";

/**
 * M15 — detention of the lowest tier: a detained agent leaves social life. It
 * expresses nothing (no dissent, no approval, no protest), and detentions are
 * counted by group. Built on the integrated preset, smaller and shorter, with a
 * higher detention probability so that detentions happen within the run.
 */
const integrated = parse(
  readFileSync(new URL("../../../scenarios/integrated.yaml", import.meta.url), "utf8"),
);
const base = merge(integrated, {
  agents: 2000,
  burnIn: 0,
  steps: 120,
  mechanisms: { detention: { enabled: true, probability: 0.2 } },
});
/** The integrated preset at its own detention parameters, smaller. */
const atPreset = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });

describe("M15 detention", () => {
  it("detained agents express nothing and do not protest, at every step", () => {
    for (let seed = 1; seed <= 2; seed++) {
      const s = scenario(merge(base, { seed }));
      const m = buildSimulation(s) as ScsModel;
      const st = m.world.state;
      let detainedSteps = 0;
      let speaking = 0;
      for (let t = 0; t < s.steps; t++) {
        m.step();
        for (let i = 0; i < m.world.n; i++) {
          if (!st.detained[i]) continue;
          detainedSteps++;
          if (st.expressed[i] || st.approvalExpressed[i] || st.protest[i]) speaking++;
        }
      }
      expect(detainedSteps, `seed ${seed}: someone is detained`).toBeGreaterThan(0);
      expect(speaking, `seed ${seed}: detained agents with a public stance`).toBe(0);
    }
  });

  it("detentions are counted by group: the groups add up to all, and match the agents", () => {
    const s = scenario(merge(base, { seed: 3 }));
    const m = buildSimulation(s) as ScsModel;
    const G = m.world.pop.groupNames.length;
    const size = new Array(G).fill(0);
    for (let i = 0; i < m.world.n; i++) size[m.world.pop.group[i]]++;
    const tab = m.metrics;
    const col = tab.index("detained");
    for (let t = 1; t <= s.steps; t++) {
      m.step();
      const byGroup = new Array(G).fill(0);
      for (let i = 0; i < m.world.n; i++)
        if (m.world.state.detained[i]) byGroup[m.world.pop.group[i]]++;
      let sum = 0;
      for (let g = 0; g < G; g++) {
        expect(m.world.tally.detained[g]).toBe(byGroup[g]);
        expect(tab.get(t, col, g + 1) * size[g]).toBeCloseTo(byGroup[g], 9);
        sum += byGroup[g];
      }
      expect(tab.get(t, col, 0) * m.world.n).toBeCloseTo(sum, 9);
    }
    expect(metric("detained")(m)).toBeGreaterThan(0);
    const newAll = metric("new_detentions", "total", 0)(m);
    let newByGroup = 0;
    for (let g = 0; g < G; g++) newByGroup += metric("new_detentions", "total", g + 1)(m);
    expect(newByGroup).toBe(newAll);
    expect(newAll).toBeGreaterThan(0);
  });

  it("in rights terms, those detained were listed wrongly: at least 80% without a true financial or legal violation behind their listing", () => {
    const share = (m: ScsModel) => {
      const st = m.world.state;
      let detained = 0;
      let wrong = 0;
      for (let i = 0; i < m.world.n; i++) {
        if (!st.detained[i]) continue;
        detained++;
        if (st.listWhy[i] & REASON.wrong) wrong++;
      }
      return detained > 0 ? wrong / detained : Number.NaN;
    };
    const { s } = replicate(atPreset, SEEDS, { s: share });
    const sum = summarise(s);
    expect(sum.low, s.join(", ")).toBeGreaterThan(0.8);
  });
});

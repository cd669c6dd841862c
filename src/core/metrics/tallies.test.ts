import { describe, expect, it } from "vitest";
import { merge, run, scenario } from "../../../test/effect.js";
import { distinctSanctions } from "../mechanisms/m11-sanctions.js";
import { at } from "./define.js";

/**
 * The recorder reads running tallies kept by the mechanisms; these tests
 * recompute every tallied measure from the agents' columns and compare.
 */
describe("metrics from tallies agree with the agents' columns", () => {
  const base = {
    agents: 3000,
    steps: 150,
    population: {
      groups: [
        { name: "a", share: 0.5 },
        { name: "b", share: 0.5 },
      ],
    },
  };
  const integratedLike = {
    mechanisms: {
      political: { enabled: true, subsystems: ["security", "municipal"] },
      pilots: { enabled: true, pilotRegions: [0, 1], nationwideStart: 60 },
      participation: { enabled: true, mandateStep: 100 },
      subsystems: {
        court: { enabled: true },
        municipal: { enabled: true, listScoreBelow: 400 },
        security: { enabled: true, listThreshold: 2, negativeWeight: 100 },
      },
      integration: { level: 0.5 },
      association: { enabled: true },
      visibility: { list: "public" },
      detention: { enabled: true, probability: 0.2 },
      sanctions: { flight: { triggers: ["security"] }, job: { fromTier: "D" } },
    },
  };

  it.each([
    ["defaults", {}, false],
    [
      "an integrated-like system with roll-out, mandate, detention and ostracism",
      integratedLike,
      true,
    ],
  ])("%s", (_name, patch, busy) => {
    const m = run(scenario(merge(base, patch)));
    const st = m.world.state;
    const G = m.world.G;
    const names = [
      "agents",
      "listed",
      "top",
      "scoreSum",
      "latent",
      "expressed",
      "approval",
      "approvalExpressed",
      "detained",
      "participating",
      "riskSum",
      "protest",
      "listedTies",
      "listedSanctions",
    ] as const;
    const want = Object.fromEntries(names.map((k) => [k, new Float64Array(G)])) as Record<
      (typeof names)[number],
      Float64Array
    >;
    for (let i = 0; i < m.world.n; i++) {
      const g = m.world.pop.group[i];
      want.agents[g]++;
      want.listed[g] += st.listed[i];
      want.top[g] += st.tier[i] === 0 ? 1 : 0;
      want.scoreSum[g] += st.combined[i];
      want.latent[g] += st.latent[i];
      want.expressed[g] += st.expressed[i];
      want.approval[g] += st.legitimacy[i] >= 0.5 ? 1 : 0;
      want.approvalExpressed[g] += st.approvalExpressed[i];
      want.detained[g] += st.detained[i];
      want.participating[g] += st.participating[i];
      want.riskSum[g] += Math.round(st.perceivedRisk[i] * 2 ** 24);
      want.protest[g] += st.protest[i];
      if (st.listed[i]) {
        want.listedTies[g] += st.keptTies[i];
        want.listedSanctions[g] += distinctSanctions(m.world, i, m.t);
      }
    }
    for (const k of names) expect(Array.from(m.world.tally[k]), k).toEqual(Array.from(want[k]));
    // Kept ties agree with the tie flags.
    for (let i = 0; i < m.world.n; i += 7) {
      let kept = 0;
      for (let e = m.world.graph.offsets[i]; e < m.world.graph.offsets[i + 1]; e++)
        kept += m.world.state.edgeActive[e];
      expect(m.world.state.keptTies[i]).toBe(kept);
    }
    // Without joint punishment every listing is in one sub-system: the per-sub-system counts add up.
    if (!busy) {
      const total = (name: string) => m.metrics.series(name).reduce((a, v) => a + v, 0);
      const bySub = ["court", "financial", "municipal", "platform", "security"].map((k) =>
        total(`new_listings_${k}`),
      );
      expect(bySub.reduce((a, v) => a + v, 0)).toBe(total("new_listings"));
      expect(total("new_listings")).toBeGreaterThan(0);
    }
    if (busy) {
      // The comparison is only worth something if the tallies moved.
      expect(at(m.world.tally.listed, 0)).toBeGreaterThan(50);
      expect(at(m.world.tally.listedSanctions, 0)).toBeGreaterThan(0);
      expect(m.metrics.last("ties_cut")).toBeGreaterThan(0);
      expect(at(m.world.tally.participating, 0)).toBe(m.world.n);
    }
  });
});

import { describe, expect, it } from "vitest";
import { merge, run, scenario } from "../../../test/effect.js";
import { distinctSanctions } from "../mechanisms/m11-sanctions.js";
import { TALLY } from "../tally.js";

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
    const st = m.state;
    const G = m.tally.groups;
    const want = new Float64Array(14 * G);
    for (let i = 0; i < m.n; i++) {
      const g = m.pop.group[i];
      want[TALLY.count * G + g]++;
      want[TALLY.listed * G + g] += st.listed[i];
      want[TALLY.top * G + g] += st.tier[i] === 0 ? 1 : 0;
      want[TALLY.scoreSum * G + g] += st.combined[i];
      want[TALLY.latent * G + g] += st.latent[i];
      want[TALLY.expressed * G + g] += st.expressed[i];
      want[TALLY.approval * G + g] += st.legitimacy[i] >= 0.5 ? 1 : 0;
      want[TALLY.approvalExpressed * G + g] += st.approvalExpressed[i];
      want[TALLY.detained * G + g] += st.detained[i];
      want[TALLY.participating * G + g] += st.participating[i];
      want[TALLY.riskSum * G + g] += Math.round(st.perceivedRisk[i] * 2 ** 24);
      want[TALLY.protest * G + g] += st.protest[i];
      if (st.listed[i]) {
        want[TALLY.listedTies * G + g] += m.keptTies[i];
        want[TALLY.listedSanctions * G + g] += distinctSanctions(m, i, m.t);
      }
    }
    expect(Array.from(m.tally.v)).toEqual(Array.from(want));
    // Kept ties agree with the tie flags.
    for (let i = 0; i < m.n; i += 7) {
      let kept = 0;
      for (let e = m.graph.offsets[i]; e < m.graph.offsets[i + 1]; e++) kept += m.edgeActive[e];
      expect(m.keptTies[i]).toBe(kept);
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
      expect(m.tally.total(TALLY.listed)).toBeGreaterThan(50);
      expect(m.tally.total(TALLY.listedSanctions)).toBeGreaterThan(0);
      expect(m.metrics.last("ties_cut")).toBeGreaterThan(0);
      expect(m.tally.total(TALLY.participating)).toBe(m.n);
    }
  });
});

/**
 * B2 — harm and benefit metrics side by side: every preset of the social
 * credit system model reports every metric the issue names, and every B2
 * measure of `scsim compare` (finite where the measure is defined for it).
 */
import { describe, expect, it } from "vitest";
import { applyOverrides } from "../src/cli/overrides.js";
import { buildSimulation } from "../src/core/build.js";
import type { ScsModel } from "../src/core/model.js";
import { runToEnd } from "../src/core/simulation.js";
import { meanActiveDegree } from "../src/node/compare.js";
import { listPresets, loadPreset } from "../src/node/scenario-file.js";
import { MEASURES } from "../src/report/compare.js";

const REQUIRED = [
  "listed_for_expression",
  "erroneously_listed",
  "listed_for_association",
  "list_precision_regime",
  "chilling_learned_sanctions",
  "chilling_surveillance_belief",
  "chilling_prior",
  "children_denied_school",
  "defaults",
  "strategic_defaults",
  "latent_dissent",
  "expressed_dissent",
  "chilling",
  "protest",
  "listed",
  "wrongly_listed",
  "list_precision",
  "detained",
  "denied_flight",
  "denied_rail",
  "denied_school",
  "denied_social_media",
  "denied_loan",
  "denied_job",
  "mean_score",
  "top_tier_share",
  "approval_private",
  "approval_expressed",
  "default_rate",
  "ties_cut",
  "listed_degree",
  "participation",
];

// Measures that are undefined when nobody is listed, which a short run may leave so.
const UNDEFINED_WITHOUT_LISTINGS = new Set([
  "list_precision",
  "list_precision_regime",
  "listed_relative_degree",
]);
// Shares of latent dissenters, undefined when nobody dissents.
const UNDEFINED_WITHOUT_DISSENT = new Set([
  "chilling",
  "chilling_learned_sanctions",
  "chilling_surveillance_belief",
  "chilling_prior",
]);

const presets = listPresets()
  .map((p) => loadPreset(p.name))
  .filter((l) => l.scenario.model === "scs");

describe("B2: every preset reports every harm and benefit", () => {
  it("covers the SCS presets of MECHANISMS.md", () => {
    expect(presets.map((p) => p.preset).sort()).toEqual(
      expect.arrayContaining([
        "financial-only",
        "fragmented",
        "integrated",
        "rights-respecting",
        "voluntary-then-mandatory",
      ]),
    );
  });

  it.each(presets.map((p) => [p.preset, p] as const))("%s", (_name, loaded) => {
    const s = applyOverrides(loaded.scenario, { agents: "1500", steps: "250", burnIn: "100" });
    const sim = buildSimulation(s) as ScsModel;
    runToEnd(sim);
    const tab = sim.metrics;
    expect(tab.recorded).toBe(s.steps + 1);
    for (const name of REQUIRED) {
      expect(tab.metrics, name).toContain(name);
      for (let g = 0; g < tab.grps.length; g++) {
        // Shares with an empty denominator are NaN; the others are numbers.
        const v = tab.last(name, g);
        const ratio = ["list_precision", "list_precision_regime", "listed_degree", "default_rate"];
        if (!ratio.includes(name) && !UNDEFINED_WITHOUT_DISSENT.has(name)) {
          expect(Number.isFinite(v), `${name} for ${tab.grps[g]}`).toBe(true);
        }
      }
    }
    const run = { seed: "1", agents: sim.agents, metrics: tab, meanDegree: meanActiveDegree(sim) };
    const listed = tab.last("listed") > 0;
    for (const m of MEASURES) {
      const v = m.value(run, 0);
      if (!listed && UNDEFINED_WITHOUT_LISTINGS.has(m.id)) continue;
      if (m.id === "disparity_ratio" && !Number.isFinite(v)) continue; // a group with nobody listed
      expect(Number.isFinite(v), `${m.id}: ${v}`).toBe(true);
    }
  });
});

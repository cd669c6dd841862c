import { z } from "zod";
import { at, metric, ratio, share } from "../metrics/define.js";
import { bool, num } from "../scenario/param.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * M12 — Tiers. The combined score (the running sub-systems' scores weighted by
 * their `tierWeight`) is cut into tiers A ≥ cutoffA > B ≥ cutoffB > C ≥ cutoffC
 * > D; a blacklisted agent is D whatever its score: the system separates the
 * "vertrauenswürdig" from the "unzuverlässig". With `privileges`, the top
 * tier carries perks (deposit waivers, fast lanes: calibration-facts.md §2,
 * Sesame Credit and Suqian), which makes rewarded acts worth seeking: agents
 * do them (M3) `1 + privilegeIncentive` times as often.
 */
export const tierParams = z
  .strictObject({
    cutoffA: num(700, "Lowest combined score of tier A", {
      min: 0,
      max: 1000,
      source: "design: the modelled system sets it, each preset its own",
    }),
    cutoffB: num(550, "Lowest combined score of tier B", {
      min: 0,
      max: 1000,
      source: "design: the modelled system sets it, each preset its own",
    }),
    cutoffC: num(400, "Lowest combined score of tier C", {
      min: 0,
      max: 1000,
      source: "design: the modelled system sets it, each preset its own",
    }),
    privileges: bool(false, "Top-tier privileges that agents seek"),
    privilegeIncentive: num(1, "Extra rate of rewarded acts when privileges exist, relative", {
      min: 0,
      source: "twice as often; modelling choice",
    }),
  })
  .refine((p) => p.cutoffA >= p.cutoffB && p.cutoffB >= p.cutoffC, {
    message: "tier cut-offs must satisfy cutoffA ≥ cutoffB ≥ cutoffC",
  })
  .describe("M12: tiers cut from the combined score; the blacklisted are the lowest tier.");

function prepare(b: WorldBase) {
  const weights = Float64Array.from(SUBSYSTEMS, (s) =>
    b.params.subsystems[s].enabled ? b.params.subsystems[s].tierWeight : 0,
  );
  return {
    /** Per sub-system: the weight of its score in the combined score (0 when not running). */
    weights,
    weightSum: weights.reduce((a, v) => a + v, 0),
  };
}

/** The tier (0 = A .. 3 = D) of a combined score; listed agents are D. */
export function tierOf(w: World, combined: number, listed: number): number {
  if (listed) return 3;
  const p = w.params.tiers;
  return combined >= p.cutoffA ? 0 : combined >= p.cutoffB ? 1 : combined >= p.cutoffC ? 2 : 3;
}

/** Before the first rescore every agent stands in tier D (tier 3); rescoring places it. */
function init(w: World): void {
  w.state.tier.fill(3);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { tiers: tierParams };

export const mechanism = defineMechanism({
  id: "M12",
  title: "Tiers",
  article: {
    de: "… ein Bonitätssystem …, das es erlaubt, zwischen „vertrauenswürdigen“ und „unzuverlässigen“ Personen zu unterscheiden.",
    en: '… a rating system … that makes it possible to distinguish between "trustworthy" and "unreliable" persons.',
  },
  params,
  columns: {
    combined: col.i16("Combined score the tiers are cut from, whole points (with M14's cap)."),
    tier: col.u8("Tier: 0 = A (top) .. 3 = D (lowest; the blacklisted)."),
  },
  tallies: {
    top: "Agents in the top tier (A).",
    scoreSum: "Sum of combined scores (whole points).",
  },
  prepare,
  metrics: {
    mean_score: metric(
      "Mean combined score.",
      (w, grp): number => ratio(at(w.tally.scoreSum, grp), at(w.tally.agents, grp)),
      { title: "Mean combined score", yLabel: "score" },
    ),
    top_tier_share: share("top", "Share of agents in the top tier (A).", {
      title: "Top-tier share",
      yLabel: "share of agents",
    }),
  },
  steps: { init },
});

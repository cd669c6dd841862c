import { z } from "zod";
import type { ScsModel } from "../model.js";

/**
 * M12 — Tiers. The combined score (the sub-systems' scores weighted by their
 * `tierWeight`) is cut into tiers A ≥ a > B ≥ b > C ≥ c > D; a blacklisted
 * agent is D whatever its score ("vertrauenswürdig" versus "unzuverlässig").
 * Top-tier privileges make rewarded acts worth seeking: with privileges on,
 * agents do rewarded acts (M3) `privilegeIncentive` times more often.
 */
export const tierParams = z
  .strictObject({
    cutoffA: z
      .number()
      .min(0)
      .max(1000)
      .default(700)
      .describe("Lowest combined score of tier A (default 700)."),
    cutoffB: z
      .number()
      .min(0)
      .max(1000)
      .default(550)
      .describe("Lowest combined score of tier B (default 550)."),
    cutoffC: z
      .number()
      .min(0)
      .max(1000)
      .default(400)
      .describe("Lowest combined score of tier C (default 400)."),
    privileges: z
      .boolean()
      .default(false)
      .describe(
        "Top-tier privileges (deposit waivers, fast lanes) that agents seek (default false).",
      ),
    privilegeIncentive: z
      .number()
      .min(0)
      .default(1)
      .describe(
        "Extra rate of rewarded acts when privileges exist, relative (default 1 = twice as often; modelling choice).",
      ),
  })
  .refine((p) => p.cutoffA >= p.cutoffB && p.cutoffB >= p.cutoffC, {
    message: "tier cut-offs must satisfy cutoffA ≥ cutoffB ≥ cutoffC",
  })
  .describe("M12: tiers cut from the combined score; the blacklisted are the lowest tier.");

export function tiers(m: ScsModel, _t: number): void {
  const p = m.scenario.mechanisms.tiers;
  const { n, state } = m;
  const { score, combined, tier, listed } = state;
  const K = m.K;
  const subs = m.subsystemList;
  const wts = m.tierWeights;
  let wsum = 0;
  for (let s = 0; s < subs.length; s++) wsum += wts[subs[s]];
  const cap = m.scoreCap;
  const capped = m.cappedGroup;
  const group = m.pop.group;
  for (let i = 0; i < n; i++) {
    let c = 0;
    if (wsum > 0) {
      for (let s = 0; s < subs.length; s++) c += wts[subs[s]] * score[i * K + subs[s]];
      c /= wsum;
    }
    // M14: the capped group can reach at most the cap.
    if (group[i] === capped && c > cap) c = cap;
    combined[i] = c;
    tier[i] = listed[i] ? 3 : c >= p.cutoffA ? 0 : c >= p.cutoffB ? 1 : c >= p.cutoffC ? 2 : 3;
  }
}

import { z } from "zod";
import type { ScsModel } from "../model.js";

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
      .describe("Top-tier privileges that agents seek (default false)."),
    privilegeIncentive: z
      .number()
      .min(0)
      .default(1)
      .describe(
        "Extra rate of rewarded acts when privileges exist, relative (default 1: twice as often; modelling choice).",
      ),
  })
  .refine((p) => p.cutoffA >= p.cutoffB && p.cutoffB >= p.cutoffC, {
    message: "tier cut-offs must satisfy cutoffA ≥ cutoffB ≥ cutoffC",
  })
  .describe("M12: tiers cut from the combined score; the blacklisted are the lowest tier.");

/** The tier (0 = A .. 3 = D) of a combined score; listed agents are D. */
export function tierOf(m: ScsModel, combined: number, listed: number): number {
  if (listed) return 3;
  const p = m.scenario.mechanisms.tiers;
  return combined >= p.cutoffA ? 0 : combined >= p.cutoffB ? 1 : combined >= p.cutoffC ? 2 : 3;
}

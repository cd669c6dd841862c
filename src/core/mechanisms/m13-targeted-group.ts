import { z } from "zod";
import type { ScsModel } from "../model.js";

/**
 * M13 — Surveillance as a weapon against a group (the article: Uyghurs and
 * Tibetans): for the targeted group and the targeted regions, observation
 * coverage is multiplied by `coverageMultiplier`, and mandatory biometric
 * capture (voice, fingerprint, face) raises the probability that an observed
 * protester is identified to `biometricDetection`. Behaviour is not changed:
 * equal behaviour, unequal outcomes.
 */
export const targetedParams = z
  .strictObject({
    group: z
      .string()
      .nullable()
      .default(null)
      .describe("Name of the targeted group, or null (default null)."),
    regions: z
      .array(z.number().int().min(0))
      .default([])
      .describe("Indices of targeted regions (default none)."),
    coverageMultiplier: z
      .number()
      .min(1)
      .default(3)
      .describe("Factor on observation coverage for the targeted (default 3; modelling choice)."),
    biometricCapture: z
      .boolean()
      .default(false)
      .describe("Mandatory biometric capture for the targeted (default false)."),
    biometricDetection: z
      .number()
      .min(0)
      .max(1)
      .default(0.95)
      .describe(
        "Identification probability of an observed targeted agent with biometric capture (default 0.95).",
      ),
  })
  .describe("M13: heightened surveillance of a group or region.");

/** Per-agent coverage factors (1 for everyone not targeted), set once. */
export function surveillanceFactors(m: ScsModel): Float32Array {
  const p = m.scenario.mechanisms.targeted;
  const f = new Float32Array(m.n).fill(1);
  const tg = p.group === null ? -1 : m.pop.groupNames.indexOf(p.group);
  const regions = new Set(p.regions);
  for (let i = 0; i < m.n; i++) {
    if (m.pop.group[i] === tg || regions.has(m.pop.region[i])) f[i] = p.coverageMultiplier;
  }
  return f;
}

/** Whether agent i is targeted. */
export function isTargeted(m: ScsModel, i: number): boolean {
  return m.survFactor[i] > 1;
}

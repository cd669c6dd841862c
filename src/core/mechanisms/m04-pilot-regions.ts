import { z } from "zod";
import type { ScsModel } from "../model.js";

/**
 * M4 — Pilots first, then nationwide (pilot projects since 2017, nationwide in
 * 2020). The system covers agents of the pilot regions from `pilotStart` and
 * every agent from `nationwideStart`; before that nobody is scored, listed or
 * sanctioned by it.
 */
export const pilotParams = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Stage the roll-out (default false: everywhere from step 0)."),
    pilotRegions: z
      .array(z.number().int().min(0))
      .default([0, 1])
      .describe("Indices of pilot regions (default 0, 1)."),
    pilotStart: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Step at which the pilots start (default 0)."),
    nationwideStart: z
      .number()
      .int()
      .min(0)
      .default(180)
      .describe("Step at which the system covers every region (default 180)."),
  })
  .describe("M4: pilot regions first, then the whole country.");

/** Whether the roll-out covers region r at step t. */
export function regionCovered(m: ScsModel, region: number, t: number): boolean {
  const p = m.scenario.mechanisms.pilots;
  if (!p.enabled) return true;
  if (t >= p.nationwideStart) return true;
  return t >= p.pilotStart && p.pilotRegions.includes(region);
}

/**
 * Sets `covered` for every agent: its region is in the roll-out and, under
 * voluntary participation (M18), it takes part. Runs at step 0 and whenever
 * the roll-out or participation changes.
 */
export function updateCoverage(m: ScsModel, t: number): void {
  const voluntary =
    m.scenario.mechanisms.participation.enabled &&
    t < m.scenario.mechanisms.participation.mandateStep;
  const byRegion = new Uint8Array(m.pop.regions);
  for (let r = 0; r < byRegion.length; r++) byRegion[r] = regionCovered(m, r, t) ? 1 : 0;
  const c = m.covered;
  const part = m.state.participating;
  const region = m.pop.region;
  for (let i = 0; i < m.n; i++) c[i] = byRegion[region[i]] & (voluntary ? part[i] : 1);
}

/** Whether coverage changes at step t (a roll-out date). */
export function rolloutChanges(m: ScsModel, t: number): boolean {
  const p = m.scenario.mechanisms.pilots;
  return p.enabled && (t === p.pilotStart || t === p.nationwideStart);
}

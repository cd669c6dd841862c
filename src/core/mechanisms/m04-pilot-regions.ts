import { z } from "zod";
import { bool, int } from "../scenario/param.js";
import { col } from "../world/columns.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { distinctSanctions } from "./m11-sanctions.js";

/**
 * M4 — Pilots first, then nationwide (pilot projects since 2017, nationwide in
 * 2020). The system covers agents of the pilot regions from `pilotStart` and
 * every agent from `nationwideStart`; before that nobody is scored, listed or
 * sanctioned by it.
 */
export const pilotParams = z
  .strictObject({
    enabled: bool(false, "Stage the roll-out", { source: "everywhere from step 0" }),
    pilotRegions: z
      .array(z.number().int().min(0))
      .default([0, 1])
      .describe(
        "Indices of pilot regions (default 0, 1; design: the modelled system sets it, each preset its own).",
      ),
    pilotStart: int(0, "Step at which the pilots start", {
      min: 0,
      source: "design: the modelled system sets it, each preset its own",
    }),
    nationwideStart: int(180, "Step at which the system covers every region", {
      min: 0,
      source: "design: the modelled system sets it, each preset its own",
    }),
  })
  .describe("M4: pilot regions first, then the whole country.");

/** Whether the roll-out covers region r at step t. */
export function regionCovered(w: World, region: number, t: number): boolean {
  const p = w.params.pilots;
  if (!p.enabled) return true;
  if (t >= p.nationwideStart) return true;
  return t >= p.pilotStart && p.pilotRegions.includes(region);
}

/**
 * Sets `covered` for every agent: its region is in the roll-out and, under
 * voluntary participation (M18), it takes part. Runs at step 0 and whenever
 * the roll-out or participation changes.
 */
export function updateCoverage(w: World, t: number): void {
  const voluntary = w.params.participation.enabled && t < w.params.participation.mandateStep;
  const byRegion = new Uint8Array(w.pop.regions);
  for (let r = 0; r < byRegion.length; r++) byRegion[r] = regionCovered(w, r, t) ? 1 : 0;
  const c = w.state.covered;
  const part = w.state.participating;
  const region = w.pop.region;
  for (let i = 0; i < w.n; i++) c[i] = byRegion[region[i]] & (voluntary ? part[i] : 1);
}

/** Applies a change of coverage: new coverage, and the sanctions it brings to the listed. */
export function changeCoverage(w: World, t: number): void {
  updateCoverage(w, t);
  const st = w.state;
  const tv = w.tally.listedSanctions;
  for (let i = 0; i < w.n; i++) {
    if (!st.listed[i]) continue;
    const ds = distinctSanctions(w, i, t);
    tv[w.pop.group[i]] += ds - st.sanctionCount[i];
    st.sanctionCount[i] = ds;
  }
}

/** The roll-out dates: coverage changes at the pilots' start and at the nationwide start. */
function rollout(w: World, t: number): void {
  const p = w.params.pilots;
  if (p.enabled && (t === p.pilotStart || t === p.nationwideStart)) changeCoverage(w, t);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { pilots: pilotParams };

export const mechanism = defineMechanism({
  id: "M4",
  title: "Pilot regions, then nationwide",
  article: {
    de: "Bereits seit 2017 liefen kleinere Pilotprojekte, 2020 wurde das System schließlich landesweit eingeführt.",
    en: "Smaller pilot projects had been running since 2017; in 2020 the system was finally introduced nationwide.",
  },
  params,
  columns: {
    covered: col.u8(
      "1 when the system covers the agent now: its region is in the roll-out and, under voluntary participation (M18), it takes part.",
    ),
  },
  steps: { updateCoverage, rollout },
});

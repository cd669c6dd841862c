import { z } from "zod";
import { bool, num, prob } from "../scenario/param.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

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
      .describe(
        "Name of the targeted group, or null (default null; design: the modelled system sets it, each preset its own).",
      ),
    regions: z
      .array(z.number().int().min(0))
      .default([])
      .describe(
        "Indices of targeted regions (default none; design: the modelled system sets it, each preset its own).",
      ),
    coverageMultiplier: num(3, "Factor on observation coverage for the targeted", {
      min: 1,
      source: "modelling choice",
    }),
    biometricCapture: bool(false, "Mandatory biometric capture for the targeted"),
    biometricDetection: prob(
      0.95,
      "Identification probability of an observed targeted agent with biometric capture",
      {
        source:
          "modelling choice: vendors claim near-certain identification (CAAC claimed 100%, calibration-facts.md §1)",
      },
    ),
  })
  .describe("M13: heightened surveillance of a group or region.");

/** Whether agent i of a base is targeted: of the targeted group, or living in a targeted region. */
function member(b: WorldBase, i: number, group: number, regions: ReadonlySet<number>): boolean {
  return b.pop.group[i] === group || regions.has(b.pop.region[i]);
}

/** Per-agent coverage factors (`coverageMultiplier` for the targeted, 1 for everyone else), set once. */
function surveillanceFactors(b: WorldBase): Float32Array {
  const p = b.params.targeted;
  const f = new Float32Array(b.n).fill(1);
  const g = p.group === null ? -1 : b.pop.groupNames.indexOf(p.group);
  const regions = new Set(p.regions);
  for (let i = 0; i < b.n; i++) if (member(b, i, g, regions)) f[i] = p.coverageMultiplier;
  return f;
}

/** Marks the targeted: membership is explicit, whatever the coverage multiplier. */
function init(w: World): void {
  const p = w.params.targeted;
  const g = p.group === null ? -1 : w.pop.groupNames.indexOf(p.group);
  const regions = new Set(p.regions);
  const targeted = w.state.targeted;
  for (let i = 0; i < w.n; i++) targeted[i] = member(w, i, g, regions) ? 1 : 0;
}

/** Whether agent i is targeted. */
export function isTargeted(w: World, i: number): boolean {
  return w.state.targeted[i] === 1;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { targeted: targetedParams };

export const mechanism = defineMechanism({
  id: "M13",
  title: "Targeted group",
  article: {
    de: "Die Überwachungstechnologie ist zudem eine neue und starke Waffe bei der Verfolgung der ethnischen Minderheit der Uiguren in der Provinz Xinjiang sowie der Tibeter. Die Erfassung von Stimme, Fingerabdrücken und Gesichtszügen ist für viele Menschen im Machtbereich Chinas verpflichtend.",
    en: "Surveillance technology is also a new and powerful weapon in the persecution of the Uyghur ethnic minority in Xinjiang province and of the Tibetans. The capture of voice, fingerprints and facial features is mandatory for many people within China's sphere of power.",
  },
  params,
  columns: {
    targeted: col.u8(
      "1 when the agent is targeted: of the targeted group or in a targeted region.",
    ),
  },
  prepare: (b: WorldBase) => ({
    /** Per agent: factor on observation coverage (1 for everyone not targeted). */
    factor: surveillanceFactors(b),
  }),
  steps: { init },
});

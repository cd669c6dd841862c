import { z } from "zod";
import { bool, num } from "../scenario/param.js";
import { SUBSYSTEMS } from "../subsystems.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { rescore, runningOf } from "./m05-subsystems.js";
import { fadeRecords } from "./m16-records-retention.js";

/**
 * M2 — Socio-political data flow into the scores (since the 2010s): observed
 * criticism and protest become negative records of the chosen sub-systems.
 * Switched off, political behaviour leaves no record at all.
 */
export const politicalParams = z
  .strictObject({
    enabled: bool(false, "Score political behaviour"),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["security"])
      .describe("Sub-systems that receive political records (default security)."),
    protestWeight: num(2, "Records per observed protest, relative to one observed criticism", {
      min: 0,
      source: "modelling choice",
    }),
  })
  .describe("M2: political behaviour as scored events.");

/** Records an observed political event (weight v) against agent i, and rescores it. */
export function recordPolitical(w: World, i: number, t: number, v: number): void {
  if (!w.params.political.enabled || !w.state.covered[i]) return;
  const subs = w.tables.M2.subs;
  fadeRecords(w, i, t);
  for (let s = 0; s < subs.length; s++) w.state.neg[i * w.K + subs[s]] += v;
  rescore(w, i, t);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { political: politicalParams };

export const mechanism = defineMechanism({
  id: "M2",
  title: "Political data",
  article: {
    de: "Seit den 2010er Jahren flossen zunehmend auch sozio-politische Daten in die staatlichen Erfassungssysteme ein.",
    en: "Since the 2010s, socio-political data have increasingly flowed into the state's recording systems as well.",
  },
  params,
  prepare: (b: WorldBase) => ({
    /** Running sub-systems that receive political records. */
    subs: runningOf(b.params.subsystems, b.params.political.subsystems),
  }),
});

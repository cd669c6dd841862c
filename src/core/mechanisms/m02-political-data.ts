import { z } from "zod";
import { bool, num, prob } from "../scenario/param.js";
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
      .describe(
        "Sub-systems that receive political records (default security; design: the modelled system sets it, each preset its own).",
      ),
    announced: bool(
      false,
      "The state announces that speech is monitored and scored, and what a political listing brings: agents start from the announced detection (then learn from their own speech) and know the stakes",
      {
        source:
          "modelling choice; campaigns publicising surveillance and its sanctions are documented, e.g. shaming and 'deadbeat maps' (Global Times 2018, China Daily 2019)",
      },
    ),
    announcedDetection: prob(
      0.5,
      "Probability that criticism is detected, as announced (what agents believe before their own experience)",
      { source: "modelling choice" },
    ),
    protestWeight: num(2, "Records per observed protest, relative to one observed criticism", {
      min: 0,
      source: "modelling choice",
    }),
  })
  .describe("M2: political behaviour as scored events.");

/**
 * Records an observed political event (weight v) against agent i, and
 * rescores it. `erroneous`: the agent did not do it (a false positive of
 * monitoring, a false match); otherwise it is lawful expression, criticism or
 * protest, which the observer of the simulation counts as such (B2).
 */
export function recordPolitical(
  w: World,
  i: number,
  t: number,
  v: number,
  erroneous: boolean,
): void {
  if (!w.params.political.enabled || !w.state.covered[i]) return;
  const subs = w.tables.M2.subs;
  const st = w.state;
  fadeRecords(w, i, t);
  for (let s = 0; s < subs.length; s++) {
    const j = i * w.K + subs[s];
    st.neg[j] += v;
    if (erroneous) st.negError[j] += v;
    else st.negSpeech[j] += v;
  }
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

import { z } from "zod";
import { STREAM } from "../rng/streams.js";
import { prob } from "../scenario/param.js";
import { col } from "../world/columns.js";
import { word } from "../world/draws.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { ostracise } from "./m09-association-penalty.js";

/**
 * M10 — Visibility of the blacklist: "die von jedem im Land eingesehen werden
 * kann". With a public list every contact knows at once who is listed and can
 * react (M9, M8, M17); with a private list only the system knows, and the
 * listing becomes known to the agent's contacts with probability
 * `privateLeak` (word gets around).
 */
export const visibilityParams = z
  .strictObject({
    list: z
      .enum(["public", "private"])
      .default("private")
      .describe(
        "public: everyone can see the blacklist; private: only the system (default private; design: the modelled system sets it, each preset its own).",
      ),
    privateLeak: prob(
      0.1,
      "With a private list, the probability that a contact learns of a listing",
      { source: "modelling choice" },
    ),
  })
  .describe("M10: who can see the blacklist.");

const DRAWS = {
  leak: {
    stream: STREAM.ostracism,
    at: "any",
    words: [word(0x7fff)],
    doc: "Whether a listing on a private list becomes known to the agent's contacts.",
  },
} as const;

/** Called when agent i becomes listed. */
export function onListed(w: World, i: number, t: number): void {
  const p = w.params.visibility;
  const known = p.list === "public" || w.rng.stream(DRAWS.leak).u01(t, i, 0x7fff) < p.privateLeak;
  w.state.listingKnown[i] = known ? 1 : 0;
  if (known) ostracise(w, i);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { visibility: visibilityParams };

export const mechanism = defineMechanism({
  id: "M10",
  title: "Blacklist visibility",
  article: {
    de: "… geraten im schlimmsten Fall auf eine schwarze Liste, die von jedem im Land eingesehen werden kann.",
    en: "… in the worst case end up on a blacklist that anyone in the country can look at.",
  },
  params,
  columns: { listingKnown: col.u8("1 when the agent's contacts know it is listed.") },
  draws: DRAWS,
});

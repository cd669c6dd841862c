import { z } from "zod";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
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
        "public: everyone can see the blacklist; private: only the system (default private).",
      ),
    privateLeak: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        "With a private list, the probability that a contact learns of a listing (default 0.1; modelling choice).",
      ),
  })
  .describe("M10: who can see the blacklist.");

/** Called when agent i becomes listed. */
export function onListed(m: ScsModel, i: number, t: number): void {
  const p = m.scenario.mechanisms.visibility;
  const publicList = p.list === "public";
  const known = publicList || m.stream(STREAM.ostracism).u01(t, i, 0x7fff) < p.privateLeak;
  m.state.listingKnown[i] = known ? 1 : 0;
  if (known) ostracise(m, i, t);
}

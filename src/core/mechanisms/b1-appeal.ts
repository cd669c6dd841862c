import { z } from "zod";
import { counted } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, prob } from "../scenario/param.js";
import { SUBSYSTEMS } from "../subsystems.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * B1 — Notice and appeal, part of the rights-respecting design (the line of
 * Art. 5(1)(c) EU AI Act, calibration-facts.md §7). Before a listing takes
 * effect the agent is notified. An agent knows which of its records are wrong
 * (a payment recorded as a default, a false match); if the records about to
 * list it include wrong ones, it appeals, and with probability
 * `correctionProbability` the wrong records are deleted. The listing then
 * goes ahead only if the true records still warrant it.
 */
export const appealParams = z
  .strictObject({
    enabled: bool(false, "Notice and appeal"),
    correctionProbability: prob(0.8, "Probability that an appeal against wrong records succeeds", {
      source: "modelling choice",
    }),
  })
  .describe("B1: notice and appeal against wrong records.");

const DRAWS = {
  appeal: {
    stream: STREAM.appeal,
    at: "any",
    words: [{ start: 0, stride: 1, count: SUBSYSTEMS.length }],
    doc: "Word k: whether an appeal against a listing in sub-system k succeeds.",
  },
} as const;

/**
 * True when an appeal stops the listing of agent i in sub-system k: the agent
 * has wrong records there, the appeal succeeds, and without them it is not
 * listed. Corrected records are deleted either way.
 */
export function appealListing(w: World, i: number, k: number, t: number): boolean {
  const p = w.params.appeal;
  if (!p.enabled) return false;
  const st = w.state;
  const j = i * w.K + k;
  const wrong = st.negError[j];
  if (wrong < 0.5) return false;
  if (w.rng.stream(DRAWS.appeal).u01(t, i, k) >= p.correctionProbability) return false;
  st.neg[j] -= wrong;
  st.negError[j] = 0;
  w.count.recordsCorrected[w.pop.group[i]]++;
  const threshold = w.tables.M5.config[k].listThreshold;
  return st.neg[j] + 0.5 < threshold;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { appeal: appealParams };

export const mechanism = defineMechanism({
  id: "B1",
  title: "Rights-respecting design: notice and appeal",
  params,
  counters: {
    recordsCorrected: { doc: "Listings stopped on appeal this step (wrong records deleted)." },
  },
  draws: DRAWS,
  metrics: {
    records_corrected: counted("recordsCorrected", "Listings stopped on appeal this step."),
  },
});

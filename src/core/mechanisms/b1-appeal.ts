import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";

/**
 * B1 — Notice and appeal, part of the rights-respecting design (the line of
 * Art. 5(1)(c) EU AI Act, calibration-facts.md §7). Before a listing takes
 * effect the agent is notified; if it has no true violation within the
 * violation window, it appeals and the wrong records are corrected with
 * probability `correctionProbability`: they are deleted and no listing
 * follows.
 */
export const appealParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Notice and appeal (default false)."),
    correctionProbability: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe(
        "Probability that an appeal against wrong records succeeds (default 0.8; modelling choice).",
      ),
  })
  .describe("B1: notice and appeal against wrong records.");

/** True when an appeal stops the listing of agent i in sub-system k (and its wrong records are deleted). */
export function appealListing(m: ScsModel, i: number, k: number, t: number): boolean {
  const p = m.scenario.mechanisms.appeal;
  if (!p.enabled) return false;
  if (t - m.state.lastViolation[i] <= m.scenario.metrics.violationWindow) return false;
  if (m.stream(STREAM.appeal).u01(t, i, k) >= p.correctionProbability) return false;
  m.state.neg[i * m.K + k] = 0;
  m.counters.add(COUNTER.recordsCorrected, m.pop.group[i]);
  return true;
}

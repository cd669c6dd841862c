import { z } from "zod";
import type { ScsModel } from "../model.js";

/**
 * M16 — Records and their retention ("Jede abweichende Meinung … wird
 * registriert"). Every sub-system keeps a record of observed events: negative
 * (defaults, criticism, protest) and positive (payments, rewarded acts). A
 * record fades with the retention of its sub-system: after s steps a fraction
 * exp(−s / retention) of it is left (an expected count; the scores are linear
 * in the records, so this is exact for them). retention 0 = never expire.
 *
 * Fading is applied lazily: an agent's records are brought to the current step
 * whenever they are read or written (at its events and reviews), which gives
 * the same values as fading every step, without touching every agent.
 */
export const retentionParams = z
  .strictObject({
    reviewInterval: z
      .number()
      .int()
      .min(1)
      .default(90)
      .describe(
        "Steps between reviews of every agent's scores (faded records, tiers); an agent is also rescored at each of its own events, e.g. its monthly statement (default 90: quarterly; Suqian recalculates monthly, calibration-facts.md §2).",
      ),
  })
  .describe(
    "M16: records fade with each sub-system's retention; scores are reviewed periodically.",
  );

/** Brings agent i's records to step t. */
export function fadeRecords(m: ScsModel, i: number, t: number): void {
  const st = m.state;
  const dt = t - st.recordsAt[i];
  if (dt <= 0) return;
  st.recordsAt[i] = t;
  const row = i * m.K;
  const subs = m.subsystemList;
  for (let s = 0; s < subs.length; s++) {
    const k = subs[s];
    const rate = m.fadeRate[k];
    if (rate === 0) continue;
    const f = Math.exp(-rate * dt);
    st.neg[row + k] *= f;
    st.pos[row + k] *= f;
  }
}

/** The periodic review: every agent is rescored once per interval, on its own day (a cohort). */
export function reviewScores(m: ScsModel, t: number): void {
  const interval = m.scenario.mechanisms.retention.reviewInterval;
  const count = m.cohort(t, interval);
  const ids = m.ids;
  for (let j = 0; j < count; j++) m.rescore(ids[j], t);
}

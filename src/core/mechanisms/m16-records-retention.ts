import { z } from "zod";
import { int } from "../scenario/param.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * M16 — Records and their retention ("Jede abweichende Meinung … wird
 * registriert"). Every sub-system keeps a record of observed events: negative
 * (defaults, criticism, protest) and positive (payments, rewarded acts). The
 * observer of the simulation, not the system, also keeps what each negative
 * record is: a true financial or legal violation, lawful expression, or an
 * error; harms are counted from that (B2). A
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
    reviewInterval: int(
      90,
      "Steps between reviews of every agent's scores (faded records, tiers); an agent is also rescored at each of its own events, e.g. its monthly statement",
      { min: 1, source: "quarterly; Suqian recalculates monthly, calibration-facts.md §2" },
    ),
  })
  .describe(
    "M16: records fade with each sub-system's retention; scores are reviewed periodically.",
  );

function prepare(b: WorldBase) {
  return {
    /** Per sub-system: 1 / retention, 0 = records never fade. */
    fadeRate: Float64Array.from(SUBSYSTEMS, (s) => {
      const r = b.params.subsystems[s].retention;
      return r > 0 ? 1 / r : 0;
    }),
  };
}

/**
 * Deletes every negative record of one agent in one sub-system (cell j =
 * i * K + k): after a pay-off (M1) or a correction.
 */
export function clearRecords(w: World, j: number): void {
  const st = w.state;
  st.neg[j] = 0;
  st.negSpeech[j] = 0;
  st.negError[j] = 0;
}

/** Brings agent i's records to step t. */
export function fadeRecords(w: World, i: number, t: number): void {
  const st = w.state;
  const dt = t - st.recordsAt[i];
  if (dt <= 0) return;
  st.recordsAt[i] = t;
  const row = i * w.K;
  const subs = w.tables.M5.list;
  const fadeRate = w.tables.M16.fadeRate;
  for (let s = 0; s < subs.length; s++) {
    const k = subs[s];
    const rate = fadeRate[k];
    if (rate === 0) continue;
    const f = Math.exp(-rate * dt);
    st.neg[row + k] *= f;
    st.pos[row + k] *= f;
    st.negSpeech[row + k] *= f;
    st.negError[row + k] *= f;
  }
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { retention: retentionParams };

export const mechanism = defineMechanism({
  id: "M16",
  title: "Records and retention",
  article: {
    de: "Jede abweichende Meinung oder unerwünschte Handlung wird registriert.",
    en: "Every dissenting opinion or unwanted action is recorded.",
  },
  params,
  columns: {
    neg: col.f32("Negative records per sub-system, as of step recordsAt.", { per: "agentSub" }),
    negSpeech: col.f32(
      "Of the negative records, those for lawful expression: criticism or protest the system observed (M2).",
      { per: "agentSub" },
    ),
    negError: col.f32(
      "Of the negative records, the erroneous ones: record errors, false positives of monitoring, false matches (M1, M7).",
      { per: "agentSub" },
    ),
    pos: col.f32("Positive records per sub-system, as of step recordsAt.", { per: "agentSub" }),
    recordsAt: col.i32("Step to which the agent's records have been faded."),
  },
  prepare,
});

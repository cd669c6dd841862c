import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { SUB } from "../subsystems.js";
import { TALLY } from "../tally.js";

/**
 * M15 — Detention of the "unreliable" (internment camps). An agent listed by
 * the security sub-system whose combined score is below `scoreBelow` is
 * detained with probability `probability` at each rescore, for `duration`
 * steps. A detained agent leaves social life: no obligations, speech, protest
 * or travel; its ties count for nobody (contacts skip detained agents).
 */
export const detentionParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Run M15 (default false)."),
    scoreBelow: z
      .number()
      .min(0)
      .max(1000)
      .default(400)
      .describe(
        "Combined score below which a security-listed agent may be detained (default 400).",
      ),
    probability: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        "Probability of detention at each rescore while eligible (default 0.05; modelling choice).",
      ),
    duration: z
      .number()
      .int()
      .min(1)
      .default(365)
      .describe("Steps a detention lasts (default 365; modelling choice)."),
  })
  .describe("M15: detention of the lowest tier.");

/** At a rescore of a listed agent: detain it if it is eligible and the draw says so. */
export function considerDetention(m: ScsModel, i: number, t: number): void {
  const p = m.scenario.mechanisms.detention;
  if (!p.enabled) return;
  const st = m.state;
  if (
    st.detained[i] ||
    st.listedUntil[i * m.K + SUB.security] <= t ||
    st.combined[i] >= p.scoreBelow
  )
    return;
  if (m.stream(STREAM.detention).u01(t, i, 0) >= p.probability) return;
  const g = m.pop.group[i];
  st.detained[i] = 1;
  st.detainedUntil[i] = t + p.duration;
  m.scheduleAt(i, t + p.duration);
  m.tally.v[TALLY.detained * m.tally.groups + g]++;
  m.counters.add(COUNTER.newDetentions, g);
  // Leaving social life: no public stance, no protest.
  setStance(m, i, 0, 0);
  if (st.protest[i]) {
    st.protest[i] = 0;
    m.tally.v[TALLY.protest * m.tally.groups + g]--;
  }
}

/** Releases agents whose detention ends this step. */
export function releaseDetained(m: ScsModel, t: number): void {
  if (!m.scenario.mechanisms.detention.enabled) return;
  const st = m.state;
  const count = m.collect(st.detainedUntil, t);
  const ids = m.ids;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    if (!st.detained[i]) continue;
    st.detained[i] = 0;
    st.detainedUntil[i] = 0;
    m.tally.v[TALLY.detained * m.tally.groups + m.pop.group[i]]--;
  }
}

/** Sets an agent's public stance (dissent, approval) and keeps the tallies. */
export function setStance(m: ScsModel, i: number, dissent: number, approval: number): void {
  const st = m.state;
  const G = m.tally.groups;
  const g = m.pop.group[i];
  if (st.expressed[i] !== dissent) {
    m.tally.v[TALLY.expressed * G + g] += dissent - st.expressed[i];
    st.expressed[i] = dissent;
  }
  if (st.approvalExpressed[i] !== approval) {
    m.tally.v[TALLY.approvalExpressed * G + g] += approval - st.approvalExpressed[i];
    st.approvalExpressed[i] = approval;
  }
}

import { z } from "zod";
import { counted, share } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, int, num, prob } from "../scenario/param.js";
import { SUB } from "../subsystems.js";
import { col } from "../world/columns.js";
import { word } from "../world/draws.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { setStance } from "./m17-dissent/stance.js";

/**
 * M15 — Detention of the "unreliable" (internment camps). An agent listed by
 * the security sub-system whose combined score is below `scoreBelow` is
 * detained with probability `probability` at each rescore, for `duration`
 * steps. A detained agent leaves social life: no obligations, speech, protest
 * or travel; its ties count for nobody (contacts skip detained agents).
 */
export const detentionParams = z
  .strictObject({
    enabled: bool(false, "Run M15"),
    scoreBelow: num(400, "Combined score below which a security-listed agent may be detained", {
      min: 0,
      max: 1000,
      source: "design: the article's 'unreliable' (tier D); no documented threshold",
    }),
    probability: prob(0.05, "Probability of detention at each rescore while eligible", {
      source: "modelling choice",
    }),
    duration: int(365, "Steps a detention lasts", { min: 1, source: "modelling choice" }),
  })
  .describe("M15: detention of the lowest tier.");

const DRAWS = {
  detain: {
    stream: STREAM.detention,
    at: "any",
    words: [word(0)],
    doc: "Whether an eligible agent is detained at a rescore.",
  },
} as const;

/** At a rescore of a listed agent: detain it if it is eligible and the draw says so. */
export function considerDetention(w: World, i: number, t: number): void {
  const p = w.params.detention;
  if (!p.enabled) return;
  const st = w.state;
  if (
    st.detained[i] ||
    st.listedUntil[i * w.K + SUB.security] <= t ||
    st.combined[i] >= p.scoreBelow
  )
    return;
  if (w.rng.stream(DRAWS.detain).u01(t, i, 0) >= p.probability) return;
  const g = w.pop.group[i];
  st.detained[i] = 1;
  st.detainedUntil[i] = t + p.duration;
  w.sched.scheduleAt(i, t + p.duration);
  w.tally.detained[g]++;
  w.count.newDetentions[g]++;
  // Leaving social life: no public stance, no protest.
  setStance(w, i, 0, 0);
  if (st.protest[i]) {
    st.protest[i] = 0;
    w.tally.protest[g]--;
  }
}

/** Releases agents whose detention ends this step. */
function releaseDetained(w: World, t: number): void {
  if (!w.params.detention.enabled) return;
  const st = w.state;
  const count = w.sched.collect(st.detainedUntil, t);
  const ids = w.sched.ids;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    if (!st.detained[i]) continue;
    st.detained[i] = 0;
    st.detainedUntil[i] = 0;
    w.tally.detained[w.pop.group[i]]--;
  }
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { detention: detentionParams };

export const mechanism = defineMechanism({
  id: "M15",
  title: "Detention",
  article: {
    de: "Wer als „unzuverlässig“ eingestuft wird, landet in Internierungslagern der Kommunistischen Partei.",
    en: 'Whoever is classed as "unreliable" ends up in the Communist Party\'s internment camps.',
  },
  params,
  columns: {
    detainedUntil: col.i32("Step at which the agent's detention ends; 0 when not detained.", {
      event: "zero",
    }),
    detained: col.u8("1 while the agent is detained."),
  },
  tallies: { detained: "Agents in detention." },
  counters: { newDetentions: { doc: "Detentions that began this step." } },
  draws: DRAWS,
  metrics: {
    detained: share("detained", "Share of agents in detention.", {
      title: "Detained",
      yLabel: "share of agents",
    }),
    new_detentions: counted("newDetentions", "Detentions that began this step."),
  },
  steps: { releaseDetained },
});

import { z } from "zod";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { TALLY } from "../tally.js";
import { regionCovered } from "./m04-pilot-regions.js";

/**
 * M18 — First voluntary ("freiwillig Sozialpunkte sammeln"), later compulsory
 * (a reader's comment under the article). Before `mandateStep` an agent that
 * does not take part reconsiders at rate `decisionRate` and joins with
 * probability logistic(base + conformityWeight·conformity + peerWeight·share
 * of contacts taking part + privilegeWeight·[privileges exist]): a social
 * contagion, so participation grows in an S-shape. From `mandateStep` on
 * everyone takes part. Only participants are covered by the system.
 */
export const participationParams = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        "Voluntary participation until the mandate (default false: everyone takes part from the start).",
      ),
    initialShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe("Share taking part at step 0 (default 0.02; modelling choice)."),
    mandateStep: z
      .number()
      .int()
      .min(0)
      .default(240)
      .describe("Step from which participation is compulsory (default 240)."),
    decisionRate: z
      .number()
      .min(0)
      .max(1)
      .default(1 / 14)
      .describe("Reconsiderations per non-participant per step (default 1/14; modelling choice)."),
    base: z.number().default(-5).describe("Logit of joining with no reason to (default −5)."),
    conformityWeight: z.number().default(2).describe("Logit weight of conformity (default 2)."),
    peerWeight: z
      .number()
      .default(8)
      .describe("Logit weight of the share of contacts taking part (default 8): the contagion."),
    privilegeWeight: z
      .number()
      .default(1)
      .describe("Logit weight of top-tier privileges existing (default 1)."),
  })
  .describe("M18: voluntary, then mandatory participation.");

export function initialParticipation(m: ScsModel, words: Uint32Array, word: number): void {
  const p = m.scenario.mechanisms.participation;
  const st = m.state;
  const G = m.tally.groups;
  for (let i = 0; i < m.n; i++) {
    const on =
      !p.enabled || p.mandateStep <= 0 || unit(words[4 * i + word]) < p.initialShare ? 1 : 0;
    st.participating[i] = on;
    m.tally.v[TALLY.participating * G + m.pop.group[i]] += on;
    st.nextParticipation[i] =
      p.enabled && !on
        ? nextAfter(0, unit(words[4 * i + ((word + 1) & 3)]), p.decisionRate)
        : NEVER;
  }
}

export function participation(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.participation;
  if (!p.enabled) return;
  const st = m.state;
  const G = m.tally.groups;
  if (t === p.mandateStep) {
    for (let i = 0; i < m.n; i++) {
      if (st.participating[i]) continue;
      st.participating[i] = 1;
      st.nextParticipation[i] = NEVER;
      m.tally.v[TALLY.participating * G + m.pop.group[i]]++;
    }
    m.changeCoverage(t);
    return;
  }
  if (t > p.mandateStep) return;
  const count = m.collect(st.nextParticipation, t);
  const ids = m.ids;
  const w = m.gather(STREAM.participation, t, count);
  const { offsets, targets } = m.graph;
  const pub = st.prevPub;
  const priv = m.scenario.mechanisms.tiers.privileges ? 1 : 0;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    let contacts = 0;
    let part = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!m.edgeActive[e]) continue;
      contacts++;
      part += (pub[targets[e]] >> 5) & 1;
    }
    const share = contacts > 0 ? part / contacts : 0;
    const logit =
      p.base +
      p.conformityWeight * m.pop.conformity[i] +
      p.peerWeight * share +
      p.privilegeWeight * priv;
    if (unit(w[o + 1]) < 1 / (1 + Math.exp(-logit))) {
      st.participating[i] = 1;
      st.nextParticipation[i] = NEVER;
      m.tally.v[TALLY.participating * G + m.pop.group[i]]++;
      m.covered[i] = regionCovered(m, m.pop.region[i], t) ? 1 : 0;
      m.rescore(i, t);
    } else {
      st.nextParticipation[i] = nextAfter(t, unit(w[o]), p.decisionRate);
    }
  }
}

import { z } from "zod";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { nextAfter, unit } from "../schedule.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";

/**
 * M3 — Rewards for "systemkonform" behaviour. Agents do rewarded acts
 * (volunteering, public praise, donating blood: +10 in Suqian,
 * calibration-facts.md §2) at a rate proportional to their conformity; each
 * observed act is a positive record of the chosen sub-systems, worth that
 * sub-system's `positiveWeight` points (the reward weight). Criticism costs
 * `negativeWeight` points per record (the penalty weight, M2).
 */
export const rewardParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Run M3 (default false)."),
    rate: z
      .number()
      .min(0)
      .max(1)
      .default(4 / 365)
      .describe(
        "Rewarded acts per step of a fully conformist agent (default 4/365; modelling choice).",
      ),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["municipal"])
      .describe("Sub-systems that record rewarded acts (default municipal)."),
    recordsPerAct: z
      .number()
      .min(0)
      .default(2.5)
      .describe(
        "Positive records per rewarded act (default 2.5: +10 points at 4 points per record, as Suqian's blood donation).",
      ),
  })
  .describe("M3: rewarded acts and their points.");

/** The rate of rewarded acts of agent i. */
function rewardRate(m: ScsModel, i: number): number {
  const p = m.scenario.mechanisms.rewards;
  const tiers = m.scenario.mechanisms.tiers;
  return p.rate * m.pop.conformity[i] * (tiers.privileges ? 1 + tiers.privilegeIncentive : 1);
}

export function scheduleRewards(m: ScsModel, words: Uint32Array, word: number): void {
  const p = m.scenario.mechanisms.rewards;
  const next = m.state.nextReward;
  if (!p.enabled) {
    next.fill(0x7fffffff);
    return;
  }
  for (let i = 0; i < m.n; i++) next[i] = nextAfter(0, unit(words[4 * i + word]), rewardRate(m, i));
}

export function rewards(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.rewards;
  if (!p.enabled) return;
  const st = m.state;
  const count = m.collect(st.nextReward, t);
  const ids = m.ids;
  const w = m.gather(STREAM.reward, t, count);
  const subs = m.rewardSubs;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    st.nextReward[i] = nextAfter(t, unit(w[o]), rewardRate(m, i));
    if (st.detained[i]) continue;
    recordTransaction(m, i, t, unit(w[o + 1]), true);
    if (!m.covered[i]) continue;
    m.fade(i, t);
    for (let s = 0; s < subs.length; s++) st.pos[i * m.K + subs[s]] += p.recordsPerAct;
    m.rescore(i, t);
  }
}

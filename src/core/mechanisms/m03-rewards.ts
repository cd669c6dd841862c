import { z } from "zod";
import { counted } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, num, prob } from "../scenario/param.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { rescore, runningOf } from "./m05-subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";
import { fadeRecords } from "./m16-records-retention.js";

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
    enabled: bool(false, "Run M3"),
    rate: prob(4 / 365, "Rewarded acts per step of a fully conformist agent", {
      shown: "4/365",
      source: "modelling choice",
    }),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["municipal"])
      .describe(
        "Sub-systems that record rewarded acts (default municipal; design: the modelled system sets it, each preset its own).",
      ),
    recordsPerAct: num(2.5, "Positive records per rewarded act", {
      min: 0,
      source: "+10 points at 4 points per record, as Suqian's blood donation",
    }),
  })
  .describe("M3: rewarded acts and their points.");

const DRAWS = {
  first: {
    stream: STREAM.behaviour,
    at: "init",
    block: 0,
    lanes: { next: 2 },
    doc: "The first rewarded act (shares the init block of the behaviour stream with M8).",
  },
  act: {
    stream: STREAM.reward,
    at: "step",
    block: 0,
    lanes: { next: 0, cashless: 1 },
    doc: "A rewarded act: when the next one comes, and whether it is paid cashless.",
  },
} as const;

/**
 * The rate of rewarded acts of agent i: its conformity times the base rate,
 * raised by `privilegeIncentive` where top-tier privileges exist and the
 * agent can reach them — a capped group whose cap lies below the top tier
 * (M14), which its members see on their own scores, cannot: it has no reason
 * to seek them.
 */
function rewardRate(w: World, i: number): number {
  const p = w.params.rewards;
  const tiers = w.params.tiers;
  const m14 = w.tables.M14;
  const reachable = !(w.pop.group[i] === m14.group && m14.cap < tiers.cutoffA);
  const incentive = tiers.privileges && reachable ? 1 + tiers.privilegeIncentive : 1;
  return p.rate * w.pop.conformity[i] * incentive;
}

function init(w: World): void {
  const p = w.params.rewards;
  const next = w.state.nextReward;
  if (!p.enabled) {
    next.fill(NEVER);
    return;
  }
  const words = w.rng.fill(DRAWS.first, 0);
  const L = DRAWS.first.lanes.next;
  for (let i = 0; i < w.n; i++) next[i] = nextAfter(0, unit(words[4 * i + L]), rewardRate(w, i));
}

function rewards(w: World, t: number): void {
  const p = w.params.rewards;
  if (!p.enabled) return;
  const st = w.state;
  const count = w.sched.collect(st.nextReward, t);
  const ids = w.sched.ids;
  const wd = w.rng.gather(DRAWS.act, t, count);
  const L = DRAWS.act.lanes;
  const subs = w.tables.M3.subs;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    st.nextReward[i] = nextAfter(t, unit(wd[o + L.next]), rewardRate(w, i));
    if (st.detained[i]) continue;
    recordTransaction(w, i, t, unit(wd[o + L.cashless]), true);
    w.count.rewardedActs[w.pop.group[i]]++;
    if (!st.covered[i]) continue;
    fadeRecords(w, i, t);
    for (let s = 0; s < subs.length; s++) st.pos[i * w.K + subs[s]] += p.recordsPerAct;
    rescore(w, i, t);
  }
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { rewards: rewardParams };

export const mechanism = defineMechanism({
  id: "M3",
  title: "Rewards and penalties",
  article: {
    de: "… ein Sozialkredit-System …, das diejenigen Bürger belohnt, die sich systemkonform verhalten und diejenigen bestraft, die sich kritisch äußern.",
    en: "… a social credit system … that rewards citizens who behave in conformity with the system and punishes those who speak critically.",
  },
  params,
  columns: { nextReward: col.event("Step of the agent's next rewarded act.") },
  counters: {
    rewardedActs: { doc: "Rewarded acts done this step (volunteering, praise, donations)." },
  },
  draws: DRAWS,
  prepare: (b: WorldBase) => ({
    /** Running sub-systems that record rewarded acts. */
    subs: runningOf(b.params.subsystems, b.params.rewards.subsystems),
  }),
  metrics: {
    rewarded_acts: counted("rewardedActs", "Rewarded acts done this step."),
  },
  steps: { init, rewards },
});

import { z } from "zod";
import { at, metric, ratio } from "../metrics/define.js";
import { bool, prob } from "../scenario/param.js";
import { SUB } from "../subsystems.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { fadeRecords } from "./m16-records-retention.js";

/**
 * M6 — A private payment platform (Alipay documents most purchases). A share
 * `cashlessShare` of transactions (payments of obligations, rewarded acts)
 * goes through the platform, which observes it: a paid one is a positive
 * record of the platform sub-system, a default a negative one. With
 * `shareWithState` the platform's observations also become records of the
 * municipal sub-system (the state's).
 */
export const platformParams = z
  .strictObject({
    cashlessShare: prob(0.6, "Share of transactions paid through the platform", {
      source: "comment 1 of the article: abolishing cash → 1",
    }),
    shareWithState: bool(false, "The platform passes its observations to the state"),
  })
  .describe("M6: the payment platform and what it observes.");

/** A transaction of agent i; u decides whether it is cashless. Returns whether the platform saw it. */
export function recordTransaction(
  w: World,
  i: number,
  t: number,
  u: number,
  paid: boolean,
): boolean {
  const p = w.params.platform;
  const g = w.pop.group[i];
  w.count.transactions[g]++;
  if (u >= p.cashlessShare) return false;
  w.count.transactionsObserved[g]++;
  const on = w.tables.M6;
  if (!on.platform || !w.state.covered[i]) return true;
  fadeRecords(w, i, t);
  const j = i * w.K;
  const { pos, neg } = w.state;
  if (paid) pos[j + SUB.platform] += 1;
  else neg[j + SUB.platform] += 1;
  if (p.shareWithState && on.municipal) {
    if (paid) pos[j + SUB.municipal] += 1;
    else neg[j + SUB.municipal] += 1;
  }
  return true;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { platform: platformParams };

export const mechanism = defineMechanism({
  id: "M6",
  title: "Payment platform",
  article: {
    de: "Durch das Zahlungssystem Alipay wird bereits heute ein Großteil des Kaufverhaltens der chinesischen Bevölkerung dokumentiert …",
    en: "Through the Alipay payment system, most of the Chinese population's purchasing behaviour is already documented today …",
  },
  params,
  counters: {
    transactions: { doc: "Transactions (payments, rewarded acts) this step." },
    transactionsObserved: { doc: "Transactions the platform saw (cashless) this step." },
  },
  prepare: (b: WorldBase) => ({
    platform: b.params.subsystems.platform.enabled,
    municipal: b.params.subsystems.municipal.enabled,
  }),
  metrics: {
    transactions_observed_share: metric(
      "Share of this step's transactions the platform saw.",
      (w, grp): number =>
        ratio(at(w.count.transactionsObserved, grp), at(w.count.transactions, grp)),
    ),
  },
});

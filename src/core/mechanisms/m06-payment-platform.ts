import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { SUB } from "../subsystems.js";

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
    cashlessShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .describe(
        "Share of transactions paid through the platform (default 0.6; comment 1 of the article: abolishing cash → 1).",
      ),
    shareWithState: z
      .boolean()
      .default(false)
      .describe("The platform passes its observations to the state (default false)."),
  })
  .describe("M6: the payment platform and what it observes.");

/** A transaction of agent i; u decides whether it is cashless. Returns whether the platform saw it. */
export function recordTransaction(
  m: ScsModel,
  i: number,
  t: number,
  u: number,
  paid: boolean,
): boolean {
  const p = m.scenario.mechanisms.platform;
  const g = m.pop.group[i];
  m.counters.add(COUNTER.transactions, g);
  if (u >= p.cashlessShare) return false;
  m.counters.add(COUNTER.transactionsObserved, g);
  if (!m.platformOn || !m.covered[i]) return true;
  m.fade(i, t);
  const j = i * m.K;
  if (paid) m.state.pos[j + SUB.platform] += 1;
  else m.state.neg[j + SUB.platform] += 1;
  if (p.shareWithState && m.municipalOn) {
    if (paid) m.state.pos[j + SUB.municipal] += 1;
    else m.state.neg[j + SUB.municipal] += 1;
  }
  return true;
}

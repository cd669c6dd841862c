import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SUB } from "../subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";

/**
 * M1 — Financial rating. Agents meet or default on obligations (bills and
 * loan instalments) according to their latent reliability; every payment and
 * every default becomes a record of the financial sub-system, and a share of
 * defaults become court judgments (records of the court sub-system, the
 * judgment-debtor list of calibration-facts.md §1).
 *
 * Deterrence: where a blacklist with sanctions is in force for the agent, a
 * share `deterrence × stakes` of the defaults it would have made are avoided
 * (it pays anyway); the stakes of a financial listing grow with the
 * sanctions it brings (loan denial 0.5, each other sanction 0.1). That is the
 * benefit the system claims; `defaultsPrevented` counts it.
 */
export const financialParams = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run M1 (default true)."),
    billRate: z
      .number()
      .min(0)
      .max(1)
      .default(1 / 30)
      .describe(
        "Probability per step that a bill is due (default 1/30: a monthly bill with daily steps).",
      ),
    loanRequestRate: z
      .number()
      .min(0)
      .max(1)
      .default(2 / 365)
      .describe("Probability per step of asking for a loan (default 2/365; modelling choice)."),
    instalmentRate: z
      .number()
      .min(0)
      .max(1)
      .default(1 / 30)
      .describe("Probability per step that an instalment of an open loan is due (default 1/30)."),
    loanTerm: z
      .number()
      .positive()
      .default(365)
      .describe("Mean life of a loan in steps (default 365)."),
    maxLoans: z
      .number()
      .int()
      .min(0)
      .max(255)
      .default(3)
      .describe("Most loans open at once (default 3)."),
    deterrence: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe(
        "Share of would-be defaults avoided when a financial listing brings every sanction; scaled by the stakes of the listing (default 0.3; modelling choice: before the court list >70% evaded enforcement, calibration-facts.md §1).",
      ),
    judgmentShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe(
        "Share of defaults that become court judgments (court records) (default 0.25; modelling choice).",
      ),
    recordErrorRate: z
      .number()
      .min(0)
      .max(1)
      .default(0.002)
      .describe(
        "Probability that a payment is wrongly recorded as a default (default 0.002; modelling choice: no published rate).",
      ),
  })
  .describe(
    "M1: obligations repaid or defaulted by latent reliability; records feed the financial score.",
  );

export type FinancialParams = z.infer<typeof financialParams>;

/** The probability per step that an obligation of agent i is due. */
function obligationRate(m: ScsModel, i: number): number {
  const p = m.scenario.mechanisms.financial;
  return p.billRate + p.instalmentRate * m.state.loansOpen[i];
}

/** Draws every agent's first financial events from words[4i + word ..]. */
export function scheduleFinancial(m: ScsModel, words: Uint32Array): void {
  const p = m.scenario.mechanisms.financial;
  const st = m.state;
  for (let i = 0; i < m.n; i++) {
    st.nextObligation[i] = p.enabled
      ? nextAfter(0, unit(words[4 * i]), obligationRate(m, i))
      : NEVER;
    st.nextLoanRequest[i] = p.enabled
      ? nextAfter(0, unit(words[4 * i + 1]), p.loanRequestRate)
      : NEVER;
    st.nextLoanClose[i] = NEVER;
  }
}

/**
 * This step's obligations, loan requests and loan ends. Each agent with an
 * obligation due pays it with probability equal to its reliability; a
 * blacklist with sanctions in force deters a share of the remaining defaults.
 */
export function financialRating(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.financial;
  if (!p.enabled) return;
  const { pop, state: st, counters } = m;
  const { neg, pos } = st;
  const K = m.K;
  const fin = SUB.financial;
  const court = SUB.court;

  // Obligations due.
  let count = m.collect(st.nextObligation, t);
  let ids = m.ids;
  let w = m.gather(STREAM.financial, t, count);
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    st.nextObligation[i] = nextAfter(t, unit(w[o]), obligationRate(m, i));
    if (st.detained[i]) continue;
    const g = pop.group[i];
    counters.add(COUNTER.obligations, g);
    const rel = pop.reliability[i];
    const u = unit(w[o + 1]);
    const covered = m.covered[i];
    m.fade(i, t);
    let paid = true;
    if (u < rel) {
      if (covered) {
        pos[i * K + fin] += 1;
        if (unit(w[o + 2]) < p.recordErrorRate) neg[i * K + fin] += 1;
      }
    } else if (covered && u < rel + (1 - rel) * p.deterrence * m.financialStakes) {
      pos[i * K + fin] += 1;
      counters.add(COUNTER.defaultsPrevented, g);
    } else {
      paid = false;
      counters.add(COUNTER.defaults, g);
      st.lastViolation[i] = t;
      if (covered) {
        neg[i * K + fin] += 1;
        if (unit(w[o + 2]) < p.judgmentShare) neg[i * K + court] += 1;
      }
    }
    recordTransaction(m, i, t, unit(w[o + 3]), paid);
    m.rescore(i, t);
  }

  // Loan requests: granted unless the loan sanction of M11 applies.
  count = m.collect(st.nextLoanRequest, t);
  ids = m.ids;
  w = m.gather(STREAM.financial, t, count, 1);
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    st.nextLoanRequest[i] = nextAfter(t, unit(w[o + 1]), p.loanRequestRate);
    if (st.detained[i] || st.loansOpen[i] >= p.maxLoans) continue;
    if (m.requestLoan(i, pop.group[i])) {
      st.loansOpen[i]++;
      st.nextObligation[i] = nextAfter(t, unit(w[o + 2]), obligationRate(m, i));
      st.nextLoanClose[i] = nextAfter(t, unit(w[o + 3]), st.loansOpen[i] / p.loanTerm);
    }
  }

  // Loans ending.
  count = m.collect(st.nextLoanClose, t);
  ids = m.ids;
  w = m.gather(STREAM.financial, t, count, 2);
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.loansOpen[i] > 0) st.loansOpen[i]--;
    const open = st.loansOpen[i];
    st.nextLoanClose[i] = open > 0 ? nextAfter(t, unit(w[o + 2]), open / p.loanTerm) : NEVER;
    st.nextObligation[i] = nextAfter(t, unit(w[o + 3]), obligationRate(m, i));
  }
}

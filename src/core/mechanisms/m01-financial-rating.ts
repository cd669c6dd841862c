import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SUB } from "../subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";

/**
 * M1 — Financial rating. Once a period (a monthly statement, on the agent's
 * own day) an agent owes
 * its bills and one instalment of each open loan; it meets each with
 * probability equal to its latent reliability, and defaults on the statement
 * if it misses any; every payment and
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
    statementInterval: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        "Steps between an agent's statements: the bills of the period and one instalment of each open loan, due on the agent's own day of the period (default 30: monthly, with daily steps).",
      ),
    loanRequestRate: z
      .number()
      .min(0)
      .max(1)
      .default(2 / 365)
      .describe("Probability per step of asking for a loan (default 2/365; modelling choice)."),
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

/** Draws every agent's first financial events from words[4i + word ..]. */
export function scheduleFinancial(m: ScsModel, words: Uint32Array): void {
  const p = m.scenario.mechanisms.financial;
  const st = m.state;
  for (let i = 0; i < m.n; i++) {
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

  // Statements due: every agent on its own day of the period (agents i ≡ t mod
  // the interval), which visits the columns at a fixed stride.
  let count = m.cohort(t, p.statementInterval);
  let ids = m.ids;
  let w = m.gather(STREAM.financial, t, count);
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.detained[i]) continue;
    const g = pop.group[i];
    counters.add(COUNTER.obligations, g);
    // A statement of 1 + loansOpen obligations, each met with probability = reliability.
    const rel = pop.reliability[i] ** (1 + st.loansOpen[i]);
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
  }
}

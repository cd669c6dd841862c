import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { SUB } from "../subsystems.js";

/**
 * M1 — Financial rating. Agents meet or default on obligations (bills and
 * loan instalments) according to their latent reliability; every payment and
 * every default becomes a record of the financial sub-system, and a share of
 * defaults become court judgments (records of the court sub-system, the
 * judgment-debtor list of calibration-facts.md §1).
 *
 * Deterrence: where a blacklist with sanctions is in force for the agent, a
 * share `deterrence` of the defaults it would have made are avoided (it pays
 * anyway). That is the benefit the system claims; `defaultsPrevented` counts it.
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
        "Share of would-be defaults avoided while a blacklist with sanctions is in force (default 0.3; modelling choice: before the court list >70% evaded enforcement, calibration-facts.md §1).",
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

export function financialRating(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.financial;
  if (!p.enabled) return;
  const { n, pop, state, counters } = m;
  const { neg, pos, loansOpen, lastViolation, detained } = state;
  const w = m.blocks(STREAM.financial, t, 0);
  const w2 = m.blocks(STREAM.financial, t, 1);
  const G = counters.groups;
  const cv = counters.v;
  const cObl = COUNTER.obligations * G;
  const cDef = COUNTER.defaults * G;
  const cPrev = COUNTER.defaultsPrevented * G;
  const U = 2.3283064365386963e-10;
  const billRate = p.billRate;
  const instRate = p.instalmentRate;
  const closeRate = 1 / p.loanTerm;
  const deterrence = p.deterrence;
  const judgment = p.judgmentShare;
  const err = p.recordErrorRate;
  const fin = SUB.financial;
  const court = SUB.court;
  const K = m.K;
  const deterred = m.deterredByList;
  for (let i = 0; i < n; i++) {
    if (detained[i]) continue;
    const o = i << 2;
    const g = pop.group[i];
    const open = loansOpen[i];
    // Obligations due this step: a bill, or an instalment of an open loan.
    if ((w[o] + 0.5) * U < billRate + instRate * open) {
      cv[cObl + g]++;
      const rel = pop.reliability[i];
      const u = (w[o + 1] + 0.5) * U;
      if (u < rel) {
        pos[i * K + fin] += 1;
        if ((w[o + 2] + 0.5) * U < err) neg[i * K + fin] += 1;
      } else if (deterred[i] && u < rel + (1 - rel) * deterrence) {
        pos[i * K + fin] += 1;
        cv[cPrev + g]++;
      } else {
        cv[cDef + g]++;
        neg[i * K + fin] += 1;
        lastViolation[i] = t;
        if ((w[o + 2] + 0.5) * U < judgment) neg[i * K + court] += 1;
      }
    }
    // Loans: a request goes through the loan sanction of M11; open loans end.
    if (open > 0 && (w2[o] + 0.5) * U < closeRate * open) loansOpen[i] = open - 1;
    if (open < p.maxLoans && (w[o + 3] + 0.5) * U < p.loanRequestRate) {
      if (m.requestLoan(i, g)) loansOpen[i]++;
    }
  }
}

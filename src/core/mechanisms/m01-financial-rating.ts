import { z } from "zod";
import { at, counted, metric, ratio } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, int, num, prob } from "../scenario/param.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SANCTION, SUB } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { rescore, running } from "./m05-subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";
import { requestLoan, sanctionTables } from "./m11-sanctions.js";
import { fadeRecords } from "./m16-records-retention.js";

/**
 * M1 — Financial rating. Once a period (a monthly statement, on the agent's
 * own day) an agent owes its bills and one instalment of each open loan; it
 * meets each with probability equal to its latent reliability, and defaults on
 * the statement if it misses any; every payment and every default becomes a
 * record of the financial sub-system, and a share of defaults become court
 * judgments (records of the court sub-system, the judgment-debtor list of
 * calibration-facts.md §1).
 *
 * Deterrence: where a blacklist with sanctions is in force for the agent, a
 * share `deterrence × stakes` of the defaults it would have made are avoided
 * (it pays anyway); the stakes of a financial listing grow with the
 * sanctions it brings (loan denial 0.5, each other sanction 0.1). That is the
 * benefit the system claims; `defaultsPrevented` counts it.
 */
export const financialParams = z
  .strictObject({
    enabled: bool(true, "Run M1"),
    statementInterval: int(
      30,
      "Steps between an agent's statements: the bills of the period and one instalment of each open loan, due on the agent's own day of the period",
      { min: 1, source: "monthly, with daily steps" },
    ),
    loanRequestRate: prob(2 / 365, "Probability per step of asking for a loan", {
      shown: "2/365",
      source: "modelling choice",
    }),
    loanTerm: num(365, "Mean life of a loan in steps", { positive: true }),
    maxLoans: int(3, "Most loans open at once", { min: 0, max: 255 }),
    deterrence: prob(
      0.3,
      "Share of would-be defaults avoided when a financial listing brings every sanction; scaled by the stakes of the listing",
      {
        source:
          "modelling choice: before the court list >70% evaded enforcement, calibration-facts.md §1",
      },
    ),
    judgmentShare: prob(0.25, "Share of defaults that become court judgments (court records)", {
      source: "modelling choice",
    }),
    recordErrorRate: prob(0.002, "Probability that a payment is wrongly recorded as a default", {
      source: "modelling choice: no published rate",
    }),
  })
  .describe(
    "M1: obligations repaid or defaulted by latent reliability; records feed the financial score.",
  );

export type FinancialParams = z.infer<typeof financialParams>;

const DRAWS = {
  firstLoan: {
    stream: STREAM.financial,
    at: "init",
    block: 0,
    lanes: { loanRequest: 1 },
    doc: "The first loan request.",
  },
  statement: {
    stream: STREAM.financial,
    at: "step",
    block: 0,
    lanes: { pay: 1, judgmentOrError: 2, cashless: 3 },
    doc: "A statement: paid or not; a record error or a court judgment; cash or cashless.",
  },
  loanRequest: {
    stream: STREAM.financial,
    at: "step",
    block: 1,
    lanes: { next: 1, close: 3 },
    doc: "A loan request: the next one, and when the granted loan closes.",
  },
  loanClose: {
    stream: STREAM.financial,
    at: "step",
    block: 2,
    lanes: { next: 2 },
    doc: "A loan closing: when the next open loan closes.",
  },
} as const;

/**
 * The stakes of a financial (court or credit) listing, 0..1: how much of the
 * deterrence is in force. Loan denial weighs 0.5, each other sanction a
 * listing brings 0.1 (a modelling choice: a credit bureau deters, joint
 * punishment deters more).
 */
function stakesOfFinancialListing(b: WorldBase): number {
  const { triggers, fromTier } = sanctionTables(b.params.sanctions);
  const fin = (1 << SUB.court) | (1 << SUB.financial);
  let on = 0;
  for (const k of running(b.params.subsystems)) on |= 1 << k;
  if (!(on & fin)) return 0;
  let stakes = 0;
  for (let s = 0; s < triggers.length; s++) {
    if (fromTier[s] <= 3 || triggers[s] & fin & on) stakes += s === SANCTION.loan ? 0.5 : 0.1;
  }
  return Math.min(1, stakes);
}

/** Draws every agent's first financial events. */
function init(w: World): void {
  const p = w.params.financial;
  const st = w.state;
  const words = w.rng.fill(DRAWS.firstLoan, 0);
  const L = DRAWS.firstLoan.lanes.loanRequest;
  for (let i = 0; i < w.n; i++) {
    st.nextLoanRequest[i] = p.enabled
      ? nextAfter(0, unit(words[4 * i + L]), p.loanRequestRate)
      : NEVER;
    st.nextLoanClose[i] = NEVER;
  }
}

/**
 * This step's obligations, loan requests and loan ends. Each agent with an
 * obligation due pays it with probability equal to its reliability; a
 * blacklist with sanctions in force deters a share of the remaining defaults.
 */
function financialRating(w: World, t: number): void {
  const p = w.params.financial;
  if (!p.enabled) return;
  const { pop, state: st, count, sched, K } = w;
  const { neg, pos, covered } = st;
  const fin = SUB.financial;
  const court = SUB.court;
  const stakes = w.tables.M1.stakes;

  // Statements due: every agent on its own day of the period, which visits
  // the columns in runs.
  const S = DRAWS.statement.lanes;
  let n = sched.cohort(t, p.statementInterval);
  let ids = sched.ids;
  let wd = w.rng.gather(DRAWS.statement, t, n);
  for (let j = 0; j < n; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.detained[i]) continue;
    const g = pop.group[i];
    count.obligations[g]++;
    // A statement of 1 + loansOpen obligations, each met with probability = reliability.
    const rel = pop.reliability[i] ** (1 + st.loansOpen[i]);
    const u = unit(wd[o + S.pay]);
    const cov = covered[i];
    fadeRecords(w, i, t);
    let paid = true;
    if (u < rel) {
      if (cov) {
        pos[i * K + fin] += 1;
        if (unit(wd[o + S.judgmentOrError]) < p.recordErrorRate) neg[i * K + fin] += 1;
      }
    } else if (cov && u < rel + (1 - rel) * p.deterrence * stakes) {
      pos[i * K + fin] += 1;
      count.defaultsPrevented[g]++;
    } else {
      paid = false;
      count.defaults[g]++;
      st.lastViolation[i] = t;
      if (cov) {
        neg[i * K + fin] += 1;
        if (unit(wd[o + S.judgmentOrError]) < p.judgmentShare) neg[i * K + court] += 1;
      }
    }
    recordTransaction(w, i, t, unit(wd[o + S.cashless]), paid);
    rescore(w, i, t);
  }

  // Loan requests: granted unless the loan sanction of M11 applies.
  const R = DRAWS.loanRequest.lanes;
  n = sched.collect(st.nextLoanRequest, t);
  ids = sched.ids;
  wd = w.rng.gather(DRAWS.loanRequest, t, n);
  for (let j = 0; j < n; j++) {
    const i = ids[j];
    const o = j << 2;
    st.nextLoanRequest[i] = nextAfter(t, unit(wd[o + R.next]), p.loanRequestRate);
    if (st.detained[i] || st.loansOpen[i] >= p.maxLoans) continue;
    if (requestLoan(w, i, pop.group[i])) {
      st.loansOpen[i]++;
      st.nextLoanClose[i] = nextAfter(t, unit(wd[o + R.close]), st.loansOpen[i] / p.loanTerm);
    }
  }

  // Loans ending.
  const C = DRAWS.loanClose.lanes;
  n = sched.collect(st.nextLoanClose, t);
  ids = sched.ids;
  wd = w.rng.gather(DRAWS.loanClose, t, n);
  for (let j = 0; j < n; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.loansOpen[i] > 0) st.loansOpen[i]--;
    const open = st.loansOpen[i];
    st.nextLoanClose[i] = open > 0 ? nextAfter(t, unit(wd[o + C.next]), open / p.loanTerm) : NEVER;
  }
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { financial: financialParams };

export const mechanism = defineMechanism({
  id: "M1",
  title: "Financial rating",
  article: {
    de: "Bereits in den 90er Jahren begann der chinesische Staat Finanz-Rating-Systeme zu etablieren, die die Kreditwürdigkeit seiner Bürger ermitteln sollten.",
    en: "As early as the 1990s the Chinese state began to establish financial rating systems meant to determine its citizens' creditworthiness.",
  },
  params,
  columns: {
    nextLoanRequest: col.event("Step of the agent's next loan request."),
    nextLoanClose: col.event("Step at which one of the agent's open loans closes next."),
    loansOpen: col.u8("Loans the agent has open."),
  },
  counters: {
    obligations: { doc: "Statements due (agents with obligations due) this step." },
    defaults: { doc: "Statements defaulted on this step." },
    defaultsPrevented: {
      doc: "Would-be defaults the system deterred this step (the agent paid anyway).",
    },
  },
  draws: DRAWS,
  prepare: (b: WorldBase) => ({ stakes: stakesOfFinancialListing(b) }),
  metrics: {
    default_rate: metric(
      "Defaults / obligations due this step.",
      (w, grp): number => ratio(at(w.count.defaults, grp), at(w.count.obligations, grp)),
      { title: "Default rate", yLabel: "defaults / obligations due" },
    ),
    obligations: counted("obligations", "Statements due this step."),
    defaults: counted("defaults", "Statements defaulted on this step."),
    defaults_prevented: counted(
      "defaultsPrevented",
      "Would-be defaults deterred this step (the agent paid anyway).",
    ),
  },
  steps: { init, financialRating },
});

import { z } from "zod";
import { at, counted, metric, ratio } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, int, num, prob } from "../scenario/param.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SUB, SUBSYSTEMS } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { rescore, running } from "./m05-subsystems.js";
import { recordTransaction } from "./m06-payment-platform.js";
import { monthlyListingCost, requestLoan } from "./m11-sanctions.js";
import { clearRecords, fadeRecords } from "./m16-records-retention.js";

/**
 * M1 — Financial rating. Once a period (a monthly statement, on the agent's
 * own day) an agent owes its bills and the instalments of its loans, one
 * statement whatever it has borrowed: loans matter as what a list can deny
 * (M11), not as the size of the statement, so that rationing credit has no
 * screening effect here and the benefit of a design is what its sanctions
 * make agents do (the screening benefit of credit bureaus, of the order of
 * 2 percentage points fewer arrears in Guatemala, Luoto, McIntosh and Wydick
 * 2007, is outside the model).
 *
 * Whether it pays is two things, kept apart as the SPC now keeps "incapable"
 * (失能) and "dishonest" (失信) debtors apart (calibration-facts.md §1):
 *
 * - **Inability**, a shock: the agent can pay the statement with probability
 *   equal to its reliability r_i. Unable, it defaults whatever the system.
 * - **Strategic default**, a decision: able to pay, it defaults anyway with
 *   probability s_i · exp(−deterrence · E_i), where s_i is its propensity
 *   (population.strategy) and E_i the cost of defaulting it expects, in units
 *   of one statement: for every running sub-system k that would record this
 *   default, the probability it perceives that the default gets it listed in
 *   k, times what the listing would cost it — the sanctions the listing brings
 *   (directly, by joint punishment with probability `integration.level`, or
 *   by tier), each valued by what the agent itself needs (loans; flights and
 *   trains by its own travel propensity; school if it has a child; jobs;
 *   social media), over the listing's term. The agent perceives the
 *   probability from what it can see: whether the system covers it, its own
 *   records and the published threshold (a default that reaches the threshold
 *   lists it for sure; one that leaves it g records short counts
 *   `foresight`^g), and the share of such defaults the sub-system records.
 *   A listed agent risks no new listing in that sub-system: it has less to
 *   lose.
 *
 * With no system, or with sanctions nobody values, E_i = 0 and agents default
 * as their propensity says: the benefit of a system is measured against that
 * counterfactual (the no-system preset, on common seeds), never counted here.
 *
 * Paying off (court list): where a sub-system delists on payment
 * (`delistOnPayment`, the court list's rule: deleted within 3 working days of
 * performance), a listed agent that can pay what it owes there — A_i, its
 * negative records there times `judgmentDebt` for the court (a judgment
 * orders a sum, not a month's bills), and its records for other lists; it can
 * in a given month with probability min(1, saving / A_i) — settles with probability
 * 1 − exp(−deterrence · (R_i − A_i)) at each statement, R_i the sanctions a
 * full term would bring (unpaid, the listing is renewed at each review). Paid off, its records there are
 * cleared and the listing ends. Fragile debtors cannot pay (the SPC's
 * "incapable" debtors); the others weigh it.
 *
 * Every payment and default is a record of the financial sub-system; a share
 * of defaults become court judgments (records of the court sub-system).
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
    loanTerm: num(365, "Mean life of a loan in steps", {
      positive: true,
      source: "modelling choice: a one-year consumer loan",
    }),
    maxLoans: int(3, "Most loans open at once", { min: 0, max: 255, source: "modelling choice" }),
    deterrence: num(
      1,
      "Weight of the expected cost of defaulting (in statements) in the decision to default strategically or to pay off a listing: 0 = agents ignore what the system would do to them",
      {
        min: 0,
        source:
          "calibrated: with the court list's sanctions about a fifth of listed debtors pay off within months (China Daily 2014: 20% of the listed within about 4 months; 23–27% cumulative to 2018)",
      },
    ),
    foresight: prob(
      0.5,
      "How much a default that leaves an agent g records short of a listing weighs, per missing record (foresight^g)",
      { source: "modelling choice" },
    ),
    saving: num(
      0.45,
      "What an agent able to pay its statement can set aside in a month toward a debt, in statements: it can raise a sum A in a given month with probability min(1, saving / A)",
      {
        min: 0,
        source:
          "calibrated with the fragmented preset: listed debtors leave the court list at about 0.33 a year (2.8 million exits against 8.5 million listed, 2024, SPC via People's Daily)",
      },
    ),
    judgmentDebt: num(
      12,
      "What a court judgment orders paid, in monthly statements: paying off a court listing means paying it at once",
      {
        min: 1,
        source:
          "modelling choice: 59.6% of enforcement cases at one court were under 100,000 yuan (Zhangqiu People's Court 2018), of the order of a year of income",
      },
    ),
    judgmentShare: prob(
      0.007,
      "Share of defaults that become enforced court judgments (court records)",
      {
        source:
          "calibrated with the fragmented preset: new court listings 0.2-0.35% of adults a year (2.3-3.9 million a year against about 1.1 billion adults, calibration-facts.md)",
      },
    ),
    recordErrorRate: prob(0.002, "Probability that a payment is wrongly recorded as a default", {
      source: "modelling choice: no published rate",
    }),
  })
  .describe(
    "M1: obligations paid or defaulted, by inability (a shock) or by choice (weighing the expected cost of a listing); records feed the financial score.",
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
    lanes: { strategic: 0, able: 1, judgmentOrError: 2, cashless: 3 },
    doc: "A statement: defaulted strategically or not; able to pay or not; a record error or a court judgment; cash or cashless.",
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
  payOff: {
    stream: STREAM.financial,
    at: "step",
    words: [{ start: 12, stride: 1, count: SUBSYSTEMS.length }],
    doc: "Word 12 + k: whether a listed agent pays off its arrears in sub-system k to be delisted.",
  },
} as const;

/**
 * What the system does with a default, per sub-system k, as an agent can
 * know it: the probability that k records it (financial: always; court: the
 * share that become judgments; platform and, if shared, municipal: the
 * cashless share), the list threshold, the listing's term in statements and
 * what a month listed costs (M11's monthly listing cost).
 */
function prepare(b: WorldBase) {
  const p = b.params;
  const on = running(p.subsystems);
  const cost = monthlyListingCost(p.sanctions, on, p.integration.level);
  const record = new Float64Array(SUBSYSTEMS.length);
  const runs = (k: number) => on.includes(k);
  if (runs(SUB.financial)) record[SUB.financial] = 1;
  if (runs(SUB.court)) record[SUB.court] = p.financial.judgmentShare;
  if (runs(SUB.platform)) {
    record[SUB.platform] = p.platform.cashlessShare;
    if (p.platform.shareWithState && runs(SUB.municipal))
      record[SUB.municipal] = p.platform.cashlessShare;
  }
  const months = Float64Array.from(
    SUBSYSTEMS,
    (s) => p.subsystems[s].listTerm / p.financial.statementInterval,
  );
  const threshold = Float64Array.from(SUBSYSTEMS, (s) => p.subsystems[s].listThreshold);
  const payOff = Uint8Array.from(SUBSYSTEMS, (s, k) =>
    runs(k) && p.subsystems[s].delistOnPayment ? 1 : 0,
  );
  // Sub-systems a default can list the agent in, with sanctions that cost it something.
  const deter = Int32Array.from(
    [...on].filter((k) => record[k] > 0 && cost.base[k] + cost.travel[k] + cost.child[k] > 0),
  );
  return { cost, record, months, threshold, payOff, deter };
}

/**
 * The cost agent i expects, in statements, of defaulting now: for each
 * sub-system that would record the default and sanction a listing, the
 * probability it perceives that this default lists it there (it knows its own
 * records and the published threshold; `foresight` per record still missing),
 * times what the listing would cost it over its term.
 */
export function expectedDefaultCost(w: World, i: number, t: number): number {
  const m1 = w.tables.M1;
  const { neg, listedUntil } = w.state;
  const foresight = w.params.financial.foresight;
  const travel = w.pop.travel[i];
  const child = w.pop.hasChild[i];
  const { base, travel: tc, child: cc } = m1.cost;
  let e = 0;
  for (let q = 0; q < m1.deter.length; q++) {
    const k = m1.deter[q];
    const j = i * w.K + k;
    if (listedUntil[j] > t) continue; // already listed there: nothing more to lose
    const missing = m1.threshold[k] - 0.5 - neg[j] - 1;
    const reach = missing <= 0 ? 1 : foresight ** Math.ceil(missing);
    e += m1.record[k] * reach * m1.months[k] * (base[k] + tc[k] * travel + cc[k] * child);
  }
  return e;
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
 * A listed agent able to pay may pay off its arrears in a sub-system that
 * delists on payment: it does with probability 1 − exp(−deterrence · (R − A)),
 * R the sanctions it would still bear until the listing ends, A its arrears.
 * Paid off, its records there are cleared and the listing ends now.
 */
function payOff(w: World, i: number, t: number): boolean {
  const m1 = w.tables.M1;
  const { neg, listedUntil } = w.state;
  const { base, travel: tc, child: cc } = m1.cost;
  const rng = w.rng.stream(DRAWS.payOff);
  let paid = false;
  const p = w.params.financial;
  for (let k = 0; k < w.K; k++) {
    const j = i * w.K + k;
    if (!m1.payOff[k] || listedUntil[j] <= t) continue;
    const owed = neg[j] * (k === SUB.court ? p.judgmentDebt : 1);
    // A listing shared by joint punishment, with no debt of its own there, cannot be paid off.
    if (owed < 0.5) continue;
    // Unpaid, the listing is renewed at each review: it expects a full term more.
    const gain =
      m1.months[k] * (base[k] + tc[k] * w.pop.travel[i] + cc[k] * w.pop.hasChild[i]) - owed;
    if (gain <= 0) continue;
    // It pays when it can raise what it owes and weighing the sanctions says so.
    const can = owed > 0 ? Math.min(1, p.saving / owed) : 1;
    if (rng.u01(t, i, 12 + k) >= can * (1 - Math.exp(-p.deterrence * gain))) continue;
    clearRecords(w, j);
    listedUntil[j] = t;
    w.count.paidOff[w.pop.group[i]]++;
    paid = true;
  }
  return paid;
}

/**
 * This step's statements, loan requests and loan ends. Unable to pay, an
 * agent defaults; able, it defaults strategically with probability
 * s_i · exp(−deterrence · expected cost), and may first pay off a listing.
 */
function financialRating(w: World, t: number): void {
  const p = w.params.financial;
  if (!p.enabled) return;
  const { pop, state: st, count, sched, K } = w;
  const { neg, pos, covered } = st;
  const fin = SUB.financial;
  const court = SUB.court;
  const k = p.deterrence;
  const m1 = w.tables.M1;
  const anyPayOff = m1.payOff.some((x) => x === 1);

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
    // The agent can pay the statement with probability r_i.
    const able = unit(wd[o + S.able]) < pop.reliability[i];
    const cov = covered[i];
    fadeRecords(w, i, t);
    if (able && cov && anyPayOff && st.listed[i]) payOff(w, i, t);
    let paid = able;
    if (able) {
      const e = cov && m1.deter.length > 0 ? expectedDefaultCost(w, i, t) : 0;
      if (unit(wd[o + S.strategic]) < pop.strategy[i] * Math.exp(-k * e)) {
        paid = false;
        count.strategicDefaults[g]++;
      }
    }
    if (paid) {
      if (cov) {
        pos[i * K + fin] += 1;
        if (unit(wd[o + S.judgmentOrError]) < p.recordErrorRate) {
          neg[i * K + fin] += 1;
          st.negError[i * K + fin] += 1;
        }
      }
    } else {
      count.defaults[g]++;
      st.lastViolation[i] = t;
      st.lastDefault[i] = t;
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
    lastDefault: col.i32("Step of the agent's last default (for inability or by choice).", {
      fill: -1_000_000_000,
    }),
  },
  counters: {
    obligations: { doc: "Statements due (agents with obligations due) this step." },
    defaults: { doc: "Statements defaulted on this step, for inability or by choice." },
    strategicDefaults: { doc: "Statements defaulted on this step by agents able to pay." },
    paidOff: { doc: "Listings ended this step because the agent paid off its arrears." },
  },
  draws: DRAWS,
  prepare,
  metrics: {
    default_rate: metric(
      "Defaults / obligations due this step.",
      (w, grp): number => ratio(at(w.count.defaults, grp), at(w.count.obligations, grp)),
      { title: "Default rate", yLabel: "defaults / obligations due" },
    ),
    obligations: counted("obligations", "Statements due this step."),
    defaults: counted("defaults", "Statements defaulted on this step (inability and choice)."),
    strategic_defaults: counted(
      "strategicDefaults",
      "Statements defaulted on this step by agents able to pay (by choice).",
    ),
    paid_off: counted("paidOff", "Listings ended this step by paying off the arrears."),
  },
  steps: { init, financialRating },
});

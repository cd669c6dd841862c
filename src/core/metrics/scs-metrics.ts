import { ATTEMPTS, COUNTER, DENIED } from "../counters.js";
import type { ScsModel } from "../model.js";
import { SANCTIONS } from "../subsystems.js";

/**
 * The metrics of the social credit system model, recorded every step for grp
 * "all" and for each group. Shares are of the agents of that grp; `denied_*`
 * and `attempts_*` count attempts of this step (not persons); `ties_cut` is
 * cumulative. A share with an empty denominator is NaN and not stored.
 */
export const SCS_METRICS = [
  "latent_dissent",
  "expressed_dissent",
  "chilling",
  "protest",
  "listed",
  "wrongly_listed",
  "list_precision",
  "detained",
  ...SANCTIONS.map((s) => `denied_${s}`),
  "mean_score",
  "top_tier_share",
  "approval_private",
  "approval_expressed",
  "default_rate",
  "ties_cut",
  "listed_degree",
  "participation",
  // More than the required set:
  ...SANCTIONS.map((s) => `attempts_${s}`),
  "obligations",
  "defaults",
  "defaults_prevented",
  "new_listings",
  "sanctions_per_listed",
  "transactions_observed_share",
  "false_matches",
  "records_corrected",
  "new_detentions",
  "perceived_risk",
] as const;

export type ScsMetric = (typeof SCS_METRICS)[number];

const IDX = Object.fromEntries(SCS_METRICS.map((m, i) => [m, i])) as Record<ScsMetric, number>;

// Per-group sums the recorder accumulates in one pass over the agents.
const S = {
  count: 0,
  latent: 1,
  expressed: 2,
  protest: 3,
  listed: 4,
  wrongly: 5,
  detained: 6,
  score: 7,
  top: 8,
  approval: 9,
  approvalExpressed: 10,
  listedDegree: 11,
  participating: 12,
  distinctSanctions: 13,
  risk: 14,
} as const;
const NS = 15;

/** Scratch and cumulative totals of the recorder; allocated once per model. */
export class ScsMetricState {
  readonly sums: Float64Array;
  readonly tiesCut: Float64Array;
  constructor(m: ScsModel) {
    this.sums = new Float64Array(NS * (m.counters.groups + 1));
    this.tiesCut = new Float64Array(m.counters.groups + 1);
  }
}

export function recordScsMetrics(m: ScsModel, t: number): void {
  const { n, pop, state, counters, graph } = m;
  const ms = m.metricTotals;
  const G = counters.groups;
  const W = G + 1;
  const sums = ms.sums;
  sums.fill(0);
  const window = m.scenario.metrics.violationWindow;
  const { offsets, targets } = graph;
  const edgeActive = m.edgeActive;
  const nSanctions = SANCTIONS.length;
  for (let i = 0; i < n; i++) {
    const b = (pop.group[i] + 1) * NS;
    sums[b + S.count]++;
    sums[b + S.latent] += state.latent[i];
    sums[b + S.expressed] += state.expressed[i];
    sums[b + S.protest] += state.protest[i];
    sums[b + S.detained] += state.detained[i];
    sums[b + S.score] += state.combined[i];
    if (state.tier[i] === 0) sums[b + S.top]++;
    if (state.approval[i] >= 0.5) sums[b + S.approval]++;
    sums[b + S.approvalExpressed] += state.approvalExpressed[i];
    sums[b + S.participating] += state.participating[i];
    sums[b + S.risk] += state.perceivedRisk[i];
    if (state.listed[i]) {
      sums[b + S.listed]++;
      if (t - state.lastViolation[i] > window) sums[b + S.wrongly]++;
      let d = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        if (edgeActive[e] && !state.detained[targets[e]]) d++;
      }
      sums[b + S.listedDegree] += d;
      let ds = 0;
      for (let s = 0; s < nSanctions; s++) if (m.sanctioned(i, s)) ds++;
      sums[b + S.distinctSanctions] += ds;
    }
  }
  for (let g = 1; g < W; g++) {
    for (let s = 0; s < NS; s++) sums[s] += sums[g * NS + s];
    ms.tiesCut[g] += counters.get(COUNTER.tiesCut, g - 1);
  }
  ms.tiesCut[0] += counters.total(COUNTER.tiesCut);

  const tab = m.metrics;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  for (let w = 0; w < W; w++) {
    const b = w * NS;
    const cnt = sums[b + S.count];
    const listed = sums[b + S.listed];
    const c = (k: number) => (w === 0 ? counters.total(k) : counters.get(k, w - 1));
    tab.set(t, IDX.latent_dissent, w, ratio(sums[b + S.latent], cnt));
    tab.set(t, IDX.expressed_dissent, w, ratio(sums[b + S.expressed], cnt));
    tab.set(
      t,
      IDX.chilling,
      w,
      sums[b + S.latent] > 0 ? 1 - sums[b + S.expressed] / sums[b + S.latent] : Number.NaN,
    );
    tab.set(t, IDX.protest, w, ratio(sums[b + S.protest], cnt));
    tab.set(t, IDX.listed, w, ratio(listed, cnt));
    tab.set(t, IDX.wrongly_listed, w, ratio(sums[b + S.wrongly], cnt));
    tab.set(t, IDX.list_precision, w, ratio(listed - sums[b + S.wrongly], listed));
    tab.set(t, IDX.detained, w, ratio(sums[b + S.detained], cnt));
    for (let s = 0; s < nSanctions; s++) {
      tab.set(t, IDX.denied_flight + s, w, c(DENIED + s));
      tab.set(t, IDX.attempts_flight + s, w, c(ATTEMPTS + s));
    }
    tab.set(t, IDX.mean_score, w, ratio(sums[b + S.score], cnt));
    tab.set(t, IDX.top_tier_share, w, ratio(sums[b + S.top], cnt));
    tab.set(t, IDX.approval_private, w, ratio(sums[b + S.approval], cnt));
    tab.set(t, IDX.approval_expressed, w, ratio(sums[b + S.approvalExpressed], cnt));
    tab.set(t, IDX.default_rate, w, ratio(c(COUNTER.defaults), c(COUNTER.obligations)));
    tab.set(t, IDX.ties_cut, w, ms.tiesCut[w]);
    tab.set(t, IDX.listed_degree, w, ratio(sums[b + S.listedDegree], listed));
    tab.set(t, IDX.participation, w, ratio(sums[b + S.participating], cnt));
    tab.set(t, IDX.obligations, w, c(COUNTER.obligations));
    tab.set(t, IDX.defaults, w, c(COUNTER.defaults));
    tab.set(t, IDX.defaults_prevented, w, c(COUNTER.defaultsPrevented));
    tab.set(t, IDX.new_listings, w, c(COUNTER.newListings));
    tab.set(t, IDX.sanctions_per_listed, w, ratio(sums[b + S.distinctSanctions], listed));
    tab.set(
      t,
      IDX.transactions_observed_share,
      w,
      ratio(c(COUNTER.transactionsObserved), c(COUNTER.transactions)),
    );
    tab.set(t, IDX.false_matches, w, c(COUNTER.falseMatches));
    tab.set(t, IDX.records_corrected, w, c(COUNTER.recordsCorrected));
    tab.set(t, IDX.new_detentions, w, c(COUNTER.newDetentions));
    tab.set(t, IDX.perceived_risk, w, ratio(sums[b + S.risk], cnt));
  }
  tab.recorded = t + 1;
}

import { ATTEMPTS, COUNTER, DENIED } from "../counters.js";
import { RISK_UNIT } from "../mechanisms/m17-dissent.js";
import type { ScsModel } from "../model.js";
import { SANCTIONS } from "../subsystems.js";
import { TALLY } from "../tally.js";

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
  "online_posts",
  "offline_posts",
] as const;

export type ScsMetric = (typeof SCS_METRICS)[number];

const IDX = Object.fromEntries(SCS_METRICS.map((m, i) => [m, i])) as Record<ScsMetric, number>;

// Per-grp count of the wrongly listed, gathered in one pass (grp 0 = all).
const L_WRONG = 0;
const NL = 1;

/** Scratch and cumulative totals of the recorder; allocated once per model. */
export class ScsMetricState {
  readonly listedSums: Float64Array;
  readonly tiesCut: Float64Array;
  constructor(groups: number) {
    this.listedSums = new Float64Array(NL * (groups + 1));
    this.tiesCut = new Float64Array(groups + 1);
  }
}

const scratch = new WeakMap<ScsModel, ScsMetricState>();

/**
 * Records row t of the metrics. Shares come from the model's tallies, kept up
 * to date by the mechanisms (O(groups)); only the listed agents are visited,
 * for the measures that depend on time or on their ties.
 */
export function recordScsMetrics(m: ScsModel, t: number): void {
  const { n, pop, state, counters, tally } = m;
  let ms = scratch.get(m);
  if (ms === undefined) {
    ms = new ScsMetricState(counters.groups);
    scratch.set(m, ms);
  }
  const G = counters.groups;
  const W = G + 1;
  const ls = ms.listedSums;
  ls.fill(0);
  const window = m.scenario.metrics.violationWindow;
  const listed = state.listed;
  const last = state.lastViolation;
  const group = pop.group;
  // Only "wrongly listed" depends on time passing; the rest come from tallies.
  for (let i = 0; i < n; i++) {
    if (listed[i] && t - last[i] > window) ls[(group[i] + 1) * NL + L_WRONG]++;
  }
  for (let g = 1; g < W; g++) {
    for (let k = 0; k < NL; k++) ls[k] += ls[g * NL + k];
    ms.tiesCut[g] += counters.get(COUNTER.tiesCut, g - 1);
  }
  ms.tiesCut[0] += counters.total(COUNTER.tiesCut);

  const tab = m.metrics;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  for (let w = 0; w < W; w++) {
    const tl = (k: number) => (w === 0 ? tally.total(k) : tally.get(k, w - 1));
    const c = (k: number) => (w === 0 ? counters.total(k) : counters.get(k, w - 1));
    const cnt = tl(TALLY.count);
    const nListed = tl(TALLY.listed);
    const wrong = ls[w * NL + L_WRONG];
    const latent = tl(TALLY.latent);
    const expressed = tl(TALLY.expressed);
    tab.set(t, IDX.latent_dissent, w, ratio(latent, cnt));
    tab.set(t, IDX.expressed_dissent, w, ratio(expressed, cnt));
    tab.set(t, IDX.chilling, w, latent > 0 ? 1 - expressed / latent : Number.NaN);
    tab.set(t, IDX.protest, w, ratio(tl(TALLY.protest), cnt));
    tab.set(t, IDX.listed, w, ratio(tl(TALLY.listed), cnt));
    tab.set(t, IDX.wrongly_listed, w, ratio(wrong, cnt));
    tab.set(t, IDX.list_precision, w, ratio(nListed - wrong, nListed));
    tab.set(t, IDX.detained, w, ratio(tl(TALLY.detained), cnt));
    for (let s = 0; s < SANCTIONS.length; s++) {
      tab.set(t, IDX.denied_flight + s, w, c(DENIED + s));
      tab.set(t, IDX.attempts_flight + s, w, c(ATTEMPTS + s));
    }
    tab.set(t, IDX.mean_score, w, ratio(tl(TALLY.scoreSum), cnt));
    tab.set(t, IDX.top_tier_share, w, ratio(tl(TALLY.top), cnt));
    tab.set(t, IDX.approval_private, w, ratio(tl(TALLY.approval), cnt));
    tab.set(t, IDX.approval_expressed, w, ratio(tl(TALLY.approvalExpressed), cnt));
    tab.set(t, IDX.default_rate, w, ratio(c(COUNTER.defaults), c(COUNTER.obligations)));
    tab.set(t, IDX.ties_cut, w, ms.tiesCut[w]);
    tab.set(t, IDX.listed_degree, w, ratio(tl(TALLY.listedTies), nListed));
    tab.set(t, IDX.participation, w, ratio(tl(TALLY.participating), cnt));
    tab.set(t, IDX.obligations, w, c(COUNTER.obligations));
    tab.set(t, IDX.defaults, w, c(COUNTER.defaults));
    tab.set(t, IDX.defaults_prevented, w, c(COUNTER.defaultsPrevented));
    tab.set(t, IDX.new_listings, w, c(COUNTER.newListings));
    tab.set(t, IDX.sanctions_per_listed, w, ratio(tl(TALLY.listedSanctions), nListed));
    tab.set(
      t,
      IDX.transactions_observed_share,
      w,
      ratio(c(COUNTER.transactionsObserved), c(COUNTER.transactions)),
    );
    tab.set(t, IDX.false_matches, w, c(COUNTER.falseMatches));
    tab.set(t, IDX.records_corrected, w, c(COUNTER.recordsCorrected));
    tab.set(t, IDX.new_detentions, w, c(COUNTER.newDetentions));
    tab.set(t, IDX.perceived_risk, w, ratio(tl(TALLY.riskSum) / RISK_UNIT, cnt));
    const posts = (k: number) =>
      w === 0
        ? m.posts.reduce((a, v, j) => ((j & 1) === k ? a + v : a), 0)
        : m.posts[2 * (w - 1) + k];
    tab.set(t, IDX.online_posts, w, posts(0));
    tab.set(t, IDX.offline_posts, w, posts(1));
  }
  tab.recorded = t + 1;
}

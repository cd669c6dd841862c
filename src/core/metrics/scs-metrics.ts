import { ATTEMPTS, COUNTER, DENIED } from "../counters.js";
import { RISK_UNIT } from "../mechanisms/m17-dissent.js";
import type { ScsModel } from "../model.js";
import { SANCTIONS, SUBSYSTEMS } from "../subsystems.js";
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
  ...SUBSYSTEMS.map((k) => `new_listings_${k}`),
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
  for (let w = 0; w < W; w++) {
    const cnt = tl(tally, w, TALLY.count);
    const nListed = tl(tally, w, TALLY.listed);
    const wrong = ls[w * NL + L_WRONG];
    const latent = tl(tally, w, TALLY.latent);
    const expressed = tl(tally, w, TALLY.expressed);
    tab.set(t, IDX.latent_dissent, w, ratio(latent, cnt));
    tab.set(t, IDX.expressed_dissent, w, ratio(expressed, cnt));
    tab.set(t, IDX.chilling, w, latent > 0 ? 1 - expressed / latent : Number.NaN);
    tab.set(t, IDX.protest, w, ratio(tl(tally, w, TALLY.protest), cnt));
    tab.set(t, IDX.listed, w, ratio(tl(tally, w, TALLY.listed), cnt));
    tab.set(t, IDX.wrongly_listed, w, ratio(wrong, cnt));
    tab.set(t, IDX.list_precision, w, ratio(nListed - wrong, nListed));
    tab.set(t, IDX.detained, w, ratio(tl(tally, w, TALLY.detained), cnt));
    for (let s = 0; s < SANCTIONS.length; s++) {
      tab.set(t, IDX.denied_flight + s, w, ct(counters, w, DENIED + s));
      tab.set(t, IDX.attempts_flight + s, w, ct(counters, w, ATTEMPTS + s));
    }
    tab.set(t, IDX.mean_score, w, ratio(tl(tally, w, TALLY.scoreSum), cnt));
    tab.set(t, IDX.top_tier_share, w, ratio(tl(tally, w, TALLY.top), cnt));
    tab.set(t, IDX.approval_private, w, ratio(tl(tally, w, TALLY.approval), cnt));
    tab.set(t, IDX.approval_expressed, w, ratio(tl(tally, w, TALLY.approvalExpressed), cnt));
    tab.set(
      t,
      IDX.default_rate,
      w,
      ratio(ct(counters, w, COUNTER.defaults), ct(counters, w, COUNTER.obligations)),
    );
    tab.set(t, IDX.ties_cut, w, ms.tiesCut[w]);
    tab.set(t, IDX.listed_degree, w, ratio(tl(tally, w, TALLY.listedTies), nListed));
    tab.set(t, IDX.participation, w, ratio(tl(tally, w, TALLY.participating), cnt));
    tab.set(t, IDX.obligations, w, ct(counters, w, COUNTER.obligations));
    tab.set(t, IDX.defaults, w, ct(counters, w, COUNTER.defaults));
    tab.set(t, IDX.defaults_prevented, w, ct(counters, w, COUNTER.defaultsPrevented));
    tab.set(t, IDX.new_listings, w, ct(counters, w, COUNTER.newListings));
    for (let k = 0; k < SUBSYSTEMS.length; k++) {
      tab.set(
        t,
        IDX.new_listings_court + k,
        w,
        ct(counters, w, COUNTER.newListingsBySubsystem + k),
      );
    }
    tab.set(t, IDX.sanctions_per_listed, w, ratio(tl(tally, w, TALLY.listedSanctions), nListed));
    tab.set(
      t,
      IDX.transactions_observed_share,
      w,
      ratio(ct(counters, w, COUNTER.transactionsObserved), ct(counters, w, COUNTER.transactions)),
    );
    tab.set(t, IDX.false_matches, w, ct(counters, w, COUNTER.falseMatches));
    tab.set(t, IDX.records_corrected, w, ct(counters, w, COUNTER.recordsCorrected));
    tab.set(t, IDX.new_detentions, w, ct(counters, w, COUNTER.newDetentions));
    tab.set(t, IDX.perceived_risk, w, ratio(tl(tally, w, TALLY.riskSum) / RISK_UNIT, cnt));
    tab.set(t, IDX.online_posts, w, posts(m.posts, w, 0));
    tab.set(t, IDX.offline_posts, w, posts(m.posts, w, 1));
  }
  tab.recorded = t + 1;
}

// Helpers of the recorder: plain functions, so recording a step allocates nothing.

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}

/** A tally for grp w (0 = all, g + 1 = group g). */
function tl(tally: ScsModel["tally"], w: number, k: number): number {
  return w === 0 ? tally.total(k) : tally.get(k, w - 1);
}

/** This step's counter for grp w. */
function ct(counters: ScsModel["counters"], w: number, k: number): number {
  return w === 0 ? counters.total(k) : counters.get(k, w - 1);
}

/** Posts online (k = 0) or offline (k = 1) this step, for grp w. */
function posts(p: Float64Array, w: number, k: number): number {
  if (w > 0) return p[2 * (w - 1) + k];
  let sum = 0;
  for (let j = k; j < p.length; j += 2) sum += p[j];
  return sum;
}

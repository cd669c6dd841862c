import { z } from "zod";
import { counted, perName, share } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, int, num, prob } from "../scenario/param.js";
import { NEVER } from "../schedule.js";
import { SUBSYSTEMS, type SubsystemName } from "../subsystems.js";
import { col } from "../world/columns.js";
import type { World, WorldBase } from "../world/world.js";
import { appealListing } from "./b1-appeal.js";
import { defineMechanism } from "./define.js";
import { associationPenalty } from "./m09-association-penalty.js";
import { onListed } from "./m10-list-visibility.js";
import { distinctSanctions } from "./m11-sanctions.js";
import { tierOf } from "./m12-tiers.js";
import { capScore } from "./m14-group-cap.js";
import { considerDetention } from "./m15-detention.js";
import { fadeRecords } from "./m16-records-retention.js";

/**
 * M5 — Sub-systems and their integration. Each of the sub-systems (court,
 * financial, municipal points, commercial platform, security) keeps its own
 * records (M16), its own score and its own blacklist. The integration level
 * is the probability that a listing in one sub-system is shared with each
 * other running one: data sharing and joint punishment, so that a listing in
 * one triggers the sanctions of the others (calibration-facts.md §3: 51
 * joint-punishment memoranda).
 */
/**
 * The schema of one sub-system. `enabled` defaults to the sub-system's own
 * default (financial runs, the others do not), also when a scenario states
 * other fields of it.
 */
export const subsystemSchema = (enabledByDefault: boolean) =>
  z
    .strictObject({
      enabled: z
        .boolean()
        .default(enabledByDefault)
        .describe(`Whether this sub-system runs (default ${enabledByDefault}).`),
      base: num(600, "Score with no records", { min: 0, max: 1000 }),
      positiveWeight: num(4, "Points per positive record (payment on time, rewarded act)", {
        min: 0,
        source: "M3 reward weight",
      }),
      negativeWeight: num(60, "Points lost per negative record", {
        min: 0,
        source: "M3 penalty weight",
      }),
      listThreshold: num(3, "Negative records (after fading) at which the agent is blacklisted", {
        positive: true,
        source: "modelling choice",
      }),
      listScoreBelow: num(
        0,
        "Also blacklist an agent whose score in this sub-system falls below this, whatever its records, e.g. through the association penalty of M9",
        { min: 0, max: 1000, source: "off" },
      ),
      listTerm: int(730, "Steps a listing lasts before review", {
        min: 1,
        source: "the 2-year term, calibration-facts.md §1",
      }),
      retention: num(730, "Mean life of a record in steps, M16", {
        min: 0,
        source: "0 = records never expire",
      }),
      delistOnPayment: bool(
        false,
        "Paying off the arrears ends a listing at once (M1), as the court list must delete an entry within 3 working days of performance (calibration-facts.md §1)",
      ),
      tierWeight: num(
        1,
        "Weight of this sub-system's score in the combined score the tiers are cut from",
        { min: 0 },
      ),
    })
    .prefault({})
    .describe("One sub-system: its score, blacklist and record retention.");

export type SubsystemParams = z.infer<ReturnType<typeof subsystemSchema>>;

export const subsystemsParams = z
  .strictObject(
    Object.fromEntries(SUBSYSTEMS.map((s) => [s, subsystemSchema(s === "financial")])) as Record<
      (typeof SUBSYSTEMS)[number],
      ReturnType<typeof subsystemSchema>
    >,
  )
  .describe("M5: the sub-systems court, financial, municipal, platform, security.");

export const integrationParams = z
  .strictObject({
    level: prob(
      0,
      "Probability that a listing in one sub-system is shared with each other running sub-system (joint punishment)",
      { source: "separate systems" },
    ),
  })
  .describe("M5: integration of the sub-systems.");

type SubsystemsParams = z.infer<typeof subsystemsParams>;

/** The running sub-systems, by index. */
export function running(p: SubsystemsParams): Int32Array {
  return Int32Array.from(SUBSYSTEMS.flatMap((s, k) => (p[s].enabled ? [k] : [])));
}

/** The running sub-systems among `names`, by index. */
export function runningOf(p: SubsystemsParams, names: readonly SubsystemName[]): Int32Array {
  return Int32Array.from(
    names.map((s) => SUBSYSTEMS.indexOf(s)).filter((k) => p[SUBSYSTEMS[k]].enabled),
  );
}

const DRAWS = {
  share: {
    stream: STREAM.listing,
    at: "any",
    words: [{ start: 0, stride: 1, count: SUBSYSTEMS.length }],
    doc: "Word k: whether a new listing is shared with sub-system k (joint punishment).",
  },
} as const;

function prepare(b: WorldBase) {
  const config = SUBSYSTEMS.map((s) => b.params.subsystems[s]);
  return {
    /** Each sub-system's parameters, by index. */
    config,
    /** Running sub-systems, by index. */
    list: running(b.params.subsystems),
  };
}

/**
 * A record counts toward the list threshold until it has faded by half:
 * an agent is listed when its faded negative records, rounded, reach
 * `listThreshold` (without rounding, k fresh records would always count as
 * slightly less than k), or when its score falls below `listScoreBelow`
 * (so the association penalty of M9 can list the contacts of the listed).
 *
 * Rescores agent i at step t: fades its records (M16), scores every running
 * sub-system (with the association penalty of M9), lists or delists it,
 * shares new listings (joint punishment), and cuts its tier (M12, with the
 * cap of M14). Called at the agent's events, at its periodic review and when a
 * listing ends.
 */
export function rescore(w: World, i: number, t: number): void {
  const st = w.state;
  const { neg, pos, score, listedUntil } = st;
  const K = w.K;
  const { config, list: subs } = w.tables.M5;
  const m9 = w.tables.M9;
  const row = i * K;
  const g = w.pop.group[i];
  const count = w.count;
  const tally = w.tally;
  fadeRecords(w, i, t);
  const penalty = m9.penaltyOn ? associationPenalty(w, i) : 0;
  const level = w.params.integration.level;
  const covered = st.covered[i];
  let any = 0;
  let expiry = NEVER;
  for (let s = 0; s < subs.length; s++) {
    const k = subs[s];
    const p = config[k];
    const j = row + k;
    let sc =
      p.base +
      p.positiveWeight * pos[j] -
      p.negativeWeight * neg[j] -
      penalty * m9.penaltyApplies[k];
    sc = sc < 0 ? 0 : sc > 1000 ? 1000 : Math.round(sc);
    score[j] = sc;
    if (listedUntil[j] > t) {
      any = 1;
    } else if (
      covered &&
      (neg[j] + 0.5 >= p.listThreshold || sc < p.listScoreBelow) &&
      !appealListing(w, i, k, t)
    ) {
      // A listing renewed at its review (it ends now and its records still warrant it) is no new listing.
      const renewed = listedUntil[j] === t;
      listedUntil[j] = t + p.listTerm;
      const reason = listingReason(
        w,
        j,
        p,
        sc + p.negativeWeight * (st.negSpeech[j] + st.negError[j]) + penalty * m9.penaltyApplies[k],
      );
      st.listReason[j] = reason;
      any = 1;
      if (!renewed) {
        count.newListings[g]++;
        count.newListingsBySub[k * w.G + g]++;
      }
      if (level > 0) {
        const rng = w.rng.stream(DRAWS.share);
        for (let s2 = 0; s2 < subs.length; s2++) {
          const k2 = subs[s2];
          if (k2 !== k && listedUntil[row + k2] < t + p.listTerm && rng.u01(t, i, k2) < level) {
            if (listedUntil[row + k2] <= t) count.newListingsBySub[k2 * w.G + g]++;
            listedUntil[row + k2] = t + p.listTerm;
            // Joint punishment carries the reason of the listing it shares.
            st.listReason[row + k2] = reason;
          }
        }
      }
    } else {
      listedUntil[j] = 0;
      st.listReason[j] = 0;
    }
  }
  for (let s = 0; s < subs.length; s++) {
    const u = listedUntil[row + subs[s]];
    if (u > t && u < expiry) expiry = u;
  }
  st.nextExpiry[i] = expiry;
  w.sched.scheduleAt(i, expiry);

  let why = 0;
  let mask = 0;
  for (let s = 0; s < subs.length; s++) {
    const j = row + subs[s];
    if (listedUntil[j] > t) {
      why |= st.listReason[j];
      mask |= 1 << subs[s];
    }
  }
  if (mask !== st.listedMask[i]) {
    const before = st.listedMask[i];
    for (let k = 0; k < K; k++) {
      const bit = 1 << k;
      if ((mask & bit) !== (before & bit)) tally[LISTED_IN[k]][g] += mask & bit ? 1 : -1;
    }
    st.listedMask[i] = mask;
  }
  if (why !== st.listWhy[i]) {
    const before = st.listWhy[i];
    for (let b = 0; b < REASON_TALLIES.length; b++) {
      const bit = 1 << b;
      if ((why & bit) !== (before & bit)) tally[REASON_TALLIES[b]][g] += why & bit ? 1 : -1;
    }
    st.listWhy[i] = why;
  }

  const was = st.listed[i];
  if (any !== was) {
    st.listed[i] = any;
    tally.listed[g] += any ? 1 : -1;
    tally.listedTies[g] += any ? st.keptTies[i] : -st.keptTies[i];
    if (any) onListed(w, i, t);
    else st.listingKnown[i] = 0;
  }

  const m12 = w.tables.M12;
  let c = 0;
  if (m12.weightSum > 0) {
    for (let s = 0; s < subs.length; s++) c += m12.weights[subs[s]] * score[row + subs[s]];
    c = Math.round(c / m12.weightSum);
  }
  c = capScore(w, g, c);
  tally.scoreSum[g] += c - st.combined[i];
  st.combined[i] = c;
  const tier = tierOf(w, c, any);
  if ((tier === 0) !== (st.tier[i] === 0)) tally.top[g] += tier === 0 ? 1 : -1;
  st.tier[i] = tier;
  const ds = any ? distinctSanctions(w, i, t) : 0;
  tally.listedSanctions[g] += ds - st.sanctionCount[i];
  st.sanctionCount[i] = ds;
  if (any) considerDetention(w, i, t);
}

/** Bits of a listing's reason: why a listing that true violations alone would not have made was made. */
export const REASON = {
  /** Listed without a true financial or legal violation reaching the threshold: wrongly listed. */
  wrong: 1,
  /** Wrongly listed, with records of lawful expression (criticism, protest) among those that listed it. */
  expression: 2,
  /** Wrongly listed with no true violation of any kind: only erroneous records (errors, false matches). */
  error: 4,
  /** Wrongly listed through the association penalty: the score fell below listScoreBelow by contacts. */
  association: 8,
} as const;

/** The tally of agents listed in each sub-system, in sub-system order. */
const LISTED_IN = [
  "listedInCourt",
  "listedInFinancial",
  "listedInMunicipal",
  "listedInPlatform",
  "listedInSecurity",
] as const;

/** The tally of each reason bit, in bit order. */
const REASON_TALLIES = [
  "listedWrongly",
  "listedForExpression",
  "listedErroneously",
  "listedForAssociation",
] as const;

/**
 * Why the listing at cell j (made now) was made, in rights terms: rightful (0)
 * when the agent's true financial or legal violations alone reach the
 * threshold, or alone put its score below listScoreBelow (`trueScore`: its
 * score without the records of expression and errors and without the
 * association penalty); otherwise wrong, with what else listed it.
 */
function listingReason(w: World, j: number, p: SubsystemParams, trueScore: number): number {
  const st = w.state;
  const speech = st.negSpeech[j];
  const error = st.negError[j];
  const truth = st.neg[j] - speech - error;
  if (truth + 0.5 >= p.listThreshold || trueScore < p.listScoreBelow) return 0;
  let r: number = REASON.wrong;
  if (speech >= 0.5) r |= REASON.expression;
  else if (truth < 0.5 && error >= 0.5) r |= REASON.error;
  if (st.neg[j] + 0.5 < p.listThreshold) r |= REASON.association;
  return r;
}

/** Agents whose listing ends this step are rescored (and relisted if their records still warrant it). */
function expireListings(w: World, t: number): void {
  const count = w.sched.collect(w.state.nextExpiry, t);
  const ids = w.sched.ids;
  for (let j = 0; j < count; j++) rescore(w, ids[j], t);
}

/** Before step 1, every agent is scored once (everyone starts in tier D, M12). */
function scoreEveryone(w: World): void {
  for (let i = 0; i < w.n; i++) rescore(w, i, 0);
}

/**
 * The periodic review (M16's `reviewInterval`): every agent is rescored once
 * per interval, on its own day (a cohort), so faded records and the tiers
 * they bring take effect.
 */
function reviewScores(w: World, t: number): void {
  const count = w.sched.cohort(t, w.params.retention.reviewInterval);
  const ids = w.sched.ids;
  for (let j = 0; j < count; j++) rescore(w, ids[j], t);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { subsystems: subsystemsParams, integration: integrationParams };

export const mechanism = defineMechanism({
  id: "M5",
  title: "Sub-systems and their integration",
  article: {
    de: "Bisher gibt es noch viele einzelne Sub-Systeme, die getrennt Daten erheben und auswerten. Der Staat arbeitet jedoch … daran, … ein Lebensbereich übergreifendes System zu schaffen.",
    en: "So far there are still many separate sub-systems that collect and evaluate data separately. The state is working, however, … to create a system spanning all areas of life.",
  },
  params,
  columns: {
    score: col.i16("Score per sub-system, whole points 0..1000.", { per: "agentSub" }),
    listedUntil: col.i32("Step until which the agent is listed in sub-system k; 0 = not listed.", {
      per: "agentSub",
    }),
    listed: col.u8("1 while the agent is on any blacklist."),
    listReason: col.u8(
      "Why the agent's listing in sub-system k was made (bits of REASON; 0 = rightful).",
      {
        per: "agentSub",
      },
    ),
    listWhy: col.u8("The reasons of all the agent's listings in force (bits of REASON, OR-ed)."),
    listedMask: col.u8(
      "The sub-systems the agent is listed in (bit k: sub-system k), as last rescored.",
    ),
    nextExpiry: col.event("The earliest step a listing of the agent ends (review then), or NEVER."),
  },
  tallies: {
    listed: "Agents on any blacklist.",
    listedInCourt: "Agents on the court list.",
    listedInFinancial: "Agents on the financial (credit) list.",
    listedInMunicipal: "Agents on the municipal list.",
    listedInPlatform: "Agents on the platform's list.",
    listedInSecurity: "Agents on the security list.",
    listedWrongly: "Listed agents with a listing that true violations alone would not have made.",
    listedForExpression:
      "Wrongly listed agents with records of lawful expression among those that listed them.",
    listedErroneously:
      "Wrongly listed agents with no true violation of any kind behind the listing.",
    listedForAssociation:
      "Wrongly listed agents whose score fell below listScoreBelow through the association penalty.",
  },
  counters: {
    newListings: { doc: "New listings this step (own, in any sub-system)." },
    newListingsBySub: {
      doc: "New listings this step per sub-system, own or shared by joint punishment.",
      size: SUBSYSTEMS.length,
    },
  },
  draws: DRAWS,
  prepare,
  metrics: {
    listed: share("listed", "Share of agents on any blacklist.", {
      title: "Blacklisted",
      yLabel: "share of agents",
    }),
    ...perName("listed_in", SUBSYSTEMS, (k, s) =>
      share(LISTED_IN[k], `Share of agents on the ${s} sub-system's list.`),
    ),
    new_listings: counted("newListings", "New listings this step (own, in any sub-system)."),
    ...perName("new_listings", SUBSYSTEMS, (k, s) =>
      counted(
        "newListingsBySub",
        `New listings in the ${s} sub-system this step, own or shared.`,
        k,
      ),
    ),
  },
  steps: { scoreEveryone, expireListings, reviewScores },
});

import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { NEVER } from "../schedule.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { TALLY } from "../tally.js";
import { appealListing } from "./b1-appeal.js";
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
      base: z
        .number()
        .min(0)
        .max(1000)
        .default(600)
        .describe("Score with no records (default 600)."),
      positiveWeight: z
        .number()
        .min(0)
        .default(4)
        .describe(
          "Points per positive record (payment on time, rewarded act) (default 4; M3 reward weight).",
        ),
      negativeWeight: z
        .number()
        .min(0)
        .default(60)
        .describe("Points lost per negative record (default 60; M3 penalty weight)."),
      listThreshold: z
        .number()
        .positive()
        .default(3)
        .describe(
          "Negative records (after fading) at which the agent is blacklisted (default 3; modelling choice).",
        ),
      listScoreBelow: z
        .number()
        .min(0)
        .max(1000)
        .default(0)
        .describe(
          "Also blacklist an agent whose score in this sub-system falls below this, whatever its records, e.g. through the association penalty of M9 (default 0: off).",
        ),
      listTerm: z
        .number()
        .int()
        .min(1)
        .default(730)
        .describe(
          "Steps a listing lasts before review (default 730: the 2-year term, calibration-facts.md §1).",
        ),
      retention: z
        .number()
        .min(0)
        .default(730)
        .describe("Mean life of a record in steps, M16 (default 730; 0 = records never expire)."),
      tierWeight: z
        .number()
        .min(0)
        .default(1)
        .describe(
          "Weight of this sub-system's score in the combined score the tiers are cut from (default 1).",
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
    level: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        "Probability that a listing in one sub-system is shared with each other running sub-system (joint punishment) (default 0: separate systems).",
      ),
  })
  .describe("M5: integration of the sub-systems.");

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
export function rescore(m: ScsModel, i: number, t: number): void {
  const st = m.state;
  const { neg, pos, score, listedUntil } = st;
  const K = m.K;
  const subs = m.subsystemList;
  const row = i * K;
  const g = m.pop.group[i];
  const G = m.tally.groups;
  const tv = m.tally.v;
  fadeRecords(m, i, t);
  const penalty = m.penaltyOn ? associationPenalty(m, i) : 0;
  const level = m.scenario.mechanisms.integration.level;
  const covered = m.covered[i];
  let any = 0;
  let expiry = NEVER;
  for (let s = 0; s < subs.length; s++) {
    const k = subs[s];
    const p = m.subsystem[k];
    const j = row + k;
    let sc =
      p.base +
      p.positiveWeight * pos[j] -
      p.negativeWeight * neg[j] -
      penalty * m.penaltyApplies[k];
    sc = sc < 0 ? 0 : sc > 1000 ? 1000 : Math.round(sc);
    score[j] = sc;
    if (listedUntil[j] > t) {
      any = 1;
    } else if (
      covered &&
      (neg[j] + 0.5 >= p.listThreshold || sc < p.listScoreBelow) &&
      !appealListing(m, i, k, t)
    ) {
      listedUntil[j] = t + p.listTerm;
      any = 1;
      m.counters.add(COUNTER.newListings, g);
      m.counters.add(COUNTER.newListingsBySubsystem + k, g);
      if (level > 0) {
        const rng = m.stream(STREAM.listing);
        for (let s2 = 0; s2 < subs.length; s2++) {
          const k2 = subs[s2];
          if (k2 !== k && listedUntil[row + k2] < t + p.listTerm && rng.u01(t, i, k2) < level) {
            if (listedUntil[row + k2] <= t) m.counters.add(COUNTER.newListingsBySubsystem + k2, g);
            listedUntil[row + k2] = t + p.listTerm;
          }
        }
      }
    } else {
      listedUntil[j] = 0;
    }
  }
  for (let s = 0; s < subs.length; s++) {
    const u = listedUntil[row + subs[s]];
    if (u > t && u < expiry) expiry = u;
  }
  st.nextExpiry[i] = expiry;
  m.scheduleAt(i, expiry);

  const was = st.listed[i];
  if (any !== was) {
    st.listed[i] = any;
    tv[TALLY.listed * G + g] += any ? 1 : -1;
    tv[TALLY.listedTies * G + g] += any ? m.keptTies[i] : -m.keptTies[i];
    if (any) onListed(m, i, t);
    else st.listingKnown[i] = 0;
  }

  let c = 0;
  if (m.tierWeightSum > 0) {
    for (let s = 0; s < subs.length; s++) c += m.tierWeights[subs[s]] * score[row + subs[s]];
    c = Math.round(c / m.tierWeightSum);
  }
  c = capScore(m, g, c);
  tv[TALLY.scoreSum * G + g] += c - st.combined[i];
  st.combined[i] = c;
  const tier = tierOf(m, c, any);
  if ((tier === 0) !== (st.tier[i] === 0)) tv[TALLY.top * G + g] += tier === 0 ? 1 : -1;
  st.tier[i] = tier;
  const ds = any ? distinctSanctions(m, i, t) : 0;
  tv[TALLY.listedSanctions * G + g] += ds - st.sanctionCount[i];
  st.sanctionCount[i] = ds;
  if (any) considerDetention(m, i, t);
}

/** Agents whose listing ends this step are rescored (and relisted if their records still warrant it). */
export function expireListings(m: ScsModel, t: number): void {
  const count = m.collect(m.state.nextExpiry, t);
  const ids = m.ids;
  for (let j = 0; j < count; j++) m.rescore(ids[j], t);
}

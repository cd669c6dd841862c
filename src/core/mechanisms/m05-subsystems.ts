import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { SUBSYSTEMS } from "../subsystems.js";

/**
 * M5 — Sub-systems and their integration. Each of the K sub-systems (court,
 * financial, municipal points, commercial platform, security) keeps its own
 * records (M16), computes its own score and keeps its own blacklist. The
 * integration level is the probability that a listing in one sub-system is
 * shared with each other one (data sharing and joint punishment: a listing in
 * one triggers the sanctions of the others, calibration-facts.md §3).
 */
export const subsystemParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Whether this sub-system runs."),
    base: z.number().min(0).max(1000).default(600).describe("Score with no records (default 600)."),
    positiveWeight: z
      .number()
      .min(0)
      .default(2)
      .describe("Points per positive record (payment on time, rewarded act) (default 2)."),
    negativeWeight: z
      .number()
      .min(0)
      .default(60)
      .describe("Points lost per negative record (default 60)."),
    listThreshold: z
      .number()
      .positive()
      .default(3)
      .describe("Negative records (after fading) at which the agent is blacklisted (default 3)."),
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
  .describe("One sub-system: its score, blacklist and record retention.");

export type SubsystemParams = z.infer<typeof subsystemParams>;

export const subsystemsParams = z
  .strictObject(
    Object.fromEntries(
      SUBSYSTEMS.map((s) => [
        s,
        subsystemParams.default({
          enabled: s === "financial",
          base: 600,
          positiveWeight: 2,
          negativeWeight: 60,
          listThreshold: 3,
          listTerm: 730,
          retention: 730,
          tierWeight: 1,
        }),
      ]),
    ) as Record<(typeof SUBSYSTEMS)[number], z.ZodDefault<typeof subsystemParams>>,
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
 * Scores every running sub-system from its records, then lists and delists.
 * The association penalty (M9) and the group cap (M14) act on the scores
 * through `m.scoreAdjust`.
 */
export function subsystemScoresAndLists(m: ScsModel, t: number): void {
  const { n, state, counters, pop } = m;
  const { neg, pos, score, listedUntil, listed } = state;
  const K = m.K;
  const subs = m.subsystemList;
  const level = m.scenario.mechanisms.integration.level;
  const rng = m.stream(STREAM.listing);
  const covered = m.covered;
  const penalty = m.associationPenalty;
  const G = counters.groups;
  const cNew = COUNTER.newListings * G;
  for (let i = 0; i < n; i++) {
    let any = 0;
    const row = i * K;
    for (let s = 0; s < subs.length; s++) {
      const k = subs[s];
      const p = m.subsystem[k];
      const j = row + k;
      let sc =
        p.base +
        p.positiveWeight * pos[j] -
        p.negativeWeight * neg[j] -
        penalty[i] * m.penaltyApplies[k];
      sc = sc < 0 ? 0 : sc > 1000 ? 1000 : sc;
      score[j] = sc;
      if (listedUntil[j] > t) {
        any = 1;
      } else if (covered[i] && neg[j] >= p.listThreshold) {
        listedUntil[j] = t + p.listTerm;
        any = 1;
        counters.v[cNew + pop.group[i]]++;
        // Joint punishment: the listing is shared with each other sub-system with probability `level`.
        if (level > 0) {
          for (let s2 = 0; s2 < subs.length; s2++) {
            const k2 = subs[s2];
            if (k2 !== k && rng.u01(t, i, k2) < level && listedUntil[row + k2] < t + p.listTerm) {
              listedUntil[row + k2] = t + p.listTerm;
            }
          }
        }
      } else {
        listedUntil[j] = 0;
      }
    }
    listed[i] = any;
  }
}

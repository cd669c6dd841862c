import { z } from "zod";
import { COUNTER } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { PUB } from "../state.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { TALLY } from "../tally.js";

/**
 * M9 — Downgrading for "interacting with people in disgrace". The score of the
 * chosen sub-systems loses `pointsPerContact` for every listed contact. Agents
 * who know a contact is listed (M10) and fear the penalty cut the tie with
 * probability `cutProbability × riskAversion`: ostracism, which makes listings
 * cluster and isolates the listed.
 */
export const associationParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Run M9 (default false)."),
    pointsPerContact: z
      .number()
      .min(0)
      .default(30)
      .describe("Score points lost per listed contact (default 30; modelling choice)."),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["municipal", "security"])
      .describe("Sub-systems whose score the penalty lowers (default municipal, security)."),
    cutProbability: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "Probability that a contact who knows of a listing cuts the tie, times its risk aversion (default 0.5; modelling choice).",
      ),
  })
  .describe("M9: association penalty and ostracism.");

/** The penalty agent i carries now: points per listed contact (read from the previous step). */
export function associationPenalty(m: ScsModel, i: number): number {
  const { offsets, targets } = m.graph;
  const pub = m.state.prevPub;
  const active = m.edgeActive;
  let k = 0;
  for (let e = offsets[i]; e < offsets[i + 1]; e++)
    if (active[e] && pub[targets[e]] & PUB.listed) k++;
  return k * m.scenario.mechanisms.association.pointsPerContact;
}

/**
 * When agent j's listing becomes known to its contacts (M10), each contact
 * decides whether to cut the tie. Cuts are queued and take effect at the end of the step, so every
 * decision of this step sees the same network.
 */
export function ostracise(m: ScsModel, j: number, t: number): void {
  const p = m.scenario.mechanisms.association;
  if (!p.enabled || p.cutProbability <= 0) return;
  const { offsets, targets } = m.graph;
  const rng = m.stream(STREAM.ostracism);
  const ra = m.pop.riskAversion;
  for (let e = offsets[j]; e < offsets[j + 1]; e++) {
    if (!m.edgeActive[e]) continue;
    const i = targets[e];
    // Draws keyed by (step, contact, position in j's row): fixed whatever the order.
    const k = 2 * (e - offsets[j]);
    if (rng.u01(t, j, k + 1) < p.cutProbability * ra[i]) m.queueCut(e);
  }
}

/** Applies the queued cuts (both directions of each tie) in queue order, which is fixed. */
export function applyCuts(m: ScsModel): void {
  const { offsets, targets } = m.graph;
  const q = m.cutQueue;
  for (let c = 0; c < m.cutCount; c++) {
    const e = q[c];
    if (!m.edgeActive[e]) continue;
    // e is in the row of some agent j; find j by binary search on offsets.
    let lo = 0;
    let hi = m.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid] <= e) lo = mid;
      else hi = mid - 1;
    }
    const j = lo;
    const i = targets[e];
    m.edgeActive[e] = 0;
    // The reverse entry: j in i's sorted row.
    let a = offsets[i];
    let b = offsets[i + 1] - 1;
    while (a <= b) {
      const mid = (a + b) >>> 1;
      const v = targets[mid];
      if (v === j) {
        m.edgeActive[mid] = 0;
        break;
      }
      if (v < j) a = mid + 1;
      else b = mid - 1;
    }
    m.keptTies[i]--;
    m.keptTies[j]--;
    const G = m.tally.groups;
    if (m.state.listed[i]) m.tally.v[TALLY.listedTies * G + m.pop.group[i]]--;
    if (m.state.listed[j]) m.tally.v[TALLY.listedTies * G + m.pop.group[j]]--;
    m.counters.add(COUNTER.tiesCut, m.pop.group[i]);
  }
  m.cutCount = 0;
}

import { z } from "zod";
import { at, metric, ratio } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, num } from "../scenario/param.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { heapSortInt32 } from "../util/heap-sort.js";
import { col } from "../world/columns.js";
import { PUB } from "../world/public-flags.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * M9 — Downgrading for "interacting with people in disgrace". The score of the
 * chosen sub-systems loses `pointsPerContact` for every listed contact.
 *
 * Ostracism is a response, not a propensity: when a contact's listing becomes
 * known (M10), each agent with a tie to it weighs what keeping the tie would
 * cost it against what the tie is worth to it. The cost is the association
 * penalty's expected harm: in each sub-system where the penalty applies and a
 * low score lists (`listScoreBelow`), the chance that the penalty pushes the
 * agent's own score below the line — the penalty over its distance to the
 * line, at most 1 — times what that listing would cost it (M1's listing cost,
 * by its needs). The tie's worth is drawn from an exponential distribution of
 * mean `tieValue`. It cuts when the cost exceeds the worth: no penalty, no
 * cuts; a larger penalty, or an agent nearer its thresholds, more cuts.
 * Ostracism makes listings cluster and isolates the listed.
 *
 * The contacts decide at the end of the step, on the step's final scores and
 * listings, in ascending order of the listed agent: a listing can become known
 * in the middle of the step (whenever M5 lists someone), and deciding there
 * would read contacts' scores half-updated, in visiting order.
 */
export const associationParams = z
  .strictObject({
    enabled: bool(false, "Run M9"),
    pointsPerContact: num(30, "Score points lost per listed contact", {
      min: 0,
      source: "modelling choice",
    }),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["municipal", "security"])
      .describe(
        "Sub-systems whose score the penalty lowers (default municipal, security; design: the modelled system sets it, each preset its own).",
      ),
    tieValue: num(
      2,
      "Mean worth of a tie to an agent, in monthly statements: what it gives up by cutting it",
      {
        positive: true,
        source:
          "modelling choice: no measured rate at which contacts avoid listed persons was found",
      },
    ),
  })
  .describe("M9: association penalty and ostracism.");

/**
 * The word of a contact's cut decision, by the contact's position p in the
 * listed agent's row: the odd words 1, 3, 5, … except 0x7fff, which is M10's
 * (so a row of 16,384 contacts or more never reaches it).
 */
function cutWord(p: number): number {
  return p < 16383 ? 2 * p + 1 : 2 * p + 3;
}

const DRAWS = {
  cut: {
    stream: STREAM.ostracism,
    at: "any",
    words: [
      { start: 1, stride: 2, count: 16383 },
      { start: 0x8001, stride: 2, count: Number.POSITIVE_INFINITY },
    ],
    doc: "Per contact of a newly known listed agent (by its position in the row): whether it cuts the tie.",
  },
} as const;

function prepare(b: WorldBase) {
  const p = b.params.association;
  const applies = new Float64Array(SUBSYSTEMS.length);
  for (const s of p.subsystems) applies[SUBSYSTEMS.indexOf(s)] = 1;
  return {
    /** Per sub-system: 1 where the penalty lowers the score. */
    penaltyApplies: applies,
    penaltyOn: p.enabled && p.pointsPerContact > 0,
    /** Agents whose listing became known this step (in visiting order), and how many. */
    knownQueue: new Int32Array(1024),
    knownCount: 0,
  };
}

/** Every tie is kept at the start. */
function init(w: World): void {
  const { offsets } = w.graph;
  const kept = w.state.keptTies;
  for (let i = 0; i < w.n; i++) kept[i] = offsets[i + 1] - offsets[i];
}

/** The penalty agent i carries now: points per listed contact (read from the previous step). */
export function associationPenalty(w: World, i: number): number {
  const { offsets, targets } = w.graph;
  const pub = w.pub;
  const active = w.state.edgeActive;
  let k = 0;
  for (let e = offsets[i]; e < offsets[i + 1]; e++)
    if (active[e] && pub[targets[e]] & PUB.listed) k++;
  return k * w.params.association.pointsPerContact;
}

/**
 * Called when agent j's listing becomes known to its contacts (M10): they
 * weigh their ties to j at the end of the step (`ostracism`).
 */
export function ostracise(w: World, j: number): void {
  const p = w.params.association;
  if (!p.enabled || p.pointsPerContact <= 0) return;
  const q = w.tables.M9;
  if (q.knownCount === q.knownQueue.length) {
    const bigger = new Int32Array(q.knownQueue.length * 2);
    bigger.set(q.knownQueue);
    q.knownQueue = bigger;
  }
  q.knownQueue[q.knownCount++] = j;
}

/**
 * End of the step: for each agent j whose listing became known, in ascending
 * order, each contact still tied to it cuts the tie when keeping it would cost
 * more than the tie is worth. A tie cut here is gone for the decisions after
 * it (so a tie between two newly known agents is weighed once, by the contact
 * of the lower id).
 */
function ostracism(w: World, t: number): void {
  const q = w.tables.M9;
  if (q.knownCount === 0) return;
  heapSortInt32(q.knownQueue, q.knownCount);
  const { offsets, targets } = w.graph;
  const rng = w.rng.stream(DRAWS.cut);
  const active = w.state.edgeActive;
  const tieValue = w.params.association.tieValue;
  for (let c = 0; c < q.knownCount; c++) {
    const j = q.knownQueue[c];
    if (c > 0 && q.knownQueue[c - 1] === j) continue;
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      if (!active[e]) continue;
      const i = targets[e];
      const cost = keepingCost(w, i, t);
      if (cost <= 0) continue;
      // The tie's worth ~ Exponential(tieValue), keyed by (step, listed agent, contact's position).
      const worth = -tieValue * Math.log(rng.u01(t, j, cutWord(e - offsets[j])));
      if (cost > worth) cutTie(w, j, e);
    }
  }
  q.knownCount = 0;
}

/**
 * What keeping a tie to a listed agent is expected to cost agent i, in
 * statements: in each running sub-system where the association penalty
 * applies and a low score lists, min(1, points / distance to the line) times
 * what that listing would cost i (its term times M1's monthly cost, by i's
 * needs). Agents already listed there, or not covered, risk nothing more.
 */
function keepingCost(w: World, i: number, t: number): number {
  const st = w.state;
  if (!st.covered[i]) return 0;
  const points = w.params.association.pointsPerContact;
  const { config, list } = w.tables.M5;
  const applies = w.tables.M9.penaltyApplies;
  const m1 = w.tables.M1;
  const travel = w.pop.travel[i];
  const child = w.pop.hasChild[i];
  let cost = 0;
  for (let s = 0; s < list.length; s++) {
    const k = list[s];
    const line = config[k].listScoreBelow;
    if (!applies[k] || line <= 0) continue;
    const j = i * w.K + k;
    if (st.listedUntil[j] > t) continue;
    const distance = st.score[j] - line;
    const chance = distance <= points ? 1 : points / distance;
    cost +=
      chance *
      m1.months[k] *
      (m1.cost.base[k] + m1.cost.travel[k] * travel + m1.cost.child[k] * child);
  }
  return cost;
}

/** Cuts tie e, an entry of agent j's row, in both directions; its other end made the cut. */
export function cutTie(w: World, j: number, e: number): void {
  const { offsets, targets } = w.graph;
  const st = w.state;
  const active = st.edgeActive;
  const i = targets[e];
  active[e] = 0;
  // The reverse entry: j in i's sorted row.
  let a = offsets[i];
  let b = offsets[i + 1] - 1;
  while (a <= b) {
    const mid = (a + b) >>> 1;
    const v = targets[mid];
    if (v === j) {
      active[mid] = 0;
      break;
    }
    if (v < j) a = mid + 1;
    else b = mid - 1;
  }
  const group = w.pop.group;
  st.keptTies[i]--;
  st.keptTies[j]--;
  if (st.listed[i]) w.tally.listedTies[group[i]]--;
  if (st.listed[j]) w.tally.listedTies[group[j]]--;
  w.tally.tiesCut[group[i]]++;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { association: associationParams };

export const mechanism = defineMechanism({
  id: "M9",
  title: "Association penalty and ostracism",
  article: {
    de: "Personen, die … mit anderen Personen interagieren, die bei der chinesischen Führung in Ungnade gefallen sind, werden im System herabgestuft …",
    en: "People who … interact with other people who have fallen out of favour with the Chinese leadership are downgraded in the system …",
  },
  params,
  columns: {
    edgeActive: col.u8("Per CSR entry: 1 while the tie is kept, 0 once cut.", {
      per: "tie",
      fill: 1,
    }),
    keptTies: col.i32("Ties the agent keeps: its degree less the ties cut."),
  },
  tallies: {
    listedTies: "Ties kept by listed agents.",
    tiesCut: "Ties cut so far (each tie once, by the group of the agent who cut it).",
  },
  draws: DRAWS,
  prepare,
  // Ties cut are counted over the recorded horizon.
  horizonStart: (w: World) => w.tally.tiesCut.fill(0),
  metrics: {
    ties_cut: metric(
      "Ties cut so far (cumulative; each tie once).",
      (w, grp): number => at(w.tally.tiesCut, grp),
      { title: "Ties cut (cumulative)", yLabel: "ties" },
    ),
    listed_degree: metric("Mean ties kept by a listed agent.", (w, grp): number =>
      ratio(at(w.tally.listedTies, grp), at(w.tally.listed, grp)),
    ),
  },
  steps: { init, ostracism },
});

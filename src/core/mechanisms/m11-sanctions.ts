import { z } from "zod";
import { at, atCell, counted, metric, perName, ratio, share } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { int, num, prob } from "../scenario/param.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { SANCTION, SANCTIONS, SUBSYSTEMS } from "../subsystems.js";
import { col } from "../world/columns.js";
import { word } from "../world/draws.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";

const tierName = z.enum(["A", "B", "C", "D", "none"]);

interface SanctionSpec {
  triggers: (typeof SUBSYSTEMS)[number][];
  fromTier: z.infer<typeof tierName>;
  demand: number;
  /** Its default demand as shown to readers, and where it comes from. */
  demandShown: string;
  demandSource: string;
  value: number;
  valueSource: string;
}

/**
 * The schema of one sanction, each field defaulting to that sanction's own
 * default, so a scenario can state one field (say `fromTier`) and keep the
 * others.
 */
function sanctionParams(d: SanctionSpec) {
  return z
    .strictObject({
      triggers: z
        .array(z.enum(SUBSYSTEMS))
        .default(d.triggers)
        .describe(
          `Sub-systems whose blacklist triggers this sanction (default [${d.triggers.join(", ")}]; design: the modelled system sets it, each preset its own).`,
        ),
      fromTier: tierName
        .default(d.fromTier)
        .describe(
          `Tier at or below which the sanction applies, listed or not, e.g. 'D' (default '${d.fromTier}'; 'none': by listing only).`,
        ),
      demand: z
        .number()
        .min(0)
        .max(1)
        .default(d.demand)
        .describe(
          `Flight, rail: attempts per agent per step, times the agent's travel propensity. Job: attempts per agent per step. School: share of parents who apply on schoolDay. Social media: share of speech (M17) made online. Loans: see M1 (default ${d.demandShown}; ${d.demandSource}).`,
        ),
      value: z
        .number()
        .min(0)
        .default(d.value)
        .describe(
          `What a month under this sanction costs an agent who needs it (flights and trains: times its travel propensity; school: parents only), in units of one monthly statement: how much agents weigh it when they decide to default or to pay off (M1) and to keep a tie (M9) (default ${d.value}; ${d.valueSource}).`,
        ),
    })
    .prefault({})
    .describe("One sanction: what triggers it and how often agents try.");
}

const travelValue = "modelling choice: a month without the trips an average traveller makes";
const defaults: Record<(typeof SANCTIONS)[number], SanctionSpec> = {
  flight: {
    triggers: ["court"],
    fromTier: "none",
    demand: 0.47 / 365,
    demandShown: "0.47/365",
    demandSource: "660 million air trips in 2019 over 1.41 billion people, CAAC via Xinhua",
    value: 0.2,
    valueSource: travelValue,
  },
  rail: {
    triggers: ["court"],
    fromTier: "none",
    demand: 1.6 / 365,
    demandShown: "1.6/365",
    demandSource:
      "2.29 billion bullet-train trips in 2019 (the classes the ban covers) over 1.41 billion people, China State Railway via Xinhua",
    value: 0.2,
    valueSource: travelValue,
  },
  school: {
    triggers: ["court"],
    fromTier: "none",
    demand: 0.1,
    demandShown: "0.1",
    demandSource:
      "the ban covers high-fee private schools, which taught about 10% of pupils in compulsory education in 2019 (Ministry of Education via Caixin)",
    value: 1,
    valueSource: "modelling choice: a child's schooling weighs more than a month's bills",
  },
  social_media: {
    triggers: [],
    fromTier: "none",
    demand: 0.7,
    demandShown: "0.7",
    demandSource: "modelling choice",
    value: 0.1,
    valueSource: "modelling choice",
  },
  loan: {
    triggers: ["financial", "court"],
    fromTier: "none",
    demand: 0,
    demandShown: "0",
    demandSource: "loan requests are M1's loanRequestRate",
    value: 0.3,
    valueSource:
      "Liberman 2016 (J. Financ. Econ.): Chilean borrowers would pay about 11% of a month's income for a clean record; a statement taken as about a third of monthly income",
  },
  job: {
    triggers: ["court"],
    fromTier: "none",
    demand: 1 / 365,
    demandShown: "1/365",
    demandSource: "modelling choice",
    value: 0.3,
    valueSource: "modelling choice",
  },
};

/**
 * M11 — Sanctions. Each sanction (flight and rail bans, school access for
 * children, social-media access, loan denial, job restriction) is triggered by
 * the blacklists of chosen sub-systems and optionally by a low tier. Agents
 * keep trying: every attempt is counted, and a denied attempt is counted as an
 * attempt, not as a person (calibration-facts.md §1: "person-times"). A share
 * `leakage` of denied travel attempts gets through (black-market tickets,
 * calibration-facts.md §1). An agent denied social media speaks offline only:
 * it loses its online voice (M17).
 */
export const sanctionsParams = z
  .strictObject({
    ...(Object.fromEntries(SANCTIONS.map((s) => [s, sanctionParams(defaults[s])])) as Record<
      (typeof SANCTIONS)[number],
      ReturnType<typeof sanctionParams>
    >),
    schoolDay: int(240, "Day of the year (0..364) on which parents apply to schools", {
      min: 0,
      max: 364,
      source: "admission once a year, for September (day 240 is late August)",
    }),
    leakage: prob(0.01, "Share of denied travel attempts that get through on the black market", {
      source: "calibration-facts.md §1: thousands of cases, so small",
    }),
    retry: prob(
      0.4,
      "Probability that a traveller or a parent denied tries again (another ticket, another date, another school) instead of giving up",
      {
        source:
          "calibrated with the fragmented preset: flight and rail purchases blocked per court listing, 17.5 + 5.5 million over 10.6-13 million listings to end-2018, 'of the order of 1-2 per person' (calibration-facts.md §1); the 8.7 attempts per blocked person in the interception system's first month (2014), when nobody knew of a ban yet, bound it from above",
      },
    ),
    retryDelay: num(3, "Mean steps before a denied attempt is tried again", {
      min: 1,
      source: "modelling choice",
    }),
    knownBanDemand: prob(
      0.08,
      "Once a traveller has been denied, it knows it is banned until its listing ends and books only this share of its usual trips (needs that will not wait)",
      { source: "modelling choice: no figure on trips given up by the listed was found" },
    ),
  })
  .describe("M11: sanctions per sub-system and tier, and agents' demand for what they deny.");

export type SanctionsParams = z.infer<typeof sanctionsParams>;

const TIER_INDEX = { A: 0, B: 1, C: 2, D: 3, none: 4 } as const;

/** Per-sanction masks the model precomputes from the scenario. */
export function sanctionTables(p: SanctionsParams): { triggers: Uint8Array; fromTier: Uint8Array } {
  const triggers = new Uint8Array(SANCTIONS.length);
  const fromTier = new Uint8Array(SANCTIONS.length);
  SANCTIONS.forEach((s, j) => {
    for (const sub of p[s].triggers) triggers[j] |= 1 << SUBSYSTEMS.indexOf(sub);
    fromTier[j] = TIER_INDEX[p[s].fromTier];
  });
  return { triggers, fromTier };
}

/**
 * What a month listed in each sub-system costs an agent, in statements, as
 * three coefficients per sub-system k: cost = base[k] + travel[k] · (the
 * agent's travel propensity) + child[k] · (1 if it has a child). It counts
 * every sanction a listing in k brings for sure (k triggers it, or it applies
 * from tier D, which every listed agent is in), and each sanction a listing
 * elsewhere would bring, weighted by the probability `level` that joint
 * punishment shares the listing with a running sub-system that triggers it.
 * Only covered, running sub-systems count; a sanction counts once.
 */
export function monthlyListingCost(
  p: SanctionsParams,
  running: Int32Array,
  level: number,
): { base: Float64Array; travel: Float64Array; child: Float64Array } {
  const { triggers, fromTier } = sanctionTables(p);
  const K = SUBSYSTEMS.length;
  const base = new Float64Array(K);
  const travel = new Float64Array(K);
  const child = new Float64Array(K);
  let on = 0;
  for (const k of running) on |= 1 << k;
  for (const k of running) {
    SANCTIONS.forEach((name, s) => {
      let weight: number;
      if (fromTier[s] <= 3 || triggers[s] & (1 << k)) weight = 1;
      else {
        // Shared with each other running sub-system that triggers s, independently.
        let miss = 1;
        for (let k2 = 0; k2 < K; k2++)
          if (k2 !== k && on & (1 << k2) && triggers[s] & (1 << k2)) miss *= 1 - level;
        weight = 1 - miss;
      }
      const v = weight * p[name].value;
      if (name === "flight" || name === "rail") travel[k] += v;
      else if (name === "school") child[k] += v;
      else base[k] += v;
    });
  }
  return { base, travel, child };
}

const attemptLanes = { next: 0, leak: 1, retry: 2, delay: 3 } as const;
const DRAWS = {
  first: {
    stream: STREAM.sanctions,
    at: "init",
    block: 0,
    lanes: { flight: 0, rail: 1, job: 2 },
    doc: "Each agent's first flight, rail and job attempt.",
  },
  flight: {
    stream: STREAM.sanctions,
    at: "step",
    block: 0,
    lanes: attemptLanes,
    doc: "A flight booking: the next one, leakage past a ban, and whether and when a denied traveller tries again.",
  },
  rail: {
    stream: STREAM.sanctions,
    at: "step",
    block: 1,
    lanes: attemptLanes,
    doc: "A rail booking: the next one, leakage past a ban, and whether and when a denied traveller tries again.",
  },
  job: {
    stream: STREAM.sanctions,
    at: "step",
    block: 2,
    lanes: attemptLanes,
    doc: "A job application: the next one, and whether and when a denied applicant tries again.",
  },
  school: {
    stream: STREAM.sanctions,
    at: "step",
    words: [word(12)],
    doc: "Whether a parent applies to a school on school day (block 3, lane 0).",
  },
  schoolRetry: {
    stream: STREAM.sanctions,
    at: "step",
    block: 4,
    lanes: { retry: 0, delay: 1 },
    doc: "Whether and when a parent denied a school applies again.",
  },
} as const;

/** Whether sanction s applies to agent i now: listed in a triggering sub-system, or tier low enough. */
export function sanctioned(w: World, i: number, s: number): boolean {
  const st = w.state;
  if (!st.covered[i]) return false;
  const { fromTier, triggers } = w.tables.M11;
  if (st.tier[i] >= fromTier[s]) return true;
  const mask = triggers[s];
  if (mask === 0 || !st.listed[i]) return false;
  const row = i * w.K;
  const lu = st.listedUntil;
  const t = w.t;
  for (let k = 0; k < w.K; k++) if (mask & (1 << k) && lu[row + k] > t) return true;
  return false;
}

/** A loan request of agent i (group g): counted, and granted unless the loan sanction applies. */
export function requestLoan(w: World, i: number, g: number): boolean {
  const c = SANCTION.loan * w.G + g;
  w.count.attempts[c]++;
  if (!sanctioned(w, i, SANCTION.loan)) return true;
  w.count.denied[c]++;
  return false;
}

/** An attempt of agent i (group g) at sanction s; u decides leakage. Returns whether it was denied. */
export function attempt(w: World, i: number, g: number, s: number, u: number): boolean {
  const c = s * w.G + g;
  w.count.attempts[c]++;
  if (!sanctioned(w, i, s)) return false;
  if ((s === SANCTION.flight || s === SANCTION.rail) && u < w.params.sanctions.leakage)
    return false;
  w.count.denied[c]++;
  return true;
}

/** Draws every agent's first travel and job attempts. */
function init(w: World): void {
  const p = w.params.sanctions;
  const st = w.state;
  const words = w.rng.fill(DRAWS.first, 0);
  const L = DRAWS.first.lanes;
  const travel = w.pop.travel;
  for (let i = 0; i < w.n; i++) if (w.pop.hasChild[i]) w.tally.parents[w.pop.group[i]]++;
  for (let i = 0; i < w.n; i++) {
    st.nextFlight[i] = nextAfter(
      0,
      unit(words[4 * i + L.flight]),
      rateOf(p.flight.demand, travel[i]),
    );
    st.nextRail[i] = nextAfter(0, unit(words[4 * i + L.rail]), rateOf(p.rail.demand, travel[i]));
    st.nextJob[i] = nextAfter(0, unit(words[4 * i + L.job]), p.job.demand);
    st.nextSchool[i] = NEVER;
  }
}

/** A per-step rate times a propensity, at most 1. */
function rateOf(demand: number, propensity: number): number {
  const r = demand * propensity;
  return r < 1 ? r : 1;
}

/**
 * The attempts at sanction `kind` due this step. Each is rescheduled: denied,
 * the agent tries again soon with probability `retry` (another ticket, another
 * date), else at its usual rate.
 */
function demandOf(
  w: World,
  t: number,
  col: Int32Array,
  kind: number,
  rate: number,
  byTravel: boolean,
  draw: (typeof DRAWS)["flight" | "rail" | "job"],
): void {
  const p = w.params.sanctions;
  const count = w.sched.collect(col, t);
  const ids = w.sched.ids;
  const wd = w.rng.gather(draw, t, count);
  const { detained, banKnownUntil } = w.state;
  const travel = w.pop.travel;
  const L = attemptLanes;
  const retryRate = 1 / p.retryDelay;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (detained[i]) {
      col[i] = nextAfter(t, unit(wd[o + L.next]), byTravel ? rateOf(rate, travel[i]) : rate);
      continue;
    }
    const denied = attempt(w, i, w.pop.group[i], kind, unit(wd[o + L.leak]));
    // Denied, a traveller knows it is banned until its listings end.
    if (denied && byTravel) banKnownUntil[i] = lastListingEnd(w, i);
    const known = byTravel && banKnownUntil[i] > t ? p.knownBanDemand : 1;
    const r = byTravel ? rateOf(rate, travel[i]) * known : rate;
    col[i] =
      denied && unit(wd[o + L.retry]) < p.retry
        ? nextAfter(t, unit(wd[o + L.delay]), retryRate)
        : nextAfter(t, unit(wd[o + L.next]), r);
  }
}

/** The step the last of agent i's listings in force ends (0 when it is not listed). */
function lastListingEnd(w: World, i: number): number {
  const lu = w.state.listedUntil;
  let end = 0;
  for (let k = 0; k < w.K; k++) if (lu[i * w.K + k] > end) end = lu[i * w.K + k];
  return end;
}

/** School year of step t (the year that starts on schoolDay). */
function schoolYear(t: number, schoolDay: number): number {
  return Math.floor((t - schoolDay) / 365);
}

/**
 * A parent's application to a school (for its one school-age child). Denied,
 * the child counts once as a child denied this school year, however many
 * schools turn it away, and the parent applies again soon with probability
 * `retry` within the month after school day.
 */
function applyToSchool(w: World, i: number, t: number, u1: number, u2: number): void {
  const p = w.params.sanctions;
  const st = w.state;
  const g = w.pop.group[i];
  if (!attempt(w, i, g, SANCTION.school, 1)) {
    st.nextSchool[i] = NEVER;
    return;
  }
  const year = schoolYear(t, p.schoolDay);
  if (st.schoolDeniedYear[i] !== year) {
    st.schoolDeniedYear[i] = year;
    w.count.childrenDenied[g]++;
  }
  const next = nextAfter(t, u2, 1 / p.retryDelay);
  st.nextSchool[i] = u1 < p.retry && next - (p.schoolDay + 365 * year) <= 30 ? next : NEVER;
}

/** This step's flight, rail and job attempts, and school applications on school day and after. */
function sanctions(w: World, t: number): void {
  const p = w.params.sanctions;
  const st = w.state;
  demandOf(w, t, st.nextFlight, SANCTION.flight, p.flight.demand, true, DRAWS.flight);
  demandOf(w, t, st.nextRail, SANCTION.rail, p.rail.demand, true, DRAWS.rail);
  demandOf(w, t, st.nextJob, SANCTION.job, p.job.demand, false, DRAWS.job);
  // Parents denied who apply again.
  const again = w.sched.collect(st.nextSchool, t);
  const ids = w.sched.ids;
  const wd = w.rng.gather(DRAWS.schoolRetry, t, again);
  const R = DRAWS.schoolRetry.lanes;
  for (let j = 0; j < again; j++) {
    const i = ids[j];
    if (st.detained[i]) st.nextSchool[i] = NEVER;
    else applyToSchool(w, i, t, unit(wd[4 * j + R.retry]), unit(wd[4 * j + R.delay]));
  }
  if (t % 365 === p.schoolDay && p.school.demand > 0) {
    const rng = w.rng.stream(DRAWS.school);
    const hasChild = w.pop.hasChild;
    for (let i = 0; i < w.n; i++) {
      if (!hasChild[i] || st.detained[i]) continue;
      if (p.school.demand < 1 && rng.u01(t, i, 12) >= p.school.demand) continue;
      // The retry decision uses the same words as a retry's (block 4): one purpose.
      applyToSchool(w, i, t, rng.u01(t, i, 16 + R.retry), rng.u01(t, i, 16 + R.delay));
      if (st.nextSchool[i] !== NEVER) w.sched.scheduleAt(i, st.nextSchool[i]);
    }
  }
}

/** How many distinct sanctions apply to agent i at step t: by the sub-systems it is listed in, or by its tier. */
export function distinctSanctions(w: World, i: number, t: number): number {
  if (!w.state.covered[i]) return 0;
  const subs = w.tables.M5.list;
  const lu = w.state.listedUntil;
  const row = i * w.K;
  let mask = 0;
  for (let q = 0; q < subs.length; q++) if (lu[row + subs[q]] > t) mask |= 1 << subs[q];
  const tier = w.state.tier[i];
  const { triggers, fromTier } = w.tables.M11;
  let ds = 0;
  for (let s = 0; s < triggers.length; s++) if (tier >= fromTier[s] || mask & triggers[s]) ds++;
  return ds;
}

/** The denials a run report charts. */
const CHARTED_DENIALS: Partial<Record<string, { title: string; yLabel: string }>> = {
  loan: { title: "Loans denied", yLabel: "attempts this step" },
  flight: { title: "Flights denied", yLabel: "attempts this step" },
};

/** Its sections of the scenario's `mechanisms`. */
export const params = { sanctions: sanctionsParams };

export const mechanism = defineMechanism({
  id: "M11",
  title: "Sanctions",
  article: {
    de: "Wer als „unzuverlässig“ gilt, kann keine Flugtickets buchen, darf seine Kinder nicht auf eine gute Schule schicken und hat keinen Zugang zu sozialen Medien …",
    en: 'Whoever is deemed "unreliable" cannot book plane tickets, may not send their children to a good school and has no access to social media …',
  },
  params,
  columns: {
    nextFlight: col.event("Step of the agent's next flight booking."),
    nextRail: col.event("Step of the agent's next rail booking."),
    nextJob: col.event("Step of the agent's next job application."),
    nextSchool: col.event("Step at which a parent denied a school applies again."),
    banKnownUntil: col.i32(
      "Step until which the agent knows it is banned from travel (it was denied once).",
    ),
    schoolDeniedYear: col.i32(
      "The last school year in which the agent's child was denied a school.",
      {
        fill: -1_000_000,
      },
    ),
    sanctionCount: col.u8(
      "Distinct sanctions that apply to the agent while it is listed (0 when not), as last rescored.",
    ),
  },
  tallies: {
    listedSanctions: "Distinct sanctions applying to listed agents.",
    parents: "Agents with a school-age child (who apply to schools).",
  },
  counters: {
    attempts: {
      doc: "Attempts this step, per sanction (SANCTIONS order).",
      size: SANCTIONS.length,
    },
    denied: { doc: "Attempts denied this step, per sanction.", size: SANCTIONS.length },
    childrenDenied: {
      doc: "Children denied a school for the first time this school year, this step.",
    },
  },
  draws: DRAWS,
  prepare: (b) => sanctionTables(b.params.sanctions),
  metrics: {
    ...perName("denied", SANCTIONS, (s, name) =>
      metric(
        `Attempts at ${name} denied this step (attempts, not persons).`,
        (w, grp): number => atCell(w.count.denied, s, w.G, grp),
        CHARTED_DENIALS[name],
      ),
    ),
    ...perName("attempts", SANCTIONS, (s, name) =>
      metric(`Attempts at ${name} this step.`, (w, grp): number =>
        atCell(w.count.attempts, s, w.G, grp),
      ),
    ),
    parents: share(
      "parents",
      "Share of agents with a school-age child: the denominator of children denied school.",
    ),
    children_denied_school: counted(
      "childrenDenied",
      "Children denied a school this step for the first time this school year (children, not applications).",
      0,
      { title: "Children denied school", yLabel: "children this step" },
    ),
    sanctions_per_listed: metric(
      "Mean distinct sanctions applying to a listed agent.",
      (w, grp): number => ratio(at(w.tally.listedSanctions, grp), at(w.tally.listed, grp)),
    ),
  },
  steps: { init, sanctions },
});

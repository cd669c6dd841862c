import { z } from "zod";
import { at, atCell, metric, perName, ratio } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { int, prob } from "../scenario/param.js";
import { nextAfter, unit } from "../schedule.js";
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
          `Sub-systems whose blacklist triggers this sanction (default [${d.triggers.join(", ")}]).`,
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
          `Flight, rail, job: attempts per agent per step. School: share of parents who apply on schoolDay. Social media: share of speech (M17) made online. Loans: see M1 (default ${Number(d.demand.toPrecision(4))}).`,
        ),
    })
    .prefault({})
    .describe("One sanction: what triggers it and how often agents try.");
}

const defaults: Record<(typeof SANCTIONS)[number], SanctionSpec> = {
  flight: { triggers: ["court"], fromTier: "none", demand: 2 / 365 },
  rail: { triggers: ["court"], fromTier: "none", demand: 3 / 365 },
  school: { triggers: ["court"], fromTier: "none", demand: 1 },
  social_media: { triggers: [], fromTier: "none", demand: 0.7 },
  loan: { triggers: ["financial", "court"], fromTier: "none", demand: 0 },
  job: { triggers: ["court"], fromTier: "none", demand: 1 / 365 },
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
    }),
    leakage: prob(0.01, "Share of denied travel attempts that get through on the black market", {
      source: "calibration-facts.md §1: thousands of cases, so small",
    }),
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

const attemptLanes = { next: 0, leak: 1 } as const;
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
    doc: "A flight booking: the next one, and leakage past a ban.",
  },
  rail: {
    stream: STREAM.sanctions,
    at: "step",
    block: 1,
    lanes: attemptLanes,
    doc: "A rail booking: the next one, and leakage past a ban.",
  },
  job: {
    stream: STREAM.sanctions,
    at: "step",
    block: 2,
    lanes: attemptLanes,
    doc: "A job application: the next one.",
  },
  school: {
    stream: STREAM.sanctions,
    at: "step",
    words: [word(12)],
    doc: "Whether a parent applies to a school on school day (block 3, lane 0).",
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
  for (let i = 0; i < w.n; i++) {
    st.nextFlight[i] = nextAfter(0, unit(words[4 * i + L.flight]), p.flight.demand);
    st.nextRail[i] = nextAfter(0, unit(words[4 * i + L.rail]), p.rail.demand);
    st.nextJob[i] = nextAfter(0, unit(words[4 * i + L.job]), p.job.demand);
  }
}

/** The attempts at sanction `kind` due this step, each rescheduled. */
function demandOf(
  w: World,
  t: number,
  col: Int32Array,
  kind: number,
  rate: number,
  draw: (typeof DRAWS)["flight" | "rail" | "job"],
): void {
  const count = w.sched.collect(col, t);
  const ids = w.sched.ids;
  const wd = w.rng.gather(draw, t, count);
  const detained = w.state.detained;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    col[i] = nextAfter(t, unit(wd[o + attemptLanes.next]), rate);
    if (detained[i]) continue;
    attempt(w, i, w.pop.group[i], kind, unit(wd[o + attemptLanes.leak]));
  }
}

/** This step's flight, rail and job attempts, and school applications on school day. */
function sanctions(w: World, t: number): void {
  const p = w.params.sanctions;
  const st = w.state;
  demandOf(w, t, st.nextFlight, SANCTION.flight, p.flight.demand, DRAWS.flight);
  demandOf(w, t, st.nextRail, SANCTION.rail, p.rail.demand, DRAWS.rail);
  demandOf(w, t, st.nextJob, SANCTION.job, p.job.demand, DRAWS.job);
  if (t % 365 === p.schoolDay && p.school.demand > 0) {
    const rng = w.rng.stream(DRAWS.school);
    const hasChild = w.pop.hasChild;
    for (let i = 0; i < w.n; i++) {
      if (!hasChild[i] || st.detained[i]) continue;
      if (p.school.demand < 1 && rng.u01(t, i, 12) >= p.school.demand) continue;
      attempt(w, i, w.pop.group[i], SANCTION.school, 1);
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
    sanctionCount: col.u8(
      "Distinct sanctions that apply to the agent while it is listed (0 when not), as last rescored.",
    ),
  },
  tallies: { listedSanctions: "Distinct sanctions applying to listed agents." },
  counters: {
    attempts: {
      doc: "Attempts this step, per sanction (SANCTIONS order).",
      size: SANCTIONS.length,
    },
    denied: { doc: "Attempts denied this step, per sanction.", size: SANCTIONS.length },
  },
  draws: DRAWS,
  prepare: (b) => sanctionTables(b.params.sanctions),
  metrics: {
    ...perName("denied", SANCTIONS, (s, name) =>
      metric(`Attempts at ${name} denied this step (attempts, not persons).`, (w, grp): number =>
        atCell(w.count.denied, s, w.G, grp),
      ),
    ),
    ...perName("attempts", SANCTIONS, (s, name) =>
      metric(`Attempts at ${name} this step.`, (w, grp): number =>
        atCell(w.count.attempts, s, w.G, grp),
      ),
    ),
    sanctions_per_listed: metric(
      "Mean distinct sanctions applying to a listed agent.",
      (w, grp): number => ratio(at(w.tally.listedSanctions, grp), at(w.tally.listed, grp)),
    ),
  },
  steps: { init, sanctions },
});

import { z } from "zod";
import { ATTEMPTS, COUNTER, DENIED } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { nextAfter, unit } from "../schedule.js";
import { SANCTION, SANCTIONS, SUBSYSTEMS } from "../subsystems.js";

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
    schoolDay: z
      .number()
      .int()
      .min(0)
      .max(364)
      .default(240)
      .describe("Day of the year (0..364) on which parents apply to schools (default 240)."),
    leakage: z
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .describe(
        "Share of denied travel attempts that get through on the black market (default 0.01; calibration-facts.md §1: thousands of cases, so small).",
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

/** An attempt of agent i (group g) at sanction s; u decides leakage. Returns whether it was denied. */
export function attempt(m: ScsModel, i: number, g: number, s: number, u: number): boolean {
  const G = m.counters.groups;
  const cv = m.counters.v;
  cv[(ATTEMPTS + s) * G + g]++;
  if (!m.sanctioned(i, s)) return false;
  if ((s === SANCTION.flight || s === SANCTION.rail) && u < m.scenario.mechanisms.sanctions.leakage)
    return false;
  cv[(DENIED + s) * G + g]++;
  if (m.state.listed[i]) cv[COUNTER.sanctionsOnListed * G + g]++;
  return true;
}

/** Draws every agent's first travel and job attempts. */
export function scheduleSanctions(m: ScsModel, words: Uint32Array): void {
  const p = m.scenario.mechanisms.sanctions;
  const st = m.state;
  for (let i = 0; i < m.n; i++) {
    st.nextFlight[i] = nextAfter(0, unit(words[4 * i]), p.flight.demand);
    st.nextRail[i] = nextAfter(0, unit(words[4 * i + 1]), p.rail.demand);
    st.nextJob[i] = nextAfter(0, unit(words[4 * i + 2]), p.job.demand);
  }
}

/** The attempts at sanction `kind` due this step (words of block `sub`), each rescheduled. */
function demandOf(
  m: ScsModel,
  t: number,
  col: Int32Array,
  kind: number,
  rate: number,
  sub: number,
): void {
  const count = m.collect(col, t);
  const ids = m.ids;
  const w = m.gather(STREAM.sanctions, t, count, sub);
  const detained = m.state.detained;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    col[i] = nextAfter(t, unit(w[o]), rate);
    if (detained[i]) continue;
    attempt(m, i, m.pop.group[i], kind, unit(w[o + 1]));
  }
}

/** This step's flight, rail and job attempts, and school applications on school day. */
export function sanctions(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.sanctions;
  const st = m.state;
  demandOf(m, t, st.nextFlight, SANCTION.flight, p.flight.demand, 0);
  demandOf(m, t, st.nextRail, SANCTION.rail, p.rail.demand, 1);
  demandOf(m, t, st.nextJob, SANCTION.job, p.job.demand, 2);
  if (t % 365 === p.schoolDay && p.school.demand > 0) {
    const rng = m.stream(STREAM.sanctions);
    const hasChild = m.pop.hasChild;
    for (let i = 0; i < m.n; i++) {
      if (!hasChild[i] || st.detained[i]) continue;
      // Word 12 is block 3, which no other draw of this stream and step uses.
      if (p.school.demand < 1 && rng.u01(t, i, 12) >= p.school.demand) continue;
      attempt(m, i, m.pop.group[i], SANCTION.school, 1);
    }
  }
}

/** How many distinct sanctions apply to agent i at step t: by the sub-systems it is listed in, or by its tier. */
export function distinctSanctions(m: ScsModel, i: number, t: number): number {
  if (!m.covered[i]) return 0;
  const subs = m.subsystemList;
  const lu = m.state.listedUntil;
  const row = i * m.K;
  let mask = 0;
  for (let q = 0; q < subs.length; q++) if (lu[row + subs[q]] > t) mask |= 1 << subs[q];
  const tier = m.state.tier[i];
  const triggers = m.sanctionTriggers;
  const fromTier = m.sanctionFromTier;
  let ds = 0;
  for (let s = 0; s < triggers.length; s++) if (tier >= fromTier[s] || mask & triggers[s]) ds++;
  return ds;
}

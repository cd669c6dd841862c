import { z } from "zod";
import { ATTEMPTS, COUNTER, DENIED } from "../counters.js";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { SANCTION, SANCTIONS, SUBSYSTEMS } from "../subsystems.js";

const tierName = z.enum(["A", "B", "C", "D", "none"]);

export const sanctionParams = z
  .strictObject({
    triggers: z
      .array(z.enum(SUBSYSTEMS))
      .default([])
      .describe("Sub-systems whose blacklist triggers this sanction."),
    fromTier: tierName
      .default("none")
      .describe(
        "Tier from which the sanction applies to everyone at or below it, listed or not ('none' = by listing only).",
      ),
    demand: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        "Attempts per agent per step (flight, rail, job, social media); school: share of parents applying on schoolDay; loans come from M1.",
      ),
  })
  .describe("One sanction: what triggers it and how often agents try.");

type SanctionSpec = z.infer<typeof sanctionParams>;

const defaults: Record<(typeof SANCTIONS)[number], SanctionSpec> = {
  flight: { triggers: ["court"], fromTier: "none", demand: 4 / 365 },
  rail: { triggers: ["court"], fromTier: "none", demand: 6 / 365 },
  school: { triggers: ["court"], fromTier: "none", demand: 1 },
  social_media: { triggers: [], fromTier: "none", demand: 0.2 },
  loan: { triggers: ["financial", "court"], fromTier: "none", demand: 0 },
  job: { triggers: ["court"], fromTier: "none", demand: 1 / 365 },
};

/**
 * M11 — Sanctions. Each sanction (flight and rail bans, school access for
 * children, social-media access, loan denial, job restriction) is triggered by
 * the blacklists of chosen sub-systems, and optionally by a low tier. Agents
 * keep trying: every attempt is counted, and a denied attempt is counted as an
 * attempt, not as a person (calibration-facts.md §1, "person-times").
 * A share `leakage` of denied travel attempts gets through anyway (black-market
 * tickets, calibration-facts.md §1).
 */
export const sanctionsParams = z
  .strictObject({
    ...(Object.fromEntries(
      SANCTIONS.map((s) => [s, sanctionParams.default(defaults[s])]),
    ) as Record<(typeof SANCTIONS)[number], z.ZodDefault<typeof sanctionParams>>),
    schoolDay: z
      .number()
      .int()
      .min(0)
      .default(240)
      .describe("Step of the year (0..364) on which parents apply to schools (default 240)."),
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

/** Travel, job, social-media and school attempts of this step, and their denials. */
export function sanctions(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.sanctions;
  const { n, pop, state, counters } = m;
  const { detained } = state;
  const w = m.blocks(STREAM.sanctions, t, 0);
  const U = 2.3283064365386963e-10;
  const G = counters.groups;
  const cv = counters.v;
  const dFlight = p.flight.demand;
  const dRail = p.rail.demand;
  const dJob = p.job.demand;
  const dSocial = p.social_media.demand;
  const schoolToday = t % 365 === p.schoolDay % 365 && p.school.demand > 0;
  const leak = p.leakage;
  const leakRng = m.stream(STREAM.sanctions);
  for (let i = 0; i < n; i++) {
    if (detained[i]) continue;
    const o = i << 2;
    const g = pop.group[i];
    if ((w[o] + 0.5) * U < dFlight) attempt(m, cv, G, i, g, SANCTION.flight, leak, leakRng, t);
    if ((w[o + 1] + 0.5) * U < dRail) attempt(m, cv, G, i, g, SANCTION.rail, leak, leakRng, t);
    if ((w[o + 2] + 0.5) * U < dJob) attempt(m, cv, G, i, g, SANCTION.job, 0, leakRng, t);
    if ((w[o + 3] + 0.5) * U < dSocial) {
      cv[(ATTEMPTS + SANCTION.social_media) * G + g]++;
      if (m.sanctioned(i, SANCTION.social_media)) cv[(DENIED + SANCTION.social_media) * G + g]++;
    }
    if (schoolToday && pop.hasChild[i] && leakRng.u01(t, i, 7) < p.school.demand) {
      attempt(m, cv, G, i, g, SANCTION.school, 0, leakRng, t);
    }
  }
}

function attempt(
  m: ScsModel,
  cv: Float64Array,
  G: number,
  i: number,
  g: number,
  s: number,
  leak: number,
  rng: ReturnType<ScsModel["stream"]>,
  t: number,
): void {
  cv[(ATTEMPTS + s) * G + g]++;
  if (m.sanctioned(i, s) && (leak === 0 || rng.u01(t, i, 4 + s) >= leak)) {
    cv[(DENIED + s) * G + g]++;
    if (m.state.listed[i]) cv[COUNTER.sanctionsOnListed * G + g]++;
  }
}

/**
 * The counterfactual every benefit is measured against: the same society with
 * no system. `systemOff(s)` keeps what describes the society — its size,
 * horizon, population, network, and the sections of `mechanisms` that say how
 * people behave (repayment, approval and dissent, travel and school demand,
 * retries) — and replaces every section that
 * describes the system (scores, records, lists, sanctions, surveillance and
 * its announcement, the payment platform's data, tiers, rewards, detention,
 * the association penalty) by
 * its default, switched off. Run on the same seed, the two share every random
 * number that the society draws, so their difference is the system's effect.
 *
 * Every section of `mechanisms` is classified here as society or system (a
 * test checks it), so a new mechanism's section cannot slip into the baseline
 * unnoticed.
 */
import { SANCTIONS, SUBSYSTEMS } from "../subsystems.js";
import { type ScsScenario, scsScenarioSchema } from "./schema.js";

type Mechanisms = ScsScenario["mechanisms"];

/** Sections of `mechanisms` that describe the society: kept as they are. */
export const SOCIETY_SECTIONS = ["financial", "approval", "dissent"] as const;

/**
 * Sections that describe the system: reset to their defaults and switched off.
 * `sanctions` is both: its demand, value and retry fields are the society's
 * and kept; its triggers are the system's and emptied.
 */
export const SYSTEM_SECTIONS = [
  "political",
  "rewards",
  "pilots",
  "platform",
  "subsystems",
  "integration",
  "observation",
  "association",
  "visibility",
  "sanctions",
  "tiers",
  "targeted",
  "groupCap",
  "detention",
  "retention",
  "participation",
  "appeal",
] as const;

/** The patch, over the defaults, that switches every part of the system off. */
function off(s: ScsScenario): Record<string, unknown> {
  const m = s.mechanisms;
  return {
    political: { enabled: false, announced: false },
    rewards: { enabled: false },
    subsystems: Object.fromEntries(SUBSYSTEMS.map((k) => [k, { enabled: false }])),
    association: { enabled: false },
    detention: { enabled: false },
    participation: { enabled: false },
    appeal: { enabled: false },
    tiers: { privileges: false },
    platform: { shareWithState: false },
    sanctions: {
      ...m.sanctions,
      ...Object.fromEntries(
        SANCTIONS.map((k) => [k, { ...m.sanctions[k], triggers: [], fromTier: "none" }]),
      ),
    },
  };
}

/**
 * The scenario `s` with its system switched off: same society, same seed,
 * no scores, no lists, no sanctions. Named "<name> without the system".
 */
export function systemOff(s: ScsScenario): ScsScenario {
  const mechanisms: Record<string, unknown> = {};
  for (const k of SOCIETY_SECTIONS) mechanisms[k] = s.mechanisms[k];
  Object.assign(mechanisms, off(s));
  return scsScenarioSchema.parse({
    ...s,
    name: `${s.name} without the system`,
    description: `The society of ${s.name} with no scores, lists or sanctions: the counterfactual its benefits are measured against.`,
    mechanisms: mechanisms as Partial<Mechanisms>,
  });
}

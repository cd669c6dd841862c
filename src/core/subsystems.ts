/**
 * The sub-systems of M5: each keeps its own records, score and blacklist.
 * Their order is fixed; columns indexed by sub-system use these numbers.
 */
export const SUBSYSTEMS = ["court", "financial", "municipal", "platform", "security"] as const;
export type SubsystemName = (typeof SUBSYSTEMS)[number];
export const K = SUBSYSTEMS.length;
export const SUB = {
  court: 0,
  financial: 1,
  municipal: 2,
  platform: 3,
  security: 4,
} as const satisfies Record<SubsystemName, number>;

/** Sanctions of M11; each has its own demand (attempts) and denial count. */
export const SANCTIONS = ["flight", "rail", "school", "social_media", "loan", "job"] as const;
export type SanctionName = (typeof SANCTIONS)[number];
export const SANCTION = {
  flight: 0,
  rail: 1,
  school: 2,
  social_media: 3,
  loan: 4,
  job: 5,
} as const satisfies Record<SanctionName, number>;

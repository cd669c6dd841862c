/**
 * Stream ids: every purpose that draws randomness owns one, so adding a draw
 * to one mechanism never shifts the numbers another mechanism sees.
 */
export const STREAM = {
  network: 1,
  population: 2, // + column index (2..31)
  financial: 40,
  political: 41,
  reward: 42,
  observation: 43,
  faceMatch: 44,
  listing: 45,
  sanctions: 46,
  detention: 47,
  behaviour: 48,
  protest: 49,
  ostracism: 50,
  opinion: 51,
  participation: 52,
  platform: 53,
  appeal: 54,
  epstein: 60,
  // Experiments (src/core/experiment, src/core/stats): keyed by the master seed, never by a run's.
  unitSeed: 70,
  sobolScramble: 71,
  lhs: 72,
  morris: 73,
  bootstrap: 74,
  testModelNoise: 75,
} as const;

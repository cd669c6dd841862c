/**
 * The state hash: FNV-1a 64 over every state column's bytes. Same seed and
 * scenario, same hash, on any machine.
 */
import { Fnv1a64 } from "../hash.js";
import type { World } from "./world.js";

/**
 * The columns engine 0.1.0 hashed, in its order, kept so that the hashes of
 * its stored runs stay comparable. The other declared columns (covered,
 * keptTies) are functions of these.
 */
const LEGACY_ORDER = [
  "nextLoanRequest",
  "nextLoanClose",
  "nextReward",
  "nextFlight",
  "nextRail",
  "nextJob",
  "nextParticipation",
  "nextExpiry",
  "nextAny",
  "willing",
  "loansOpen",
  "neg",
  "pos",
  "recordsAt",
  "score",
  "listedUntil",
  "combined",
  "tier",
  "lastViolation",
  "listed",
  "sanctionCount",
  "listingKnown",
  "legitimacy",
  "baseLegitimacy",
  "perceivedRisk",
  "latent",
  "expressed",
  "approvalExpressed",
  "protest",
  "participating",
  "detainedUntil",
  "detained",
  "edgeActive",
];

/** Hex FNV-1a 64 of the state columns. */
export function stateHash(w: World): string {
  const h = new Fnv1a64();
  const cols = w.state as unknown as Record<string, ArrayBufferView>;
  for (const name of LEGACY_ORDER) h.update(cols[name]);
  return h.hex();
}

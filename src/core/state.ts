import { K } from "./subsystems.js";

/** Bits of `prevPub`. */
export const PUB = {
  listed: 1,
  detained: 2,
  dissent: 4,
  approval: 8,
  protest: 16,
  participating: 32,
  /** Listed, and the listing is known to contacts (public list, or leaked: M10). */
  knownListed: 64,
} as const;

/**
 * The dynamic state of the agents, one typed-array column each (agent i is
 * row i). Columns indexed by sub-system k are agent-major: (i, k) at i * K + k.
 *
 * What other agents read is double-buffered: at the start of every step
 * `beginStep` packs it into `prevPub`; mechanisms read contacts from
 * `prevPub` and write only their own row of the current columns. Every update is therefore synchronous, and the result does not
 * depend on the order in which agents are visited.
 */
export class AgentState {
  // --- Scheduled events: the step of each agent's next event of a kind ---
  readonly nextLoanRequest: Int32Array;
  readonly nextLoanClose: Int32Array;
  readonly nextReward: Int32Array;
  readonly nextFlight: Int32Array;
  readonly nextRail: Int32Array;
  readonly nextJob: Int32Array;
  readonly nextParticipation: Int32Array;
  /** The earliest step a listing of the agent ends (review then), or NEVER. */
  readonly nextExpiry: Int32Array;
  /**
   * No later than the agent's earliest event of any kind: a step scans this
   * one column to find who is due, instead of scanning every kind.
   */
  readonly nextAny: Int32Array;
  /** 1 when the agent is willing to protest (Epstein's rule with protest risk), as of its last speech event. */
  readonly willing: Uint8Array;

  // --- Financial life (M1) ---
  readonly loansOpen: Uint8Array;

  // --- Records, scores, lists (M5, M16, M12) ---
  /** Negative records per sub-system, as of step `recordsAt`. */
  readonly neg: Float32Array;
  /** Positive records per sub-system, as of step `recordsAt`. */
  readonly pos: Float32Array;
  /** Step to which the agent's records have been faded (M16). */
  readonly recordsAt: Int32Array;
  /** Score per sub-system, whole points 0..1000. */
  readonly score: Int16Array;
  /** Step until which the agent is listed in sub-system k; 0 = not listed. */
  readonly listedUntil: Int32Array;
  /** Combined score the tiers are cut from, whole points (M12, M14). */
  readonly combined: Int16Array;
  /** Tier: 0 = A (top) .. 3 = D (lowest; the blacklisted). */
  readonly tier: Uint8Array;
  /** Step of the agent's last true violation (default, criticism, protest). */
  readonly lastViolation: Int32Array;
  /** Distinct sanctions that apply to the agent while it is listed (0 when not), as last rescored. */
  readonly sanctionCount: Uint8Array;
  /** 1 while the agent is on any blacklist. */
  readonly listed: Uint8Array;
  /** 1 when the agent's contacts know it is listed (M10). */
  readonly listingKnown: Uint8Array;

  // --- Opinion and behaviour (M8, M17) ---
  /** Perceived legitimacy of the system, 0..1 (Epstein's L; private approval, M8). */
  readonly legitimacy: Float32Array;
  /** The agent's own initial view L0, to which it stays anchored (M8). */
  readonly baseLegitimacy: Float32Array;
  /** Perceived probability of sanction for dissent, learned (M17). */
  readonly perceivedRisk: Float32Array;
  /** 1 when the agent privately dissents: grievance above the threshold. */
  readonly latent: Uint8Array;
  /** 1 when the agent's public stance is dissent. */
  readonly expressed: Uint8Array;
  /** 1 when the agent's public stance is approval (sincere or falsified). */
  readonly approvalExpressed: Uint8Array;
  /** 1 when the agent protests this step. */
  readonly protest: Uint8Array;
  /** 1 when the agent takes part in the scoring system (M18). */
  readonly participating: Uint8Array;

  // --- Detention (M15) ---
  readonly detainedUntil: Int32Array;
  readonly detained: Uint8Array;

  /** The previous step's public flags of each agent (bits PUB.*): what its contacts read. */
  readonly prevPub: Uint8Array;

  constructor(readonly n: number) {
    const i32 = () => new Int32Array(n);
    // Byte columns are padded to whole 32-bit words, so beginStep can pack four agents at once.
    const u8 = () => new Uint8Array(new ArrayBuffer((n + 3) & ~3), 0, n);
    this.prevPub = u8();
    this.nextLoanRequest = i32();
    this.nextLoanClose = i32();
    this.nextReward = i32();
    this.nextFlight = i32();
    this.nextRail = i32();
    this.nextJob = i32();
    this.nextParticipation = i32();
    this.nextExpiry = i32();
    this.nextAny = i32();
    this.willing = u8();
    this.loansOpen = u8();
    this.neg = new Float32Array(n * K);
    this.pos = new Float32Array(n * K);
    this.recordsAt = i32();
    this.score = new Int16Array(n * K);
    this.listedUntil = new Int32Array(n * K);
    this.combined = new Int16Array(n);
    this.tier = u8();
    this.lastViolation = i32().fill(-1_000_000_000);
    this.listed = u8();
    this.sanctionCount = u8();
    this.listingKnown = u8();
    this.legitimacy = new Float32Array(n);
    this.baseLegitimacy = new Float32Array(n);
    this.perceivedRisk = new Float32Array(n);
    this.latent = u8();
    this.expressed = u8();
    this.approvalExpressed = u8();
    this.protest = u8();
    this.participating = u8();
    this.detainedUntil = i32();
    this.detained = u8();
    const word = (a: Uint8Array) => new Uint32Array(a.buffer, 0, a.buffer.byteLength >> 2);
    this.words = [
      this.prevPub,
      this.listed,
      this.detained,
      this.expressed,
      this.approvalExpressed,
      this.protest,
      this.participating,
      this.listingKnown,
    ].map(word);
  }

  /** 32-bit views of the byte columns beginStep packs (made once: no allocation per step). */
  private readonly words: Uint32Array[];

  /** Bytes per agent of all state columns (for the memory guard). */
  static readonly BYTES_PER_AGENT =
    9 * 4 + 1 + 1 + 4 + 1 + K * (4 + 4 + 2 + 4) + 4 + 2 + 1 + 4 + 3 + 4 + 4 + 13 + 4;

  /**
   * Packs what contacts can see of each agent, as of the end of the previous
   * step, into one byte (bits PUB.*): one read per contact instead of six.
   */
  beginStep(): void {
    const w = this.words;
    packPublic(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
  }

  /** Every state column, in a fixed order, for the state hash. */
  columns(): ArrayBufferView[] {
    return [
      this.nextLoanRequest,
      this.nextLoanClose,
      this.nextReward,
      this.nextFlight,
      this.nextRail,
      this.nextJob,
      this.nextParticipation,
      this.nextExpiry,
      this.nextAny,
      this.willing,
      this.loansOpen,
      this.neg,
      this.pos,
      this.recordsAt,
      this.score,
      this.listedUntil,
      this.combined,
      this.tier,
      this.lastViolation,
      this.listed,
      this.sanctionCount,
      this.listingKnown,
      this.legitimacy,
      this.baseLegitimacy,
      this.perceivedRisk,
      this.latent,
      this.expressed,
      this.approvalExpressed,
      this.protest,
      this.participating,
      this.detainedUntil,
      this.detained,
    ];
  }
}

/**
 * prevPub = listed | detained << 1 | dissent << 2 | approval << 3 | protest << 4
 * | participating << 5 | (listed & known) << 6, four agents per 32-bit word:
 * every flag is 0 or 1 in its byte, so a shift by at most 6 keeps each agent's
 * bits inside its own byte.
 */
function packPublic(
  prevPub: Uint32Array,
  listed: Uint32Array,
  detained: Uint32Array,
  expressed: Uint32Array,
  approval: Uint32Array,
  protest: Uint32Array,
  participating: Uint32Array,
  known: Uint32Array,
): void {
  const n = prevPub.length;
  for (let k = 0; k < n; k++) {
    prevPub[k] =
      listed[k] |
      (detained[k] << 1) |
      (expressed[k] << 2) |
      (approval[k] << 3) |
      (protest[k] << 4) |
      (participating[k] << 5) |
      ((listed[k] & known[k]) << 6);
  }
}

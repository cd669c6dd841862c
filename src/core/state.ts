import { K } from "./subsystems.js";

/**
 * The dynamic state of the agents, one typed-array column each (agent i is
 * row i). Columns indexed by sub-system k are laid out agent-major:
 * value of (i, k) at i * K + k.
 *
 * Columns that other agents read during a step are double-buffered: at the
 * start of every step `beginStep` copies them into their `prev*` twins;
 * mechanisms read neighbours from `prev*` and write their own row of the
 * current column. That makes every update synchronous, so the result does not
 * depend on the order in which agents are visited.
 */
export class AgentState {
  // --- Financial life (M1) ---
  /** Open loans (each adds instalments to the obligations due). */
  readonly loansOpen: Uint8Array;

  // --- Records and scores per sub-system (M5, M16) ---
  /** Negative records, decayed by the retention of M16. */
  readonly neg: Float32Array;
  /** Positive records (payments on time, rewarded acts), decayed likewise. */
  readonly pos: Float32Array;
  /** Score per sub-system, 0..1000. */
  readonly score: Float32Array;
  /** Step until which the agent is listed in sub-system k; 0 = not listed. */
  readonly listedUntil: Int32Array;
  /** The combined score the tiers are cut from (M12). */
  readonly combined: Float32Array;
  /** Tier: 0 = A (top) .. 3 = D (lowest, the blacklisted). */
  readonly tier: Uint8Array;
  /** Step of the agent's last true violation (default, criticism, protest); -1e9 = never. */
  readonly lastViolation: Int32Array;
  /** 1 when the agent is on any blacklist (after joint punishment). */
  readonly listed: Uint8Array;
  readonly prevListed: Uint8Array;

  // --- Behaviour and opinion (M8, M9, M17) ---
  /** 1 when the agent privately dissents (latent dissent). */
  readonly latent: Uint8Array;
  /** 1 when the agent expressed dissent this step. */
  readonly expressed: Uint8Array;
  readonly prevExpressed: Uint8Array;
  /** 1 when the agent protested this step. */
  readonly protest: Uint8Array;
  readonly prevProtest: Uint8Array;
  /** Private approval of the system, 0..1. */
  readonly approval: Float32Array;
  /** 1 when the agent states approval this step. */
  readonly approvalExpressed: Uint8Array;
  readonly prevApprovalExpressed: Uint8Array;
  /** Perceived probability of sanction for dissent, learned (M17). */
  readonly perceivedRisk: Float32Array;
  /** Perceived legitimacy of the system, 0..1 (Epstein's L, per agent). */
  readonly legitimacy: Float32Array;
  /** 1 when the agent takes part in the scoring system (M18). */
  readonly participating: Uint8Array;
  readonly prevParticipating: Uint8Array;

  // --- Detention (M15) ---
  /** Step until which the agent is detained; 0 = free. */
  readonly detainedUntil: Int32Array;
  readonly detained: Uint8Array;
  readonly prevDetained: Uint8Array;

  constructor(readonly n: number) {
    this.loansOpen = new Uint8Array(n);
    this.neg = new Float32Array(n * K);
    this.pos = new Float32Array(n * K);
    this.score = new Float32Array(n * K);
    this.listedUntil = new Int32Array(n * K);
    this.combined = new Float32Array(n);
    this.tier = new Uint8Array(n);
    this.lastViolation = new Int32Array(n).fill(-1_000_000_000);
    this.listed = new Uint8Array(n);
    this.prevListed = new Uint8Array(n);
    this.latent = new Uint8Array(n);
    this.expressed = new Uint8Array(n);
    this.prevExpressed = new Uint8Array(n);
    this.protest = new Uint8Array(n);
    this.prevProtest = new Uint8Array(n);
    this.approval = new Float32Array(n);
    this.approvalExpressed = new Uint8Array(n);
    this.prevApprovalExpressed = new Uint8Array(n);
    this.perceivedRisk = new Float32Array(n);
    this.legitimacy = new Float32Array(n);
    this.participating = new Uint8Array(n);
    this.prevParticipating = new Uint8Array(n);
    this.detainedUntil = new Int32Array(n);
    this.detained = new Uint8Array(n);
    this.prevDetained = new Uint8Array(n);
  }

  /** Bytes per agent of all state columns (for the memory guard). */
  static readonly BYTES_PER_AGENT =
    1 + 4 * K * 4 + 4 + 1 + 4 + 2 + 3 + 2 + 4 + 2 + 4 + 4 + 2 + 4 + 2;

  /** Copies the double-buffered columns into their `prev*` twins. */
  beginStep(): void {
    this.prevListed.set(this.listed);
    this.prevExpressed.set(this.expressed);
    this.prevProtest.set(this.protest);
    this.prevApprovalExpressed.set(this.approvalExpressed);
    this.prevParticipating.set(this.participating);
    this.prevDetained.set(this.detained);
  }

  /** Every state column, in a fixed order, for the state hash. */
  columns(): ArrayBufferView[] {
    return [
      this.loansOpen,
      this.neg,
      this.pos,
      this.score,
      this.listedUntil,
      this.combined,
      this.tier,
      this.lastViolation,
      this.listed,
      this.latent,
      this.expressed,
      this.protest,
      this.approval,
      this.approvalExpressed,
      this.perceivedRisk,
      this.legitimacy,
      this.participating,
      this.detainedUntil,
      this.detained,
    ];
  }
}

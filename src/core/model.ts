import { ATTEMPTS, COUNTER, Counters, DENIED } from "./counters.js";
import { Fnv1a64 } from "./hash.js";
import { financialRating, scheduleFinancial } from "./mechanisms/m01-financial-rating.js";
import { rewards, scheduleRewards } from "./mechanisms/m03-rewards.js";
import { rolloutChanges, updateCoverage } from "./mechanisms/m04-pilot-regions.js";
import { expireListings, rescore } from "./mechanisms/m05-subsystems.js";
import { errorFactors } from "./mechanisms/m07-observation.js";
import { initialLegitimacy } from "./mechanisms/m08-approval.js";
import { applyCuts } from "./mechanisms/m09-association-penalty.js";
import {
  distinctSanctions,
  sanctions,
  sanctionTables,
  scheduleSanctions,
} from "./mechanisms/m11-sanctions.js";
import { surveillanceFactors } from "./mechanisms/m13-targeted-group.js";
import { updateCap } from "./mechanisms/m14-group-cap.js";
import { releaseDetained } from "./mechanisms/m15-detention.js";
import { fadeRecords, reviewScores } from "./mechanisms/m16-records-retention.js";
import { protests, speech, willingToProtest } from "./mechanisms/m17-dissent.js";
import { initialParticipation, participation } from "./mechanisms/m18-participation.js";
import { recordScsMetrics, SCS_METRICS } from "./metrics/scs-metrics.js";
import { MetricsTable } from "./metrics/table.js";
import type { Csr } from "./network/csr.js";
import { generatePopulation, type Population } from "./population/index.js";
import { philox4x32FillFast, philox4x32GatherFast } from "./rng/philox4x32-wasm.js";
import { type Seed64, seed64 } from "./rng/seed.js";
import { Stream } from "./rng/stream.js";
import { STREAM } from "./rng/streams.js";
import type { ScsScenario } from "./scenario/schema.js";
import { unit } from "./schedule.js";
import type { Simulation } from "./simulation.js";
import { AgentState } from "./state.js";
import { K, SANCTION, SUB, SUBSYSTEMS } from "./subsystems.js";
import { TALLY, Tally } from "./tally.js";

type SubsystemConfig = ScsScenario["mechanisms"]["subsystems"]["court"];

/**
 * The social credit system model. `step()` is the schedule: read it top to
 * bottom to see what happens in one step (a day). Each line is one mechanism
 * of MECHANISMS.md, a function over the agents' columns in
 * `src/core/mechanisms/`, named after it.
 *
 * Most of what agents do is rare on a given day (a bill, a flight, a post), so
 * mechanisms are event-driven: each agent keeps the step of its next event of
 * each kind, and a step touches only the agents whose event is due. Their
 * random words come in one batch per kind (Philox, keyed by stream, step and
 * agent), so the result is the same whatever the order of the agents.
 */
export class ScsModel implements Simulation {
  t = 0;
  readonly n: number;
  readonly agents: number;
  readonly K = K;
  readonly seed: Seed64;
  readonly pop: Population;
  readonly graph: Csr;
  /** Per CSR entry: 1 while the tie is kept, 0 once cut (M9 ostracism). */
  readonly edgeActive: Uint8Array;
  /** Per agent: ties kept (its degree less the ties cut). */
  readonly keptTies: Int32Array;
  readonly state: AgentState;
  readonly counters: Counters;
  readonly tally: Tally;
  readonly metrics: MetricsTable;

  // --- Tables derived once from the scenario ---
  readonly subsystem: SubsystemConfig[];
  /** Running sub-systems, by index. */
  readonly subsystemList: Int32Array;
  /** Per sub-system: 1 / retention (M16), 0 = records never fade. */
  readonly fadeRate: Float64Array;
  readonly tierWeights: Float64Array;
  readonly tierWeightSum: number;
  readonly sanctionTriggers: Uint8Array;
  readonly sanctionFromTier: Uint8Array;
  readonly politicalSubs: Int32Array;
  readonly rewardSubs: Int32Array;
  readonly penaltyApplies: Float64Array;
  readonly penaltyOn: boolean;
  /**
   * The stakes of a financial (court or credit) listing, 0..1: how much of
   * M1's deterrence is in force. Loan denial weighs 0.5, each other sanction a
   * listing brings 0.1 (a modelling choice: a credit bureau deters, joint
   * punishment deters more).
   */
  readonly financialStakes: number;
  readonly platformOn: boolean;
  readonly municipalOn: boolean;
  /** Per group: factor on false-positive and false-match rates (M7). */
  readonly errorFactor: Float64Array;
  /** Per agent: factor on observation coverage (M13). */
  readonly survFactor: Float32Array;
  /** Agents grouped by region: those of region r at regionAgents[regionStart[r] .. regionStart[r+1]). */
  readonly regionStart: Int32Array;
  readonly regionAgents: Int32Array;
  /**
   * The stakes of a political listing, 0..1: the share of sanctions it brings,
   * directly or (with probability `integration.level` per sharing sub-system)
   * by joint punishment (M5). Part of the surveillance agents know of (M17).
   */
  readonly politicalStakes: number;
  /** M14: the capped group (-1 = none) and its cap. */
  readonly cappedGroup: number;
  scoreCap = 1000;

  // --- Working state shared by mechanisms ---
  /** 1 when the system covers the agent now (M4 roll-out, M18 participation). */
  readonly covered: Uint8Array;
  /** Share of would-be defaults the system prevented in the last step (M8's benefit). */
  benefitSignal = 0;
  /** Share of agents stating approval at step 0: the climate of opinion M8 measures change against. */
  baselineClimate = 0;
  /** Protest episode day per region (0 = none) and today's protesters (M17). */
  readonly episodeDay: Int32Array;
  readonly protestToday: Int32Array;
  readonly protesters: Int32Array;
  protesterCount = 0;
  /** Agents with protest threshold 0, by region (the instigators of M17). */
  readonly instigatorStart: Int32Array;
  readonly instigators: Int32Array;
  /** Scratch of M17's protest cascade: protesting contacts heard of, and the agents to decide. */
  readonly heard: Uint16Array;
  readonly candidates: Int32Array;
  /** Ties to cut at the end of the step (M9). */
  cutQueue: Int32Array;
  cutCount = 0;
  /** Online and offline posts this step, per group (M11, M17). */
  readonly posts: Float64Array;
  /** Agents whose event is due, filled by `collect`. */
  readonly ids: Int32Array;
  /**
   * Visit due agents in descending order instead of ascending. For tests
   * only: results must not depend on it (synchronous updates).
   */
  reverseOrder = false;
  /** Agents with some event due this step (ascending), and how many. */
  private readonly due: Int32Array;
  private dueCount = 0;
  private readonly words: Uint32Array;
  private readonly streams = new Map<number, Stream>();

  constructor(
    readonly scenario: ScsScenario,
    graph: Csr | ((pop: Population, seed: Seed64) => Csr),
  ) {
    const mech = scenario.mechanisms;
    this.n = this.agents = scenario.agents;
    this.seed = seed64(scenario.seed);
    this.pop = generatePopulation(scenario.population, this.n, this.seed);
    this.graph = typeof graph === "function" ? graph(this.pop, this.seed) : graph;
    if (this.graph.n !== this.n) {
      throw new Error(
        `scsim: network has ${this.graph.n} nodes but the scenario has ${this.n} agents`,
      );
    }
    const G = this.pop.groupNames.length;
    this.edgeActive = new Uint8Array(this.graph.targets.length).fill(1);
    this.keptTies = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++)
      this.keptTies[i] = this.graph.offsets[i + 1] - this.graph.offsets[i];
    this.state = new AgentState(this.n);
    this.counters = new Counters(G);
    this.tally = new Tally(G);
    this.metrics = new MetricsTable(
      SCS_METRICS,
      ["all", ...this.pop.groupNames],
      scenario.steps + 1,
    );
    this.ids = new Int32Array(this.n);
    this.due = new Int32Array(this.n);
    this.words = new Uint32Array(4 * this.n);

    this.subsystem = SUBSYSTEMS.map((s) => mech.subsystems[s]);
    this.subsystemList = Int32Array.from(
      SUBSYSTEMS.flatMap((s, k) => (mech.subsystems[s].enabled ? [k] : [])),
    );
    this.fadeRate = Float64Array.from(this.subsystem, (p) =>
      p.retention > 0 ? 1 / p.retention : 0,
    );
    this.tierWeights = Float64Array.from(this.subsystem, (p) => (p.enabled ? p.tierWeight : 0));
    this.tierWeightSum = this.tierWeights.reduce((a, b) => a + b, 0);
    const st = sanctionTables(mech.sanctions);
    this.sanctionTriggers = st.triggers;
    this.sanctionFromTier = st.fromTier;
    const running = (names: readonly string[]) =>
      Int32Array.from(
        names.map((s) => SUBSYSTEMS.indexOf(s as never)).filter((k) => this.subsystem[k].enabled),
      );
    this.politicalSubs = running(mech.political.subsystems);
    this.rewardSubs = running(mech.rewards.subsystems);
    this.penaltyApplies = new Float64Array(K);
    for (const s of mech.association.subsystems) this.penaltyApplies[SUBSYSTEMS.indexOf(s)] = 1;
    this.penaltyOn = mech.association.enabled && mech.association.pointsPerContact > 0;
    this.financialStakes = this.stakesOfFinancialListing();
    this.platformOn = this.subsystem[SUB.platform].enabled;
    this.municipalOn = this.subsystem[SUB.municipal].enabled;
    this.errorFactor = errorFactors(this);
    this.politicalStakes = this.stakesOfPoliticalListing();
    this.cappedGroup =
      mech.groupCap.group === null ? -1 : this.pop.groupNames.indexOf(mech.groupCap.group);
    if (typeof mech.groupCap.cap === "number") this.scoreCap = mech.groupCap.cap;

    const R = this.pop.regions;
    this.regionStart = new Int32Array(R + 1);
    for (let i = 0; i < this.n; i++) this.regionStart[this.pop.region[i] + 1]++;
    for (let r = 0; r < R; r++) this.regionStart[r + 1] += this.regionStart[r];
    this.regionAgents = new Int32Array(this.n);
    const fill = this.regionStart.slice(0, R);
    for (let i = 0; i < this.n; i++) this.regionAgents[fill[this.pop.region[i]]++] = i;

    this.covered = new Uint8Array(this.n);
    this.episodeDay = new Int32Array(R);
    this.protestToday = new Int32Array(R);
    this.heard = new Uint16Array(this.n);
    this.candidates = new Int32Array(this.n);
    this.instigatorStart = new Int32Array(R + 1);
    const theta = this.pop.protestThreshold;
    for (let i = 0; i < this.n; i++)
      if (theta[i] <= 0) this.instigatorStart[this.pop.region[i] + 1]++;
    for (let r = 0; r < R; r++) this.instigatorStart[r + 1] += this.instigatorStart[r];
    this.instigators = new Int32Array(this.instigatorStart[R]);
    const at = this.instigatorStart.slice(0, R);
    for (let i = 0; i < this.n; i++)
      if (theta[i] <= 0) this.instigators[at[this.pop.region[i]]++] = i;
    this.protesters = new Int32Array(this.n);
    this.cutQueue = new Int32Array(1024);
    this.posts = new Float64Array(2 * G);
    this.survFactor = surveillanceFactors(this);

    this.initialise();
    recordScsMetrics(this, 0);
  }

  /** The state before step 1: first events drawn, opinions set, everyone scored. */
  private initialise(): void {
    const st = this.state;
    const G = this.tally.groups;
    const tv = this.tally.v;
    const w = this.fill(STREAM.behaviour, 0, 0);
    for (let i = 0; i < this.n; i++) {
      const g = this.pop.group[i];
      tv[TALLY.count * G + g]++;
      const L = initialLegitimacy(this, unit(w[4 * i]));
      st.legitimacy[i] = L;
      st.baseLegitimacy[i] = L;
      if (L >= 0.5) tv[TALLY.approval * G + g]++;
      const latent =
        this.pop.hardship[i] * (1 - L) > this.scenario.mechanisms.dissent.threshold ? 1 : 0;
      st.latent[i] = latent;
      tv[TALLY.latent * G + g] += latent;
      // Before anyone has seen a sanction, everyone says what it thinks.
      st.expressed[i] = latent;
      st.approvalExpressed[i] = L >= 0.5 ? 1 : 0;
      tv[TALLY.expressed * G + g] += st.expressed[i];
      tv[TALLY.approvalExpressed * G + g] += st.approvalExpressed[i];
      st.willing[i] = willingToProtest(this, i) ? 1 : 0;
    }
    scheduleRewards(this, w, 2);
    this.baselineClimate = this.tally.total(TALLY.approvalExpressed) / this.n;
    initialParticipation(this, this.fill(STREAM.participation, 0, 0), 0);
    scheduleFinancial(this, this.fill(STREAM.financial, 0, 0));
    scheduleSanctions(this, this.fill(STREAM.sanctions, 0, 0));
    updateCoverage(this, 0);
    for (let i = 0; i < this.n; i++) {
      st.tier[i] = 3;
      rescore(this, i, 0);
    }
    updateCap(this);
    for (let i = 0; i < this.n; i++) this.updateNextAny(i);
  }

  /** One step of the schedule. */
  step(): void {
    const t = ++this.t;
    this.state.beginStep();
    this.counters.reset();
    this.posts.fill(0);
    this.findDue(t);
    if (rolloutChanges(this, t)) this.changeCoverage(t); // M4: pilots, then nationwide
    updateCap(this); // M14: the group cap follows the mean score

    participation(this, t); // M18: voluntary, then mandatory participation
    releaseDetained(this, t); // M15: detentions that end
    financialRating(this, t); // M1: obligations met or defaulted, loans (records: M16; platform: M6)
    rewards(this, t); // M3: rewarded acts
    speech(this, t); // M17, M8: learned risk, approval, expression; observed (M7) and scored (M2)
    protests(this, t); // M17: protest cascades, filmed (M7, M13) and scored (M2)
    sanctions(this, t); // M11: travel, job and school attempts and their denials
    expireListings(this, t); // M5: listings whose term ends are reviewed
    reviewScores(this, t); // M16, M12: periodic review of faded records and tiers
    applyCuts(this); // M9: ties cut this step take effect
    for (let j = 0; j < this.dueCount; j++) this.updateNextAny(this.due[j]);

    const prevented = this.counters.total(COUNTER.defaultsPrevented);
    const defaults = this.counters.total(COUNTER.defaults);
    this.benefitSignal = prevented + defaults > 0 ? prevented / (prevented + defaults) : 0;
    recordScsMetrics(this, t);
  }

  /** Applies a roll-out step (M4): new coverage, and the sanctions it brings to the listed. */
  changeCoverage(t: number): void {
    updateCoverage(this, t);
    const G = this.tally.groups;
    const st = this.state;
    for (let i = 0; i < this.n; i++) {
      if (!st.listed[i]) continue;
      const ds = distinctSanctions(this, i, t);
      this.tally.v[TALLY.listedSanctions * G + this.pop.group[i]] += ds - st.sanctionCount[i];
      st.sanctionCount[i] = ds;
    }
  }

  /** Rescores agent i (M5 with M16, M9, M12, M14, M15, B1). */
  rescore(i: number, t: number): void {
    rescore(this, i, t);
  }

  /** Fades agent i's records to step t (M16). */
  fade(i: number, t: number): void {
    fadeRecords(this, i, t);
  }

  /** Lists the agents with any event due at step t: one scan of `nextAny`. */
  private findDue(t: number): void {
    const next = this.state.nextAny;
    const due = this.due;
    let c = 0;
    // Few agents have an event on a given day, so the branch is well predicted.
    for (let i = 0; i < next.length; i++) if (next[i] === t) due[c++] = i;
    this.dueCount = c;
  }

  /** Sets nextAny[i] to the agent's earliest event of any kind. */
  private updateNextAny(i: number): void {
    const st = this.state;
    let m = st.nextLoanRequest[i];
    if (st.nextLoanClose[i] < m) m = st.nextLoanClose[i];
    if (st.nextReward[i] < m) m = st.nextReward[i];
    if (st.nextFlight[i] < m) m = st.nextFlight[i];
    if (st.nextRail[i] < m) m = st.nextRail[i];
    if (st.nextJob[i] < m) m = st.nextJob[i];
    if (st.nextParticipation[i] < m) m = st.nextParticipation[i];
    if (st.nextExpiry[i] < m) m = st.nextExpiry[i];
    const d = st.detainedUntil[i];
    if (d > this.t && d < m) m = d;
    st.nextAny[i] = m;
  }

  /** Notes that agent i has an event at step `at` of a kind set outside its own events. */
  scheduleAt(i: number, at: number): void {
    if (at < this.state.nextAny[i]) this.state.nextAny[i] = at;
  }

  /**
   * Fills `ids` with the cohort of step t for a period: the agents whose own
   * day of the period is t mod period. Each region is cut into `period`
   * consecutive blocks of ids and block c acts on day c, so every day each
   * region has its share of actors, and the columns are read in runs the
   * processor can stream. Returns how many.
   */
  cohort(t: number, period: number): number {
    const ids = this.ids;
    const c = t % period;
    let k = 0;
    for (let r = 0; r < this.pop.regions; r++) {
      const start = this.regionStart[r];
      const size = this.regionStart[r + 1] - start;
      const from = start + Math.floor((c * size) / period);
      const to = start + Math.floor(((c + 1) * size) / period);
      for (let i = from; i < to; i++) ids[k++] = i;
    }
    if (this.reverseOrder) ids.subarray(0, k).reverse();
    return k;
  }

  /**
   * Fills `ids` with the agents whose event in `col` is due at step t, in
   * ascending order; returns how many. Only the agents due this step are looked at.
   */
  collect(col: Int32Array, t: number): number {
    const ids = this.ids;
    const due = this.due;
    let c = 0;
    for (let j = 0; j < this.dueCount; j++) {
      const i = due[this.reverseOrder ? this.dueCount - 1 - j : j];
      ids[c] = i;
      c += col[i] === t ? 1 : 0;
    }
    return c;
  }

  /** The four Philox words of each collected agent for (stream, step, sub): agent ids[j] at [4j..4j+3]. */
  gather(stream: number, step: number, count: number, sub = 0): Uint32Array {
    philox4x32GatherFast(
      this.seed.lo,
      this.seed.hi,
      this.ids,
      count,
      step,
      stream,
      sub,
      this.words,
    );
    return this.words;
  }

  /** The four Philox words of every agent for (stream, step, sub): agent i at [4i..4i+3]. */
  fill(stream: number, step: number, sub: number): Uint32Array {
    philox4x32FillFast(this.seed.lo, this.seed.hi, 0, this.n, step, stream, sub, this.words);
    return this.words;
  }

  /** A per-draw stream, for draws only some agents need. */
  stream(id: number): Stream {
    let s = this.streams.get(id);
    if (s === undefined) {
      s = new Stream(this.seed, id);
      this.streams.set(id, s);
    }
    return s;
  }

  /** Whether sanction s applies to agent i now: listed in a triggering sub-system, or tier low enough. */
  sanctioned(i: number, s: number): boolean {
    if (!this.covered[i]) return false;
    if (this.state.tier[i] >= this.sanctionFromTier[s]) return true;
    const mask = this.sanctionTriggers[s];
    if (mask === 0 || !this.state.listed[i]) return false;
    const row = i * K;
    const lu = this.state.listedUntil;
    const t = this.t;
    for (let k = 0; k < K; k++) if (mask & (1 << k) && lu[row + k] > t) return true;
    return false;
  }

  /** A loan request of agent i (group g): counted, and granted unless the loan sanction applies. */
  requestLoan(i: number, g: number): boolean {
    const G = this.counters.groups;
    this.counters.v[(ATTEMPTS + SANCTION.loan) * G + g]++;
    if (!this.sanctioned(i, SANCTION.loan)) return true;
    this.counters.v[(DENIED + SANCTION.loan) * G + g]++;
    if (this.state.listed[i]) this.counters.v[COUNTER.sanctionsOnListed * G + g]++;
    return false;
  }

  /**
   * How severe political penalties are, 0..1 (M17's known surveillance): the
   * largest points per political record over the referencePenalty; 0 when
   * political behaviour is not scored (M2).
   */
  politicalSeverity(): number {
    if (!this.scenario.mechanisms.political.enabled || this.politicalSubs.length === 0) return 0;
    let w = 0;
    for (let s = 0; s < this.politicalSubs.length; s++) {
      w = Math.max(w, this.subsystem[this.politicalSubs[s]].negativeWeight);
    }
    return Math.min(1, w / this.scenario.mechanisms.dissent.referencePenalty);
  }

  /** Queues tie e (a CSR entry) to be cut at the end of the step (M9). */
  queueCut(e: number): void {
    if (this.cutCount === this.cutQueue.length) {
      const bigger = new Int32Array(this.cutQueue.length * 2);
      bigger.set(this.cutQueue);
      this.cutQueue = bigger;
    }
    this.cutQueue[this.cutCount++] = e;
  }

  /** Counts a post (M17) online or offline, per group. */
  countPost(g: number, online: boolean): void {
    this.posts[2 * g + (online ? 0 : 1)]++;
  }

  private stakesOfPoliticalListing(): number {
    let political = 0;
    for (const k of this.politicalSubs) political |= 1 << k;
    let others = 0;
    for (const k of this.subsystemList) if (!(political & (1 << k))) others |= 1 << k;
    const level = this.scenario.mechanisms.integration.level;
    let sum = 0;
    for (let s = 0; s < this.sanctionTriggers.length; s++) {
      const mask = this.sanctionTriggers[s];
      if (this.sanctionFromTier[s] <= 3 || mask & political) sum += 1;
      else {
        let k = 0;
        for (let b = 0; b < K; b++) if (mask & others & (1 << b)) k++;
        sum += 1 - (1 - level) ** k;
      }
    }
    return sum / this.sanctionTriggers.length;
  }

  private stakesOfFinancialListing(): number {
    const fin = (1 << SUB.court) | (1 << SUB.financial);
    let running = 0;
    for (const k of this.subsystemList) running |= 1 << k;
    if (!(running & fin)) return 0;
    let stakes = 0;
    for (let s = 0; s < this.sanctionTriggers.length; s++) {
      if (this.sanctionFromTier[s] <= 3 || this.sanctionTriggers[s] & fin & running) {
        stakes += s === SANCTION.loan ? 0.5 : 0.1;
      }
    }
    return Math.min(1, stakes);
  }

  stateHash(): string {
    const h = new Fnv1a64();
    for (const col of this.state.columns()) h.update(col);
    h.update(this.edgeActive);
    return h.hex();
  }
}

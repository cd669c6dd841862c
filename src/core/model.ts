import { ATTEMPTS, COUNTER, Counters, DENIED } from "./counters.js";
import { Fnv1a64 } from "./hash.js";
import { financialRating } from "./mechanisms/m01-financial-rating.js";
import { subsystemScoresAndLists } from "./mechanisms/m05-subsystems.js";
import { sanctions, sanctionTables } from "./mechanisms/m11-sanctions.js";
import { tiers } from "./mechanisms/m12-tiers.js";
import { recordsRetention } from "./mechanisms/m16-records-retention.js";
import { recordScsMetrics, SCS_METRICS, ScsMetricState } from "./metrics/scs-metrics.js";
import { MetricsTable } from "./metrics/table.js";
import type { Csr } from "./network/csr.js";
import { generatePopulation, type Population } from "./population/index.js";
import { philox4x32FillFast } from "./rng/philox4x32-wasm.js";
import { type Seed64, seed64 } from "./rng/seed.js";
import { Stream } from "./rng/stream.js";
import type { ScsScenario } from "./scenario/schema.js";
import type { Simulation } from "./simulation.js";
import { AgentState } from "./state.js";
import { K, SANCTION, SUBSYSTEMS } from "./subsystems.js";

/**
 * The social credit system model. `step()` is the schedule: read it top to
 * bottom to see what happens in one step (a day). Each line is one mechanism
 * of MECHANISMS.md, a function over the agents' columns in
 * `src/core/mechanisms/`.
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
  readonly state: AgentState;
  readonly counters: Counters;
  readonly metrics: MetricsTable;

  // --- Tables derived once from the scenario ---
  /** Running sub-systems, by index. */
  readonly subsystemList: Int32Array;
  readonly subsystem: ScsScenario["mechanisms"]["subsystems"][keyof ScsScenario["mechanisms"]["subsystems"]][];
  /** Per sub-system: the share of a record that survives one step (M16). */
  readonly recordKeep: Float64Array;
  readonly tierWeights: Float64Array;
  /** Per sanction: bit mask of sub-systems whose listing triggers it, and the tier from which it applies. */
  readonly sanctionTriggers: Uint8Array;
  readonly sanctionFromTier: Uint8Array;

  // --- Per-agent working columns mechanisms share ---
  /** 1 when the system covers the agent this step (M4 pilots, M18 participation). */
  readonly covered: Uint8Array;
  /** 1 when a blacklist with sanctions deters the agent from defaulting (M1). */
  readonly deterredByList: Uint8Array;
  /** Score points the association penalty (M9) takes this step. */
  readonly associationPenalty: Float32Array;
  /** Per sub-system: 1 if the association penalty applies to its score. */
  readonly penaltyApplies: Float64Array;
  /** M14: the capped group (-1 = none) and its cap. */
  cappedGroup = -1;
  scoreCap = 1000;

  private readonly blockBuf: Uint32Array;
  private readonly streams = new Map<number, Stream>();
  private readonly metricState: ScsMetricState;

  constructor(
    readonly scenario: ScsScenario,
    graph: Csr | ((pop: Population, seed: Seed64) => Csr),
  ) {
    this.n = this.agents = scenario.agents;
    this.seed = seed64(scenario.seed);
    this.pop = generatePopulation(scenario.population, this.n, this.seed);
    this.graph = typeof graph === "function" ? graph(this.pop, this.seed) : graph;
    if (this.graph.n !== this.n) {
      throw new Error(
        `scsim: network has ${this.graph.n} nodes but the scenario has ${this.n} agents`,
      );
    }
    this.edgeActive = new Uint8Array(this.graph.targets.length).fill(1);
    this.state = new AgentState(this.n);
    this.counters = new Counters(this.pop.groupNames.length);
    this.metrics = new MetricsTable(
      SCS_METRICS,
      ["all", ...this.pop.groupNames],
      scenario.steps + 1,
    );
    this.blockBuf = new Uint32Array(4 * this.n);

    const subs = scenario.mechanisms.subsystems;
    this.subsystem = SUBSYSTEMS.map((s) => subs[s]);
    this.subsystemList = Int32Array.from(
      SUBSYSTEMS.flatMap((s, k) => (subs[s].enabled ? [k] : [])),
    );
    this.recordKeep = Float64Array.from(this.subsystem, (p) =>
      p.retention > 0 ? Math.exp(-1 / p.retention) : 1,
    );
    this.tierWeights = Float64Array.from(this.subsystem, (p) => p.tierWeight);
    const st = sanctionTables(scenario.mechanisms.sanctions);
    this.sanctionTriggers = st.triggers;
    this.sanctionFromTier = st.fromTier;

    this.covered = new Uint8Array(this.n).fill(1);
    this.deterredByList = new Uint8Array(this.n);
    this.associationPenalty = new Float32Array(this.n);
    this.penaltyApplies = new Float64Array(K);
    this.metricState = new ScsMetricState(this);

    this.initialise();
    recordScsMetrics(this, 0);
  }

  /** Sets the state before step 1: scores at their base, tiers cut. */
  private initialise(): void {
    subsystemScoresAndLists(this, 0);
    tiers(this, 0);
    this.updateDeterrence();
  }

  /** One step of the schedule. */
  step(): void {
    const t = ++this.t;
    this.state.beginStep();
    this.counters.reset();

    financialRating(this, t); // M1: obligations met or defaulted -> records
    recordsRetention(this, t); // M16: records fade with their retention
    subsystemScoresAndLists(this, t); // M5: scores, blacklists, joint punishment
    tiers(this, t); // M12: combined score and tiers (M14 cap inside)
    sanctions(this, t); // M11: attempts and denials
    this.updateDeterrence();

    recordScsMetrics(this, t);
  }

  /**
   * The four Philox words of every agent for (stream, step, block index): word
   * j of agent i at [4i + j]. The buffer is shared: use it before the next call.
   */
  blocks(stream: number, step: number, sub: number): Uint32Array {
    philox4x32FillFast(this.seed.lo, this.seed.hi, 0, this.n, step, stream, sub, this.blockBuf);
    return this.blockBuf;
  }

  /** A per-draw stream, for draws only some agents need (events, rare branches). */
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
    if (this.state.tier[i] >= this.sanctionFromTier[s]) return true;
    const mask = this.sanctionTriggers[s];
    if (mask === 0) return false;
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
    if (this.sanctioned(i, SANCTION.loan)) {
      this.counters.v[(DENIED + SANCTION.loan) * G + g]++;
      if (this.state.listed[i]) this.counters.v[COUNTER.sanctionsOnListed * G + g]++;
      return false;
    }
    return true;
  }

  /**
   * Deterrence of M1: an agent is deterred from defaulting when a sub-system
   * fed by financial records runs, covers it, and its listing carries a sanction.
   */
  private updateDeterrence(): void {
    const fin = (1 << 0) | (1 << 1); // court, financial
    let sanctionedByFinancial = false;
    for (let s = 0; s < this.sanctionTriggers.length; s++) {
      if (this.sanctionTriggers[s] & fin) sanctionedByFinancial = true;
    }
    let running = false;
    for (const k of this.subsystemList) if (k <= 1) running = true;
    const on = sanctionedByFinancial && running ? 1 : 0;
    const d = this.deterredByList;
    const c = this.covered;
    for (let i = 0; i < this.n; i++) d[i] = on & c[i];
  }

  stateHash(): string {
    const h = new Fnv1a64();
    for (const col of this.state.columns()) h.update(col);
    h.update(this.graph.targets);
    return h.hex();
  }

  /** Cumulative counters the metrics need across steps. */
  get metricTotals(): ScsMetricState {
    return this.metricState;
  }
}

/**
 * Epstein's civil-violence Model I (J. M. Epstein, "Modeling civil violence: an
 * agent-based computational approach", PNAS 99 suppl. 3, 7243-7250, 2002) as a
 * data-oriented model. Its semantics follow Mesa's example
 * (projectmesa/mesa, mesa/examples/advanced/epstein_civil_violence/agents.py and
 * model.py; earlier projectmesa/mesa-examples, examples/epstein_civil_violence);
 * NetLogo's Rebellion model (Wilensky 2004, models library "Rebellion") was read
 * for comparison and differs where noted below.
 *
 * Rules, as in Mesa:
 * - Torus W x H, at most one agent per cell. Vision is a von Neumann ball
 *   |dx| + |dy| <= vision without the own cell (Mesa: OrthogonalVonNeumannGrid,
 *   `cell.get_neighborhood(radius=vision)`, include_center=False; on a torus
 *   smaller than the ball, cells reached twice count once, as Mesa's
 *   neighbourhood is a dict of cells).
 * - Initial placement cell by cell: a cop with probability copDensity, else a
 *   citizen with probability citizenDensity, else empty (Mesa's
 *   `random.choices(..., cum_weights=...)`, one uniform per cell). Citizens get
 *   hardship H ~ U(0,1) and risk aversion R ~ U(0,1); grievance G = H(1 - L).
 * - Each step every agent is activated once in a fresh uniformly random order
 *   (Mesa: `self.agents.shuffle_do("step")`).
 * - A citizen with jail sentence > 0 decrements it and does nothing else; it stays
 *   in its cell, which stays occupied, and it stays "jailed" (Mesa's ARRESTED)
 *   until the activation at which its sentence is 0 (Mesa: `if self.jail_sentence:
 *   self.jail_sentence -= 1; return`). A free citizen looks at its vision, counts
 *   cops C and active citizens, A = 1 + actives (itself counted), estimates
 *   P = 1 - exp(-k round(C / A)) with round half to even (Python's round), is
 *   active iff G - R P > T, else quiet, then moves to a uniformly random empty
 *   cell in vision if there is one (and movement is on).
 * - A cop looks, arrests one uniformly random active citizen in vision (jail term
 *   uniform on 0..Jmax inclusive, Python's randint; the arrestee becomes jailed and
 *   stays where it is), then moves to a random empty cell in vision.
 *
 * Ordering decision: the decision (and the cop's arrest) uses the neighbourhood
 * seen at the agent's position BEFORE it moves, and the move goes to an empty
 * cell of that same look. This is Mesa's order: `Citizen.step` calls
 * `update_neighbors()` (which computes `neighbors` and `empty_neighbors` once),
 * then `update_estimated_arrest_probability()` and the state change, then
 * `move()` with the cached `empty_neighbors`; `Cop.step` likewise looks, arrests,
 * then moves. Agents activated later in the same step see the new state and
 * position (sequential, not synchronous, update). NetLogo's Rebellion instead
 * moves first (rule M), then decides (rule A) or arrests (rule C) at the new
 * position, floors C/A instead of rounding, moves the cop onto the arrestee's
 * patch, treats jailed agents' patches as empty, draws jail terms as
 * `random max-jail-term` (0..Jmax-1) and decrements all sentences at the end of
 * the tick; none of that is followed here.
 *
 * Randomness is counter-based (src/core/rng/stream.ts) on the model's stream
 * STREAM.epstein: every draw is addressed by (seed, step, agent, word), so a run
 * is a pure function of the seed and nothing depends on visiting order. Step 0
 * is placement, keyed by cell: word 0 decides cop / citizen / empty, words 1 and
 * 2 give H and R. Step s >= 1: the Fisher-Yates sweep's draw at position i is
 * word ORDER_WORD + (i & 3) of (s, i >> 2); agent a's choices are words of
 * (s, a): a cop's arrestee is word 0 and its jail term word 1; a mover's draws
 * of a destination use words 0..8 (citizens) or 2..10 (cops), see
 * `destination`.
 *
 * Data layout and speed: `grid` holds one byte per cell, the kind of the
 * occupant refined by a citizen's state (EMPTY, COP, QUIET, ACTIVE, JAILED) and
 * always equal to `state[agent]` of that occupant, so a neighbourhood scan reads
 * one byte per cell. The grid is stored with a halo of ghost cells (copies of the
 * cells across the torus seam, rewritten whenever a cell near the seam changes),
 * so that the ball around any cell is one flat list of precomputed index
 * offsets: a citizen's look is a single branch-free pass over its ~112 cells
 * that sums a packed counter (empty, cop, active). A mover then draws cells of
 * its ball uniformly until it hits an empty one (rejection sampling: each empty
 * cell equally likely, as Mesa's `random.choice(empty_neighbors)`), falling back
 * to collecting the empty cells when tries run out or few cells are empty.
 * A citizen whose decision cannot depend on what it sees (G <= T: quiet even at
 * P = 0; or G - R P > T even at the largest P a look can give: always active)
 * skips the counting pass; with L = 0.8 that is half of them (H <= 0.5). Where
 * the ball does not fit in the torus (2 vision + 1 > W or > H), a slower path
 * reads wrapped, deduplicated offsets instead. A naive reference implementation
 * in model.test.ts checks all of this step for step.
 */
import { Fnv1a64 } from "../hash.js";
import { MetricsTable } from "../metrics/table.js";
import type { Seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import type { Simulation } from "../simulation.js";
import type { EpsteinParams } from "./params.js";
import {
  ACTIVE,
  COP,
  EMPTY,
  EPSTEIN_METRICS,
  JAILED,
  KIND_CITIZEN,
  KIND_COP,
  QUIET,
  roundHalfEven,
} from "./rules.js";
import { TorusGrid, type Vision, wrappedOffsets } from "./torus-grid.js";

export {
  ACTIVE,
  COP,
  EMPTY,
  EPSTEIN_METRICS,
  JAILED,
  KIND_CITIZEN,
  KIND_COP,
  QUIET,
  roundHalfEven,
} from "./rules.js";
export { vonNeumannSize, wrappedOffsets } from "./torus-grid.js";

/**
 * Word index of the activation-order draws: block 2^28 of (step, sweep
 * position), far above the blocks agents' choices use, so the two never share a
 * counter.
 */
const ORDER_WORD = 0x40000000;
/**
 * Tries at a random destination before collecting the empty cells; two tries
 * per 32-bit word. With ~23% of cells empty, 16 tries all miss 1.6% of the time.
 */
const MOVE_TRIES = 16;

export class EpsteinModel implements Simulation {
  readonly width: number;
  readonly height: number;
  readonly agents: number;
  readonly citizens: number;
  readonly cops: number;
  t = 0;
  readonly metrics: MetricsTable;
  /** The haloed torus of cell codes and its scans (torus-grid.ts). */
  readonly torus: TorusGrid;

  /** Per cell y * width + x: the occupant's agent id, or -1. */
  readonly cellAgent: Int32Array;
  /** Per agent: its cell y * width + x. */
  readonly pos: Int32Array;
  /** Per agent: KIND_COP or KIND_CITIZEN. */
  readonly kind: Uint8Array;
  /** Per agent: hardship H ~ U(0,1) (0 for cops). */
  readonly hardship: Float64Array;
  /** Per agent: risk aversion R ~ U(0,1) (0 for cops). */
  readonly riskAversion: Float64Array;
  /** Per agent: COP, QUIET, ACTIVE or JAILED. */
  readonly state: Uint8Array;
  /** Per agent: remaining jail sentence (Mesa's jail_sentence). */
  readonly jail: Int32Array;

  /**
   * Per citizen, derived from H and R (not hashed): the smallest n = round(C/A)
   * at which it is quiet, i.e. at which G - R (1 - exp(-k n)) > T fails (the
   * left side never grows with n); citizenVision.size + 1 if there is none. So
   * the citizen is active iff round(C/A) < quietFrom; 0 means quiet whatever it
   * sees, and more than the vision's size means active whatever it sees: then
   * the decision needs no look and the citizen only looks for an empty cell.
   * One small array read instead of G and R keeps the hot path in cache.
   */
  private readonly quietFrom: Uint16Array;
  /** Citizens per state, indexed by code (QUIET, ACTIVE, JAILED). */
  private readonly count = new Int32Array(5);
  private readonly perm: Int32Array;
  private readonly citizenVision: Vision;
  private readonly copVision: Vision;
  /** pArrest[n] = 1 - exp(-k n), n = round(C / A) <= C. */
  private readonly pArrest: Float64Array;
  private readonly rng: Stream;
  private readonly threshold: number;
  private readonly movement: boolean;
  private readonly jailTerms: number;

  constructor(
    readonly params: EpsteinParams,
    readonly seed: Seed64,
    /** Recorded steps: the metrics table has steps + 1 rows. */
    readonly steps: number,
    /** Warm-up steps before the recorded ones. */
    readonly burnIn = 0,
  ) {
    if (!Number.isInteger(steps) || steps < 0) {
      throw new RangeError(`scsim: steps must be a non-negative integer, got ${steps}`);
    }
    const W = params.width;
    const H = params.height;
    const N = W * H;
    this.width = W;
    this.height = H;
    this.threshold = params.activeThreshold;
    this.movement = params.movement;
    this.jailTerms = params.maxJailTerm + 1;
    this.rng = new Stream(seed, STREAM.epstein);

    // Neighbourhoods: a ball fits when it cannot reach around the torus.
    this.torus = new TorusGrid(W, H, [params.citizenVision, params.copVision]);
    this.citizenVision = this.torus.vision(params.citizenVision);
    this.copVision = this.torus.vision(params.copVision);
    const nb = Math.max(this.citizenVision.size, this.copVision.size);
    this.pArrest = new Float64Array(nb + 1);
    for (let i = 0; i <= nb; i++) this.pArrest[i] = 1 - Math.exp(-params.arrestProbConstant * i);

    // Placement (step 0, keyed by cell): one uniform decides cop / citizen /
    // empty; words 1, 2 of the same block give the citizen's H and R.
    const rng = this.rng;
    const pc = params.copDensity;
    const pcc = params.copDensity + params.citizenDensity;
    let nCop = 0;
    let nCit = 0;
    const cellKind = new Uint8Array(N);
    for (let c = 0; c < N; c++) {
      const u = rng.u01(0, c, 0);
      if (u < pc) {
        cellKind[c] = KIND_COP;
        nCop++;
      } else if (u < pcc) {
        cellKind[c] = KIND_CITIZEN;
        nCit++;
      }
    }
    const n = nCop + nCit;
    this.agents = n;
    this.cops = nCop;
    this.citizens = nCit;
    this.cellAgent = new Int32Array(N).fill(-1);
    this.pos = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.hardship = new Float64Array(n);
    this.riskAversion = new Float64Array(n);
    this.state = new Uint8Array(n);
    this.jail = new Int32Array(n);
    const illegitimacy = 1 - params.legitimacy;
    let a = 0;
    for (let c = 0; c < N; c++) {
      const k = cellKind[c];
      if (k === 0) continue;
      this.pos[a] = c;
      this.kind[a] = k;
      this.cellAgent[c] = a;
      if (k === KIND_COP) {
        this.state[a] = COP;
        this.torus.put(c, COP);
      } else {
        const h = rng.u01(0, c, 1);
        this.hardship[a] = h;
        this.riskAversion[a] = rng.u01(0, c, 2);
        this.state[a] = QUIET;
        this.torus.put(c, QUIET);
      }
      a++;
    }
    this.count[QUIET] = nCit;
    this.quietFrom = new Uint16Array(n);
    const T = this.threshold;
    const size = this.citizenVision.size;
    for (let b = 0; b < n; b++) {
      if (this.kind[b] !== KIND_CITIZEN) continue;
      // The exact expression Mesa evaluates: (grievance - net_risk) > threshold.
      const G = this.hardship[b] * illegitimacy;
      const R = this.riskAversion[b];
      let q = 0;
      while (q <= size && G - R * this.pArrest[q] > T) q++;
      this.quietFrom[b] = q;
    }
    this.perm = new Int32Array(n);

    this.metrics = new MetricsTable(EPSTEIN_METRICS, ["all"], steps + 1);
    this.record();
  }

  /** One step: every agent activated once, in a fresh random order. */
  step(): void {
    if (this.t >= this.stepsTotal) {
      throw new RangeError(`scsim: EpsteinModel was built for ${this.stepsTotal} steps`);
    }
    const s = this.t + 1;
    const n = this.agents;
    const perm = this.perm;
    // Fisher-Yates (Durstenfeld) from the identity, so the order of step s is a
    // function of (seed, s) alone. The draw at sweep position i is word
    // ORDER_WORD + (i & 3) of key (s, i >> 2): one Philox block serves four
    // consecutive positions.
    for (let i = 0; i < n; i++) perm[i] = i;
    const rng = this.rng;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(s, i >>> 2, ORDER_WORD + (i & 3), i + 1);
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    const state = this.state;
    const jail = this.jail;
    for (let q = 0; q < n; q++) {
      const a = perm[q];
      const st = state[a];
      if (st === COP) this.activateCop(s, a);
      else if (st === JAILED && jail[a] > 0) {
        // Mesa: `if self.jail_sentence: self.jail_sentence -= 1; return`.
        jail[a]--;
      } else this.activateCitizen(s, a, st);
    }
    this.t = s;
    this.record();
  }

  /** A free citizen (state `prev`, sentence 0): look, decide, move. */
  private activateCitizen(s: number, a: number, prev: number): void {
    const c = this.pos[a];
    const vis = this.citizenVision;
    const flat = vis.flat;
    const g = this.torus.gridIndex(c);
    const qf = this.quietFrom[a];
    const decided = qf === 0 || qf > vis.size;
    let looked = false;
    if (!decided || (this.movement && flat === null)) {
      if (flat !== null) this.torus.scanFlat(g, flat, false);
      else this.torus.scanWrapped(c, vis.wrapped!);
      looked = true;
    }
    // Active iff G - R P > T with P = 1 - exp(-k round(C / A)), A = 1 + actives.
    const next = decided
      ? qf === 0
        ? QUIET
        : ACTIVE
      : roundHalfEven(this.torus.nCops / (1 + this.torus.nActive)) < qf
        ? ACTIVE
        : QUIET;
    if (prev !== next) {
      this.count[prev]--;
      this.count[next]++;
      this.state[a] = next;
    }
    const dest = this.movement ? this.destination(s, a, g, vis, 0, looked) : -1;
    if (dest >= 0) this.move(a, c, dest, next);
    else if (prev !== next) this.torus.put(c, next);
  }

  private activateCop(s: number, a: number): void {
    const c = this.pos[a];
    const vis = this.copVision;
    const flat = vis.flat;
    const g = this.torus.gridIndex(c);
    if (flat !== null) this.torus.scanFlat(g, flat, true);
    else this.torus.scanWrapped(c, vis.wrapped!);
    const na = this.torus.nActive;
    if (na > 0) {
      const rng = this.rng;
      const target = this.torus.cellOf(this.torus.activeBuf[rng.int(s, a, 0, na)]);
      const b = this.cellAgent[target];
      this.jail[b] = rng.int(s, a, 1, this.jailTerms);
      this.state[b] = JAILED;
      this.torus.put(target, JAILED);
      this.count[ACTIVE]--;
      this.count[JAILED]++;
    }
    const dest = this.movement ? this.destination(s, a, g, vis, 2, true) : -1;
    if (dest >= 0) this.move(a, c, dest, COP);
  }

  /**
   * A uniformly random empty cell in the ball around haloed index g (as a cell
   * y * width + x), or -1 if there is none. Draws words w0 .. of (s, a): first up
   * to MOVE_TRIES random cells of the ball (two 16-bit tries per word, words
   * w0 .. w0 + MOVE_TRIES/2 - 1), taking the first empty one (rejection
   * sampling; skipped when a look (`looked`) found no or few empty cells); if all
   * miss, collects the empty cells and draws one with word w0 + MOVE_TRIES/2.
   * Either way every empty cell is equally likely, as with Mesa's
   * `random.choice(self.empty_neighbors)`.
   */
  private destination(
    s: number,
    a: number,
    g: number,
    vis: Vision,
    w0: number,
    looked: boolean,
  ): number {
    const rng = this.rng;
    const flat = vis.flat;
    let ne = this.torus.nEmpty;
    if (flat === null) {
      // scanWrapped has collected the empty cells.
      return ne > 0
        ? this.torus.cellOf(this.torus.emptyBuf[rng.int(s, a, w0 + (MOVE_TRIES >>> 1), ne)])
        : -1;
    }
    if (looked && ne === 0) return -1;
    const size = flat.length;
    if (!looked || ne * 8 >= size) {
      const grid = this.torus.grid;
      const thr = vis.lemire;
      for (let i = 0; i < MOVE_TRIES; i++) {
        // Try i: a 16-bit half of word w0 + i/2, mapped to 0..size-1 by
        // Lemire's multiply-shift with rejection (exactly uniform).
        const w = rng.word(s, a, w0 + (i >>> 1));
        const m = ((i & 1) === 0 ? w & 0xffff : w >>> 16) * size;
        if ((m & 0xffff) < thr) continue;
        const d = g + flat[m >>> 16];
        if (grid[d] === EMPTY) return this.torus.cellOf(d);
      }
    }
    ne = this.torus.collectEmpty(g, flat);
    const wf = w0 + (MOVE_TRIES >>> 1);
    return ne > 0 ? this.torus.cellOf(this.torus.emptyBuf[rng.int(s, a, wf, ne)]) : -1;
  }

  /** Moves agent a, now in state `code`, from cell c to the empty cell dest. */
  private move(a: number, c: number, dest: number, code: number): void {
    this.torus.put(c, EMPTY);
    this.cellAgent[c] = -1;
    this.torus.put(dest, code);
    this.cellAgent[dest] = a;
    this.pos[a] = dest;
  }

  /** Steps of the whole run: burn-in and recorded steps. */
  get stepsTotal(): number {
    return this.burnIn + this.steps;
  }

  private record(): void {
    const row = this.t - this.burnIn;
    if (row < 0) return;
    const m = this.metrics;
    m.set(row, 0, 0, this.count[QUIET]);
    m.set(row, 1, 0, this.count[ACTIVE]);
    m.set(row, 2, 0, this.count[JAILED]);
    m.recorded = row + 1;
  }

  stateHash(): string {
    const h = new Fnv1a64();
    h.updateNumber(this.t);
    h.update(this.torus.grid);
    h.update(this.cellAgent);
    h.update(this.pos);
    h.update(this.kind);
    h.update(this.hardship);
    h.update(this.riskAversion);
    h.update(this.state);
    h.update(this.jail);
    return h.hex();
  }

  // ---- Accessors for tests, reports and views --------------------------------

  /** Citizens quiet, active and jailed now. */
  counts(): { quiet: number; active: number; jailed: number } {
    return {
      quiet: this.count[QUIET],
      active: this.count[ACTIVE],
      jailed: this.count[JAILED],
    };
  }

  /** Share of citizens active now (0 without citizens). */
  activeShare(): number {
    return this.citizens === 0 ? 0 : this.count[ACTIVE] / this.citizens;
  }

  /** Copy of the agents' cells (y * width + x). */
  positions(): Int32Array {
    return this.pos.slice();
  }

  /** Copy of the agents' states (COP, QUIET, ACTIVE, JAILED). */
  states(): Uint8Array {
    return this.state.slice();
  }

  /** Copy of the agents' kinds (KIND_COP, KIND_CITIZEN). */
  kinds(): Uint8Array {
    return this.kind.slice();
  }

  /** Copy of the agents' remaining jail sentences. */
  jailSentences(): Int32Array {
    return this.jail.slice();
  }

  /** The cell codes as a plain width x height grid, cell y * width + x. */
  cells(): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    for (let c = 0; c < out.length; c++) out[c] = this.torus.grid[this.torus.gridIndex(c)];
    return out;
  }

  /** Code of cell y * width + x. */
  cellCode(c: number): number {
    return this.torus.cellCode(c);
  }

  /** Halo width and row length of the haloed grid (for tests). */
  get halo(): number {
    return this.torus.halo;
  }

  get stride(): number {
    return this.torus.stride;
  }

  get grid(): Uint8Array {
    return this.torus.grid;
  }

  /**
   * What an agent of `kind` standing in cell c sees, through the model's own
   * scan: cops, active citizens and empty cells in its vision.
   */
  look(c: number, kind: number): { cops: number; actives: number; empties: number } {
    const vis = kind === KIND_COP ? this.copVision : this.citizenVision;
    if (vis.flat !== null)
      this.torus.scanFlat(this.torus.gridIndex(c), vis.flat, kind === KIND_COP);
    else this.torus.scanWrapped(c, vis.wrapped!);
    return { cops: this.torus.nCops, actives: this.torus.nActive, empties: this.torus.nEmpty };
  }

  /**
   * Per agent, the number of cells holding `code` in the von Neumann ball of
   * radius v around it (own cell excluded, cells reached twice on a small torus
   * counted once). A plain reference loop, independent of the scan.
   */
  countAroundAgents(v: number, code: number): Int32Array {
    const W = this.width;
    const H = this.height;
    const off = wrappedOffsets(v, W, H);
    const out = new Int32Array(this.agents);
    for (let a = 0; a < this.agents; a++) {
      const c = this.pos[a];
      const x = c % W;
      const y = (c - x) / W;
      let n = 0;
      for (let i = 0; i < off.length; i += 2) {
        const d = ((y + off[i + 1]) % H) * W + ((x + off[i]) % W);
        if (this.cellCode(d) === code) n++;
      }
      out[a] = n;
    }
    return out;
  }
}

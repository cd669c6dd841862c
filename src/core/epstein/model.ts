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
 *   active iff G - R P > T, else quiet, then moves to a random empty cell in
 *   vision if any (and if movement is on).
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
 * then moves. NetLogo's Rebellion instead moves first (rule M), then decides
 * (rule A) or arrests (rule C) at the new position, floors C/A instead of
 * rounding, moves the cop onto the arrestee's patch, treats jailed agents'
 * patches as empty, uses jail terms `random max-jail-term` (0..Jmax-1) and
 * decrements all sentences at the end of the tick; none of that is followed here.
 *
 * Randomness is counter-based (src/core/rng/stream.ts): every draw is addressed
 * by (seed, stream, step, agent, word), so a run is a pure function of the seed.
 * Step s (1-based; 0 is the initial state) draws its activation order from the
 * ORDER stream keyed by (s, position in the Fisher-Yates sweep) and each agent's
 * choices from the ACT stream keyed by (s, agent id): word 0 = arrestee (cops),
 * word 1 = jail term (cops), word 2 = destination cell (cops and citizens).
 *
 * Data layout: `cell` holds one byte per cell, the kind of its occupant refined by
 * the citizen's state (EMPTY, COP, QUIET, ACTIVE, JAILED), so that a
 * neighbourhood scan reads one byte per cell; it always equals `state[agent]`
 * of the agent in that cell. The scan is one pass over the ~112 cells of vision 7
 * (split per row into at most two contiguous spans on the torus) that counts
 * cops and collects active and empty cells into preallocated buffers, without
 * branches on the cell contents.
 */
import { Fnv1a64 } from "../hash.js";
import { MetricsTable } from "../metrics/table.js";
import type { Seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import type { Simulation } from "../simulation.js";
import type { EpsteinParams } from "./params.js";

/** Cell codes, also the agent states (a cop's state is COP). */
export const EMPTY = 0;
export const COP = 1;
export const QUIET = 2;
export const ACTIVE = 3;
export const JAILED = 4;

/** Agent kinds (`kind` array). */
export const KIND_COP = COP;
export const KIND_CITIZEN = 2;

/**
 * Stream ids of this model ("EP" in the high half), distinct from every other
 * mechanism's: initial placement, activation order, agents' choices.
 */
export const STREAM_PLACE = 0x45500001;
export const STREAM_ORDER = 0x45500002;
export const STREAM_ACT = 0x45500003;

export const EPSTEIN_METRICS = ["quiet", "active", "jailed"] as const;

// Branch-free scan tables, indexed by cell code.
const IS_EMPTY = Int32Array.of(1, 0, 0, 0, 0);
const IS_COP = Int32Array.of(0, 1, 0, 0, 0);
const IS_ACTIVE = Int32Array.of(0, 0, 0, 1, 0);

/**
 * Round half to even, as Python 3's round() which Mesa's example applies to
 * C/A. Mesa's comment there: "the round is not in the pnas paper but without it,
 * its impossible to replicate the dynamics shown there." The rounding makes the
 * estimate a step function: with more than twice as many actives (self
 * included) as cops, round(C/A) = 0 and P = 0, so a crowd of actives feels safe;
 * otherwise P >= 1 - exp(-k) ~ 0.9. NetLogo's Rebellion floors instead, for the
 * same reason (its Info tab: without it "the model does not exhibit punctuated
 * equilibrium").
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Number of cells at von Neumann distance 1..v: 2v(v + 1). */
export function vonNeumannSize(v: number): number {
  return 2 * v * (v + 1);
}

/**
 * Offsets (dx, dy) with 1 <= |dx| + |dy| <= v, wrapped into [0, W) x [0, H) and
 * deduplicated; the own cell (0, 0) excluded. Interleaved [dx0, dy0, dx1, ...].
 * Used on tori too small for the fast span scan (2v + 1 > W or > H).
 */
function wrappedOffsets(v: number, W: number, H: number): Int32Array {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let dy = -v; dy <= v; dy++) {
    const r = v - Math.abs(dy);
    for (let dx = -r; dx <= r; dx++) {
      const dxw = ((dx % W) + W) % W;
      const dyw = ((dy % H) + H) % H;
      if (dxw === 0 && dyw === 0) continue;
      const key = dyw * W + dxw;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(dxw, dyw);
    }
  }
  return Int32Array.from(out);
}

export class EpsteinModel implements Simulation {
  readonly width: number;
  readonly height: number;
  readonly agents: number;
  readonly citizens: number;
  readonly cops: number;
  t = 0;
  readonly metrics: MetricsTable;

  /** Per cell: EMPTY, COP, QUIET, ACTIVE or JAILED (the occupant's state). */
  readonly cell: Uint8Array;
  /** Per cell: the occupant's agent id, or -1. */
  readonly cellAgent: Int32Array;
  /** Per agent: cell index y * width + x. */
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

  /** Grievance H(1 - L), derived from hardship; not hashed. */
  private readonly grievance: Float64Array;
  /** Citizens per state, indexed by code (QUIET, ACTIVE, JAILED). */
  private readonly count = new Int32Array(5);
  private readonly perm: Int32Array;
  private readonly emptyBuf: Int32Array;
  private readonly activeBuf: Int32Array;
  /** rowBase[i] = ((i - vmax) mod H) * W, for rows y + dy + vmax. */
  private readonly rowBase: Int32Array;
  /** colWrap[i] = i mod W for i < 2W (small-torus path). */
  private readonly colWrap: Int32Array;
  /** rowWrap[i] = (i mod H) * W for i < 2H (small-torus path). */
  private readonly rowWrap: Int32Array;
  /** Wrapped offsets per vision, or null where the span scan applies. */
  private readonly citizenOffsets: Int32Array | null;
  private readonly copOffsets: Int32Array | null;
  /** pArrest[n] = 1 - exp(-k n), n = round(C / A) <= C. */
  private readonly pArrest: Float64Array;
  private readonly vmax: number;
  private readonly order: Stream;
  private readonly act: Stream;
  // Results of the last scan.
  private nEmpty = 0;
  private nActive = 0;
  private nCops = 0;

  constructor(
    readonly params: EpsteinParams,
    readonly seed: Seed64,
    /** Capacity: the number of steps this run may take. */
    readonly steps: number,
  ) {
    if (!Number.isInteger(steps) || steps < 0) {
      throw new RangeError(`scsim: steps must be a non-negative integer, got ${steps}`);
    }
    const W = params.width;
    const H = params.height;
    const N = W * H;
    this.width = W;
    this.height = H;

    // Placement: one uniform per cell decides cop / citizen / empty; words 1, 2
    // of the same block give the citizen's hardship and risk aversion.
    const place = new Stream(seed, STREAM_PLACE);
    const pc = params.copDensity;
    const pcc = params.copDensity + params.citizenDensity;
    let nCop = 0;
    let nCit = 0;
    const cellKind = new Uint8Array(N);
    for (let c = 0; c < N; c++) {
      const u = place.u01(0, c, 0);
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
    this.cell = new Uint8Array(N);
    this.cellAgent = new Int32Array(N).fill(-1);
    this.pos = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.hardship = new Float64Array(n);
    this.riskAversion = new Float64Array(n);
    this.grievance = new Float64Array(n);
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
        this.cell[c] = COP;
      } else {
        const h = place.u01(0, c, 1);
        this.hardship[a] = h;
        this.riskAversion[a] = place.u01(0, c, 2);
        this.grievance[a] = h * illegitimacy;
        this.state[a] = QUIET;
        this.cell[c] = QUIET;
      }
      a++;
    }
    this.count[QUIET] = nCit;

    // Neighbourhoods.
    const vmax = Math.max(params.citizenVision, params.copVision);
    this.vmax = vmax;
    this.rowBase = new Int32Array(H + 2 * vmax);
    for (let i = 0; i < this.rowBase.length; i++) {
      this.rowBase[i] = ((((i - vmax) % H) + H) % H) * W;
    }
    this.colWrap = new Int32Array(2 * W);
    for (let i = 0; i < 2 * W; i++) this.colWrap[i] = i % W;
    this.rowWrap = new Int32Array(2 * H);
    for (let i = 0; i < 2 * H; i++) this.rowWrap[i] = (i % H) * W;
    const fits = (v: number) => 2 * v + 1 <= W && 2 * v + 1 <= H;
    this.citizenOffsets = fits(params.citizenVision)
      ? null
      : wrappedOffsets(params.citizenVision, W, H);
    this.copOffsets = fits(params.copVision) ? null : wrappedOffsets(params.copVision, W, H);
    const nb = vonNeumannSize(vmax);
    this.emptyBuf = new Int32Array(nb);
    this.activeBuf = new Int32Array(nb);
    this.pArrest = new Float64Array(nb + 1);
    for (let i = 0; i <= nb; i++) this.pArrest[i] = 1 - Math.exp(-params.arrestProbConstant * i);

    this.perm = new Int32Array(n);
    this.order = new Stream(seed, STREAM_ORDER);
    this.act = new Stream(seed, STREAM_ACT);

    this.metrics = new MetricsTable(EPSTEIN_METRICS, ["all"], steps + 1);
    this.record();
  }

  /** One step: every agent activated once, in a fresh random order. */
  step(): void {
    if (this.t >= this.steps) {
      throw new RangeError(`scsim: EpsteinModel was built for ${this.steps} steps`);
    }
    const s = this.t + 1;
    const n = this.agents;
    const perm = this.perm;
    // Fisher-Yates (Durstenfeld) from the identity, so the order of step s is a
    // function of (seed, s) alone; draw i is keyed by (s, i).
    for (let i = 0; i < n; i++) perm[i] = i;
    const order = this.order;
    for (let i = n - 1; i > 0; i--) {
      const j = order.int(s, i, 0, i + 1);
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    const kind = this.kind;
    for (let q = 0; q < n; q++) {
      const a = perm[q];
      if (kind[a] === KIND_COP) this.activateCop(s, a);
      else this.activateCitizen(s, a);
    }
    this.t = s;
    this.record();
  }

  private activateCitizen(s: number, a: number): void {
    const jail = this.jail;
    if (jail[a] > 0) {
      jail[a]--;
      return;
    }
    const cell = this.cell;
    const state = this.state;
    const pos = this.pos[a];
    // Mask the own cell (JAILED counts as neither cop, active nor empty), look.
    cell[pos] = JAILED;
    this.scan(pos, this.params.citizenVision, this.citizenOffsets);
    const ratio = this.nCops / (1 + this.nActive);
    const p = this.pArrest[roundHalfEven(ratio)];
    const next =
      this.grievance[a] - this.riskAversion[a] * p > this.params.activeThreshold ? ACTIVE : QUIET;
    const prev = state[a];
    if (prev !== next) {
      this.count[prev]--;
      this.count[next]++;
      state[a] = next;
    }
    this.moveOrStay(s, a, pos, next);
  }

  private activateCop(s: number, a: number): void {
    const cell = this.cell;
    const pos = this.pos[a];
    cell[pos] = JAILED;
    this.scan(pos, this.params.copVision, this.copOffsets);
    const na = this.nActive;
    if (na > 0) {
      const target = this.activeBuf[this.act.int(s, a, 0, na)];
      const b = this.cellAgent[target];
      this.jail[b] = this.act.int(s, a, 1, this.params.maxJailTerm + 1);
      this.state[b] = JAILED;
      cell[target] = JAILED;
      this.count[ACTIVE]--;
      this.count[JAILED]++;
    }
    this.moveOrStay(s, a, pos, COP);
  }

  /** Moves agent a (now in state `code`) to a random empty cell of the last scan. */
  private moveOrStay(s: number, a: number, pos: number, code: number): void {
    const ne = this.nEmpty;
    if (this.params.movement && ne > 0) {
      const dest = this.emptyBuf[this.act.int(s, a, 2, ne)];
      this.cell[pos] = EMPTY;
      this.cellAgent[pos] = -1;
      this.cell[dest] = code;
      this.cellAgent[dest] = a;
      this.pos[a] = dest;
    } else {
      this.cell[pos] = code;
    }
  }

  /**
   * One pass over the vision of cell `pos`: counts cops into nCops, collects
   * active cells into activeBuf[0..nActive) and empty cells into
   * emptyBuf[0..nEmpty). Without wrapped offsets, each row dy of the von Neumann
   * ball is the span x - r .. x + r (r = v - |dy|), cut in at most two
   * contiguous pieces by the torus seam.
   */
  private scan(pos: number, v: number, offsets: Int32Array | null): void {
    const cell = this.cell;
    const emp = this.emptyBuf;
    const act = this.activeBuf;
    const W = this.width;
    let ne = 0;
    let na = 0;
    let nc = 0;
    const x = pos % W;
    const y = (pos - x) / W;
    if (offsets === null) {
      const rowBase = this.rowBase;
      const y0 = y + this.vmax;
      for (let dy = -v; dy <= v; dy++) {
        const r = v - (dy < 0 ? -dy : dy);
        const rb = rowBase[y0 + dy];
        let lo = x - r;
        let hi = x + r;
        // The piece beyond the seam, if any.
        let a1 = 1;
        let b1 = 0;
        if (lo < 0) {
          a1 = rb + lo + W;
          b1 = rb + W - 1;
          lo = 0;
        } else if (hi >= W) {
          a1 = rb;
          b1 = rb + hi - W;
          hi = W - 1;
        }
        for (let c = rb + lo, end = rb + hi; c <= end; c++) {
          const k = cell[c];
          nc += IS_COP[k];
          act[na] = c;
          na += IS_ACTIVE[k];
          emp[ne] = c;
          ne += IS_EMPTY[k];
        }
        for (let c = a1; c <= b1; c++) {
          const k = cell[c];
          nc += IS_COP[k];
          act[na] = c;
          na += IS_ACTIVE[k];
          emp[ne] = c;
          ne += IS_EMPTY[k];
        }
      }
    } else {
      const colWrap = this.colWrap;
      const rowWrap = this.rowWrap;
      for (let i = 0; i < offsets.length; i += 2) {
        const c = rowWrap[y + offsets[i + 1]] + colWrap[x + offsets[i]];
        const k = cell[c];
        nc += IS_COP[k];
        act[na] = c;
        na += IS_ACTIVE[k];
        emp[ne] = c;
        ne += IS_EMPTY[k];
      }
    }
    this.nEmpty = ne;
    this.nActive = na;
    this.nCops = nc;
  }

  private record(): void {
    const m = this.metrics;
    const t = this.t;
    m.set(t, 0, 0, this.count[QUIET]);
    m.set(t, 1, 0, this.count[ACTIVE]);
    m.set(t, 2, 0, this.count[JAILED]);
    m.recorded = t + 1;
  }

  stateHash(): string {
    const h = new Fnv1a64();
    h.updateNumber(this.t);
    h.update(this.cell);
    h.update(this.cellAgent);
    h.update(this.pos);
    h.update(this.kind);
    h.update(this.hardship);
    h.update(this.riskAversion);
    h.update(this.state);
    h.update(this.jail);
    return h.hex();
  }

  // ---- Accessors for tests, reports and the web view -------------------------

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

  /** Copy of the grid's cell codes. */
  cells(): Uint8Array {
    return this.cell.slice();
  }

  /**
   * Cells in the von Neumann ball of radius v around `pos` (own cell excluded,
   * duplicates on a small torus counted once) holding the given code.
   */
  countInVision(pos: number, v: number, code: number): number {
    const W = this.width;
    const H = this.height;
    const x = pos % W;
    const y = (pos - x) / W;
    let n = 0;
    if (2 * v + 1 <= W && 2 * v + 1 <= H) {
      for (let dy = -v; dy <= v; dy++) {
        const r = v - Math.abs(dy);
        const yy = (((y + dy) % H) + H) % H;
        for (let dx = -r; dx <= r; dx++) {
          if (dx === 0 && dy === 0) continue;
          const xx = (((x + dx) % W) + W) % W;
          if (this.cell[yy * W + xx] === code) n++;
        }
      }
      return n;
    }
    const off = wrappedOffsets(v, W, H);
    for (let i = 0; i < off.length; i += 2) {
      const c = ((y + off[i + 1]) % H) * W + ((x + off[i]) % W);
      if (this.cell[c] === code) n++;
    }
    return n;
  }
}

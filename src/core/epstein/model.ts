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

/** Cell codes, which are also the agents' states (a cop's state is COP). */
export const EMPTY = 0;
export const COP = 1;
export const QUIET = 2;
export const ACTIVE = 3;
export const JAILED = 4;

/** Agent kinds (`kind` array). */
export const KIND_COP = 1;
export const KIND_CITIZEN = 2;

export const EPSTEIN_METRICS = ["quiet", "active", "jailed"] as const;

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

/**
 * Packed scan increments by cell code: actives in bits 0-9, cops in 10-19,
 * empties in 20-29. A scan sums at most 1023 cells per packed word.
 */
const INC = Int32Array.of(1 << 20, 1 << 10, 0, 1, 0);
const CHUNK = 1023;
// 0/1 by cell code, for branch-free collecting (a ternary compiles to a branch).
const IS_EMPTY = Int32Array.of(1, 0, 0, 0, 0);
const IS_ACTIVE = Int32Array.of(0, 0, 0, 1, 0);

/**
 * Round half to even, as Python 3's round() which Mesa's example applies to
 * C/A. Mesa's comment there: "the round is not in the pnas paper but without it,
 * its impossible to replicate the dynamics shown there." The rounding makes the
 * estimate a step function: with at least twice as many actives (self
 * included) as cops, 2C <= A, round(C/A) = 0 (0.5 rounds to 0) and P = 0, so a
 * crowd of actives feels safe; otherwise P >= 1 - exp(-k) ~ 0.9. NetLogo's Rebellion floors instead, for the
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
 */
export function wrappedOffsets(v: number, W: number, H: number): Int32Array {
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

/** How one kind of agent looks: flat halo offsets, or wrapped offsets. */
interface Vision {
  readonly radius: number;
  /** Flat offsets in the haloed grid (the ball fits in the torus), or null. */
  readonly flat: Int32Array | null;
  /** Wrapped (dx, dy) pairs when the ball does not fit, or null. */
  readonly wrapped: Int32Array | null;
  /** Cells in the ball (after deduplication). */
  readonly size: number;
  /** 65536 mod size: Lemire's rejection threshold for 16-bit draws. */
  readonly lemire: number;
}

export class EpsteinModel implements Simulation {
  readonly width: number;
  readonly height: number;
  readonly agents: number;
  readonly citizens: number;
  readonly cops: number;
  t = 0;
  readonly metrics: MetricsTable;

  /** Halo width: ghost rows/columns on each side of the grid. */
  readonly halo: number;
  /** Row length of the haloed grid, width + 2 halo. */
  readonly stride: number;
  /**
   * Cell codes (EMPTY, COP, QUIET, ACTIVE, JAILED) on the haloed grid: cell
   * (x, y) is at (y + halo) * stride + x + halo; the halo repeats the cells
   * across the seam.
   */
  readonly grid: Uint8Array;
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
  /** Empty / active cells (haloed-grid indices) collected by a scan. */
  private readonly emptyBuf: Int32Array;
  private readonly activeBuf: Int32Array;
  private readonly citizenVision: Vision;
  private readonly copVision: Vision;
  /** colWrap[i] = i mod W for i < 2W (wrapped path). */
  private readonly colWrap: Int32Array;
  /** rowWrap[i] = i mod H for i < 2H (wrapped path). */
  private readonly rowWrap: Int32Array;
  /** pArrest[n] = 1 - exp(-k n), n = round(C / A) <= C. */
  private readonly pArrest: Float64Array;
  private readonly rng: Stream;
  private readonly threshold: number;
  private readonly movement: boolean;
  private readonly jailTerms: number;
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
    this.threshold = params.activeThreshold;
    this.movement = params.movement;
    this.jailTerms = params.maxJailTerm + 1;
    this.rng = new Stream(seed, STREAM.epstein);

    // Neighbourhoods: a ball fits when it cannot reach around the torus.
    const fits = (v: number) => 2 * v + 1 <= W && 2 * v + 1 <= H;
    let halo = 0;
    for (const v of [params.citizenVision, params.copVision]) if (fits(v)) halo = Math.max(halo, v);
    this.halo = halo;
    const stride = W + 2 * halo;
    this.stride = stride;
    this.grid = new Uint8Array(stride * (H + 2 * halo));
    this.citizenVision = this.makeVision(params.citizenVision, fits(params.citizenVision));
    this.copVision = this.makeVision(params.copVision, fits(params.copVision));
    this.colWrap = new Int32Array(2 * W);
    for (let i = 0; i < 2 * W; i++) this.colWrap[i] = i % W;
    this.rowWrap = new Int32Array(2 * H);
    for (let i = 0; i < 2 * H; i++) this.rowWrap[i] = i % H;
    const nb = Math.max(this.citizenVision.size, this.copVision.size);
    this.emptyBuf = new Int32Array(nb);
    this.activeBuf = new Int32Array(nb);
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
        this.put(c, COP);
      } else {
        const h = rng.u01(0, c, 1);
        this.hardship[a] = h;
        this.riskAversion[a] = rng.u01(0, c, 2);
        this.state[a] = QUIET;
        this.put(c, QUIET);
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

  private makeVision(v: number, fits: boolean): Vision {
    if (!fits) {
      const wrapped = wrappedOffsets(v, this.width, this.height);
      const size = wrapped.length / 2;
      return { radius: v, flat: null, wrapped, size, lemire: 65536 % size };
    }
    const flat = new Int32Array(vonNeumannSize(v));
    let i = 0;
    for (let dy = -v; dy <= v; dy++) {
      const r = v - Math.abs(dy);
      for (let dx = -r; dx <= r; dx++) {
        if (dx !== 0 || dy !== 0) flat[i++] = dy * this.stride + dx;
      }
    }
    return { radius: v, flat, wrapped: null, size: flat.length, lemire: 65536 % flat.length };
  }

  /** Haloed-grid index of cell c = y * width + x. */
  private gridIndex(c: number): number {
    const W = this.width;
    const x = c % W;
    return ((c - x) / W + this.halo) * this.stride + x + this.halo;
  }

  /** Cell y * width + x of haloed-grid index g (ghost cells map to their originals). */
  private cellOf(g: number): number {
    const s = this.stride;
    const h = this.halo;
    const px = g % s;
    let x = px - h;
    let y = (g - px) / s - h;
    if (x < 0) x += this.width;
    else if (x >= this.width) x -= this.width;
    if (y < 0) y += this.height;
    else if (y >= this.height) y -= this.height;
    return y * this.width + x;
  }

  /** Writes cell c's code, and its ghost copies in the halo. */
  private put(c: number, code: number): void {
    const W = this.width;
    const H = this.height;
    const h = this.halo;
    const s = this.stride;
    const x = c % W;
    const y = (c - x) / W;
    const g = (y + h) * s + x + h;
    const grid = this.grid;
    grid[g] = code;
    if (h === 0) return;
    // With 2h + 1 <= W, H a cell has at most one ghost column and one ghost row.
    const gx = x < h ? W : x >= W - h ? -W : 0;
    const gy = y < h ? H * s : y >= H - h ? -H * s : 0;
    if (gx !== 0) grid[g + gx] = code;
    if (gy !== 0) {
      grid[g + gy] = code;
      if (gx !== 0) grid[g + gx + gy] = code;
    }
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
    const g = this.gridIndex(c);
    const qf = this.quietFrom[a];
    const decided = qf === 0 || qf > vis.size;
    let looked = false;
    if (!decided || (this.movement && flat === null)) {
      if (flat !== null) this.scanFlat(g, flat, false);
      else this.scanWrapped(c, vis.wrapped!);
      looked = true;
    }
    // Active iff G - R P > T with P = 1 - exp(-k round(C / A)), A = 1 + actives.
    const next = decided
      ? qf === 0
        ? QUIET
        : ACTIVE
      : roundHalfEven(this.nCops / (1 + this.nActive)) < qf
        ? ACTIVE
        : QUIET;
    if (prev !== next) {
      this.count[prev]--;
      this.count[next]++;
      this.state[a] = next;
    }
    const dest = this.movement ? this.destination(s, a, g, vis, 0, looked) : -1;
    if (dest >= 0) this.move(a, c, dest, next);
    else if (prev !== next) this.put(c, next);
  }

  private activateCop(s: number, a: number): void {
    const c = this.pos[a];
    const vis = this.copVision;
    const flat = vis.flat;
    const g = this.gridIndex(c);
    if (flat !== null) this.scanFlat(g, flat, true);
    else this.scanWrapped(c, vis.wrapped!);
    const na = this.nActive;
    if (na > 0) {
      const rng = this.rng;
      const target = this.cellOf(this.activeBuf[rng.int(s, a, 0, na)]);
      const b = this.cellAgent[target];
      this.jail[b] = rng.int(s, a, 1, this.jailTerms);
      this.state[b] = JAILED;
      this.put(target, JAILED);
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
    let ne = this.nEmpty;
    if (flat === null) {
      // scanWrapped has collected the empty cells.
      return ne > 0 ? this.cellOf(this.emptyBuf[rng.int(s, a, w0 + (MOVE_TRIES >>> 1), ne)]) : -1;
    }
    if (looked && ne === 0) return -1;
    const size = flat.length;
    if (!looked || ne * 8 >= size) {
      const grid = this.grid;
      const thr = vis.lemire;
      for (let i = 0; i < MOVE_TRIES; i++) {
        // Try i: a 16-bit half of word w0 + i/2, mapped to 0..size-1 by
        // Lemire's multiply-shift with rejection (exactly uniform).
        const w = rng.word(s, a, w0 + (i >>> 1));
        const m = ((i & 1) === 0 ? w & 0xffff : w >>> 16) * size;
        if ((m & 0xffff) < thr) continue;
        const d = g + flat[m >>> 16];
        if (grid[d] === EMPTY) return this.cellOf(d);
      }
    }
    ne = this.collectEmpty(g, flat);
    const wf = w0 + (MOVE_TRIES >>> 1);
    return ne > 0 ? this.cellOf(this.emptyBuf[rng.int(s, a, wf, ne)]) : -1;
  }

  /** Moves agent a, now in state `code`, from cell c to the empty cell dest. */
  private move(a: number, c: number, dest: number, code: number): void {
    this.put(c, EMPTY);
    this.cellAgent[c] = -1;
    this.put(dest, code);
    this.cellAgent[dest] = a;
    this.pos[a] = dest;
  }

  /**
   * One branch-free pass over the ball around haloed index g: counts empty
   * cells, cops and actives (packed, CHUNK cells at a time) and, for cops,
   * collects the active cells into activeBuf.
   */
  private scanFlat(g: number, flat: Int32Array, collectActive: boolean): void {
    const grid = this.grid;
    const size = flat.length;
    const act = this.activeBuf;
    let ne = 0;
    let nc = 0;
    let na = 0;
    for (let b = 0; b < size; b += CHUNK) {
      const e = Math.min(b + CHUNK, size);
      let acc = 0;
      if (collectActive) {
        for (let i = b; i < e; i++) {
          const d = g + flat[i];
          const k = grid[d];
          acc += INC[k];
          act[na] = d;
          na += IS_ACTIVE[k];
        }
      } else {
        for (let i = b; i < e; i++) acc += INC[grid[g + flat[i]]];
        na += acc & 1023;
      }
      nc += (acc >>> 10) & 1023;
      ne += acc >>> 20;
    }
    this.nEmpty = ne;
    this.nCops = nc;
    this.nActive = na;
  }

  /** Collects the empty cells of the ball around haloed index g into emptyBuf; returns their number. */
  private collectEmpty(g: number, flat: Int32Array): number {
    const grid = this.grid;
    const emp = this.emptyBuf;
    let ne = 0;
    for (let i = 0; i < flat.length; i++) {
      const d = g + flat[i];
      emp[ne] = d;
      ne += IS_EMPTY[grid[d]];
    }
    return ne;
  }

  /** Scan through wrapped offsets (ball larger than the torus): counts and collects. */
  private scanWrapped(c: number, wrapped: Int32Array): void {
    const W = this.width;
    const x = c % W;
    const y = (c - x) / W;
    const h = this.halo;
    const s = this.stride;
    const grid = this.grid;
    const emp = this.emptyBuf;
    const act = this.activeBuf;
    let ne = 0;
    let nc = 0;
    let na = 0;
    for (let i = 0; i < wrapped.length; i += 2) {
      const d = (this.rowWrap[y + wrapped[i + 1]] + h) * s + this.colWrap[x + wrapped[i]] + h;
      const k = grid[d];
      if (k === EMPTY) emp[ne++] = d;
      else if (k === COP) nc++;
      else if (k === ACTIVE) act[na++] = d;
    }
    this.nEmpty = ne;
    this.nCops = nc;
    this.nActive = na;
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
    h.update(this.grid);
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
    for (let c = 0; c < out.length; c++) out[c] = this.grid[this.gridIndex(c)];
    return out;
  }

  /** Code of cell y * width + x. */
  cellCode(c: number): number {
    return this.grid[this.gridIndex(c)];
  }

  /**
   * What an agent of `kind` standing in cell c sees, through the model's own
   * scan: cops, active citizens and empty cells in its vision.
   */
  look(c: number, kind: number): { cops: number; actives: number; empties: number } {
    const vis = kind === KIND_COP ? this.copVision : this.citizenVision;
    if (vis.flat !== null) this.scanFlat(this.gridIndex(c), vis.flat, kind === KIND_COP);
    else this.scanWrapped(c, vis.wrapped!);
    return { cops: this.nCops, actives: this.nActive, empties: this.nEmpty };
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

import { describe, expect, it } from "vitest";
import { type Seed64, seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import { binomialUpperTail, mean, oneSampleTTest, signTest } from "../stats/index.js";
import {
  ACTIVE,
  COP,
  EMPTY,
  EPSTEIN_METRICS,
  EpsteinModel,
  JAILED,
  KIND_CITIZEN,
  KIND_COP,
  QUIET,
  roundHalfEven,
  vonNeumannSize,
  wrappedOffsets,
} from "./model.js";
import { defaultEpsteinParams, type EpsteinParams, epsteinParams } from "./params.js";

/** NetLogo Rebellion's interface settings (Wilensky 2004); the rest as Mesa's. */
const NETLOGO = { copDensity: 0.04, maxJailTerm: 30, legitimacy: 0.82 } as const;

function model(over: Partial<EpsteinParams>, seed: number, steps: number): EpsteinModel {
  return new EpsteinModel(defaultEpsteinParams(over), seed64(seed), steps);
}

/** Active share after each step 1..steps. */
function activeShares(over: Partial<EpsteinParams>, seed: number, steps: number): Float64Array {
  const m = model(over, seed, steps);
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    m.step();
    out[t] = m.activeShare();
  }
  return out;
}

function torusDistance(a: number, b: number, W: number, H: number): number {
  const dx = Math.abs((a % W) - (b % W));
  const dy = Math.abs(Math.floor(a / W) - Math.floor(b / W));
  return Math.min(dx, W - dx) + Math.min(dy, H - dy);
}

/** Throws with `what` unless ok (cheap enough to call per cell and step). */
function check(ok: boolean, what: () => string): void {
  if (!ok) throw new Error(what());
}

/** Every structural invariant of the state, checked from the public arrays. */
function checkInvariants(m: EpsteinModel): void {
  const W = m.width;
  const H = m.height;
  const cells = m.cells();
  // One agent per cell, and cell codes agree with the agents' states.
  let occupied = 0;
  for (let c = 0; c < W * H; c++) {
    const a = m.cellAgent[c];
    if (a < 0) {
      check(cells[c] === EMPTY, () => `cell ${c} has no agent but code ${cells[c]}`);
      continue;
    }
    occupied++;
    check(m.pos[a] === c, () => `cell ${c} holds agent ${a}, which is at ${m.pos[a]}`);
    check(cells[c] === m.state[a], () => `cell ${c} code ${cells[c]} != state ${m.state[a]}`);
  }
  expect(occupied).toBe(m.agents);
  // Ghost cells of the halo repeat the cells across the seam.
  const h = m.halo;
  for (let py = 0; py < H + 2 * h; py++) {
    for (let px = 0; px < W + 2 * h; px++) {
      const x = (px - h + W) % W;
      const y = (py - h + H) % H;
      check(
        m.grid[py * m.stride + px] === cells[y * W + x],
        () => `ghost cell (${px}, ${py}) differs from cell (${x}, ${y})`,
      );
    }
  }
  // Counts: quiet + active + jailed = citizens, as recounted, and as recorded.
  const recount = [0, 0, 0, 0, 0];
  for (let a = 0; a < m.agents; a++) {
    recount[m.state[a]]++;
    check((m.kind[a] === KIND_COP) === (m.state[a] === COP), () => `agent ${a}: kind/state`);
    check(m.jail[a] === 0 || m.state[a] === JAILED, () => `agent ${a} has a sentence, not jailed`);
  }
  const c = m.counts();
  expect(c.quiet + c.active + c.jailed).toBe(m.citizens);
  expect([c.quiet, c.active, c.jailed]).toEqual([recount[QUIET], recount[ACTIVE], recount[JAILED]]);
  expect(recount[COP]).toBe(m.cops);
  expect(m.metrics.last("quiet")).toBe(c.quiet);
  expect(m.metrics.last("active")).toBe(c.active);
  expect(m.metrics.last("jailed")).toBe(c.jailed);
  expect(m.metrics.recorded).toBe(m.t + 1);
}

/** Runs `steps` steps checking invariants, moves within vision and jailed staying put. */
function runChecked(m: EpsteinModel, steps: number): number {
  let moves = 0;
  checkInvariants(m);
  for (let t = 0; t < steps; t++) {
    const before = m.positions();
    const stateBefore = m.states();
    const jailBefore = m.jailSentences();
    m.step();
    const after = m.positions();
    for (let a = 0; a < m.agents; a++) {
      if (before[a] === after[a]) continue;
      moves++;
      // Jailed citizens with time left stay in their cell for the whole step.
      if (stateBefore[a] === JAILED && jailBefore[a] > 0) {
        throw new Error(`jailed agent ${a} moved at step ${m.t}`);
      }
      const v = m.kind[a] === KIND_COP ? m.params.copVision : m.params.citizenVision;
      const d = torusDistance(before[a], after[a], m.width, m.height);
      check(d <= v, () => `agent ${a} moved ${d} > vision ${v} at step ${m.t}`);
    }
    checkInvariants(m);
  }
  return moves;
}

// ---------------------------------------------------------------------------
// A naive reference implementation of the same rules and the same random-draw
// addresses, on the plain grid with modular arithmetic: no halo, no flat
// offsets, no packed counters. The fast model must match it exactly.

class ReferenceModel {
  readonly W: number;
  readonly H: number;
  readonly cell: Int32Array; // agent id or -1
  readonly pos: number[] = [];
  readonly kind: number[] = [];
  readonly state: number[] = [];
  readonly jail: number[] = [];
  readonly G: number[] = [];
  readonly R: number[] = [];
  readonly fixed: number[] = [];
  readonly rng: Stream;
  readonly pArrest: number[] = [];
  t = 0;

  constructor(
    readonly p: EpsteinParams,
    seed: Seed64,
  ) {
    this.W = p.width;
    this.H = p.height;
    this.cell = new Int32Array(this.W * this.H).fill(-1);
    this.rng = new Stream(seed, STREAM.epstein);
    const nb = Math.max(this.offsets(p.citizenVision).length, this.offsets(p.copVision).length);
    for (let i = 0; i <= nb; i++) this.pArrest.push(1 - Math.exp(-p.arrestProbConstant * i));
    for (let c = 0; c < this.W * this.H; c++) {
      const u = this.rng.u01(0, c, 0);
      if (u >= p.copDensity + p.citizenDensity) continue;
      const a = this.pos.length;
      this.cell[c] = a;
      this.pos.push(c);
      this.jail.push(0);
      if (u < p.copDensity) {
        this.kind.push(KIND_COP);
        this.state.push(COP);
        this.G.push(0);
        this.R.push(0);
        this.fixed.push(0);
      } else {
        const g = this.rng.u01(0, c, 1) * (1 - p.legitimacy);
        const r = this.rng.u01(0, c, 2);
        this.kind.push(KIND_CITIZEN);
        this.state.push(QUIET);
        this.G.push(g);
        this.R.push(r);
        const pMax = this.pArrest[this.offsets(p.citizenVision).length];
        const T = p.activeThreshold;
        this.fixed.push(!(g - r * this.pArrest[0] > T) ? QUIET : g - r * pMax > T ? ACTIVE : 0);
      }
    }
  }

  fits(v: number): boolean {
    return 2 * v + 1 <= this.W && 2 * v + 1 <= this.H;
  }

  /** The ball's (dx, dy) in the model's order. */
  offsets(v: number): [number, number][] {
    const out: [number, number][] = [];
    if (this.fits(v)) {
      for (let dy = -v; dy <= v; dy++) {
        const r = v - Math.abs(dy);
        for (let dx = -r; dx <= r; dx++) if (dx !== 0 || dy !== 0) out.push([dx, dy]);
      }
    } else {
      const w = wrappedOffsets(v, this.W, this.H);
      for (let i = 0; i < w.length; i += 2) out.push([w[i], w[i + 1]]);
    }
    return out;
  }

  at(c: number, dx: number, dy: number): number {
    const x = ((((c % this.W) + dx) % this.W) + this.W) % this.W;
    const y = (((Math.floor(c / this.W) + dy) % this.H) + this.H) % this.H;
    return y * this.W + x;
  }

  code(c: number): number {
    const a = this.cell[c];
    return a < 0 ? EMPTY : this.state[a];
  }

  look(c: number, v: number) {
    const cells = this.offsets(v).map(([dx, dy]) => this.at(c, dx, dy));
    return {
      cells,
      cops: cells.filter((d) => this.code(d) === COP).length,
      actives: cells.filter((d) => this.code(d) === ACTIVE),
      empties: cells.filter((d) => this.code(d) === EMPTY),
    };
  }

  destination(s: number, a: number, c: number, v: number, w0: number, looked: boolean): number {
    const { cells, empties } = this.look(c, v);
    const ne = empties.length;
    if (!this.fits(v)) return ne > 0 ? empties[this.rng.int(s, a, w0 + 8, ne)] : -1;
    if (looked && ne === 0) return -1;
    const size = cells.length;
    if (!looked || ne * 8 >= size) {
      for (let i = 0; i < 16; i++) {
        const w = this.rng.word(s, a, w0 + (i >>> 1));
        const m = ((i & 1) === 0 ? w & 0xffff : w >>> 16) * size;
        if (m % 65536 < 65536 % size) continue;
        const d = cells[Math.floor(m / 65536)];
        if (this.code(d) === EMPTY) return d;
      }
    }
    return ne > 0 ? empties[this.rng.int(s, a, w0 + 8, ne)] : -1;
  }

  moveTo(a: number, dest: number): void {
    if (dest < 0) return;
    this.cell[this.pos[a]] = -1;
    this.cell[dest] = a;
    this.pos[a] = dest;
  }

  step(): void {
    const s = ++this.t;
    const n = this.pos.length;
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.rng.int(s, i >>> 2, 0x40000000 + (i & 3), i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const p = this.p;
    for (const a of perm) {
      const c = this.pos[a];
      if (this.kind[a] === KIND_COP) {
        const seen = this.look(c, p.copVision);
        if (seen.actives.length > 0) {
          const b = this.cell[seen.actives[this.rng.int(s, a, 0, seen.actives.length)]];
          this.jail[b] = this.rng.int(s, a, 1, p.maxJailTerm + 1);
          this.state[b] = JAILED;
        }
        if (p.movement) this.moveTo(a, this.destination(s, a, c, p.copVision, 2, true));
        continue;
      }
      if (this.jail[a] > 0) {
        this.jail[a]--;
        continue;
      }
      let next = this.fixed[a];
      const looked = next === 0 || (p.movement && !this.fits(p.citizenVision));
      if (next === 0) {
        const seen = this.look(c, p.citizenVision);
        const P = this.pArrest[roundHalfEven(seen.cops / (1 + seen.actives.length))];
        next = this.G[a] - this.R[a] * P > p.activeThreshold ? ACTIVE : QUIET;
      }
      this.state[a] = next;
      if (p.movement) this.moveTo(a, this.destination(s, a, c, p.citizenVision, 0, looked));
    }
  }
}

// ---------------------------------------------------------------------------

describe("roundHalfEven (Python's round, as Mesa applies it to C/A)", () => {
  it("rounds halves to even and everything else to nearest", () => {
    expect(roundHalfEven(0.5)).toBe(0);
    expect(roundHalfEven(1.5)).toBe(2);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(0)).toBe(0);
    expect(roundHalfEven(0.49)).toBe(0);
    expect(roundHalfEven(0.51)).toBe(1);
    expect(roundHalfEven(2 / 3)).toBe(1);
    expect(roundHalfEven(7 / 2)).toBe(4);
    expect(roundHalfEven(9 / 2)).toBe(4);
  });
});

describe("epsteinParams", () => {
  it("defaults to Mesa's example settings", () => {
    expect(defaultEpsteinParams()).toEqual({
      width: 40,
      height: 40,
      citizenDensity: 0.7,
      copDensity: 0.074,
      citizenVision: 7,
      copVision: 7,
      legitimacy: 0.8,
      activeThreshold: 0.1,
      arrestProbConstant: 2.3,
      maxJailTerm: 1000,
      movement: true,
    });
  });

  it("rejects densities summing above 1, unknown keys and out-of-range values", () => {
    const r = epsteinParams.safeParse({ citizenDensity: 0.9, copDensity: 0.2 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/citizenDensity \+ copDensity must be at most 1/);
    expect(epsteinParams.safeParse({ vision: 7 }).success).toBe(false);
    expect(epsteinParams.safeParse({ width: 2 }).success).toBe(false);
    expect(epsteinParams.safeParse({ citizenVision: 0 }).success).toBe(false);
    expect(epsteinParams.safeParse({ copVision: 51 }).success).toBe(false);
    expect(epsteinParams.safeParse({ width: 10.5 }).success).toBe(false);
    expect(epsteinParams.safeParse({ citizenDensity: 1, copDensity: 0 }).success).toBe(true);
  });
});

describe("EpsteinModel: structure", () => {
  it("records quiet/active/jailed with row 0 the initial state", () => {
    const m = model({}, 1, 3);
    expect(m.metrics.metrics).toEqual([...EPSTEIN_METRICS]);
    expect(m.metrics.metrics).toEqual(["quiet", "active", "jailed"]);
    expect(m.metrics.grps).toEqual(["all"]);
    expect(m.metrics.recorded).toBe(1);
    expect(m.metrics.last("quiet")).toBe(m.citizens);
    expect(m.metrics.last("active")).toBe(0);
    expect(m.metrics.last("jailed")).toBe(0);
    expect(m.agents).toBe(m.citizens + m.cops);
    for (let i = 0; i < 3; i++) m.step();
    expect(m.metrics.recorded).toBe(4);
    expect(() => m.step()).toThrow(/built for 3 steps/);
  });

  it("places cops and citizens with the given densities (binomial, 4 sd)", () => {
    const m = model({ width: 200, height: 200 }, 7, 0);
    const N = 200 * 200;
    for (const [count, p] of [
      [m.cops, 0.074],
      [m.citizens, 0.7],
    ]) {
      expect(Math.abs(count - N * p)).toBeLessThan(4 * Math.sqrt(N * p * (1 - p)));
    }
    const h = mean(m.hardship.filter((_, a) => m.kind[a] === KIND_CITIZEN));
    expect(Math.abs(h - 0.5)).toBeLessThan(0.01);
  });

  it("keeps one agent per cell, consistent counts and halo, jailed in place, moves within vision", () => {
    // Different visions for cops and citizens; Mesa's defaults otherwise.
    const m = model({ ...NETLOGO, citizenVision: 4, copVision: 6, legitimacy: 0.7 }, 3, 60);
    expect(runChecked(m, 60)).toBeGreaterThan(0);
    expect(m.metrics.series("jailed").some((x) => x > 0)).toBe(true);
    expect(m.metrics.series("active").some((x) => x > 0)).toBe(true);
  });

  it("handles a torus smaller than the vision ball (wrapped, deduplicated neighbourhood)", () => {
    // 2 * 4 + 1 > 6: citizens use wrapped offsets; cops (vision 2) the halo.
    const p = { width: 6, height: 9, citizenVision: 4, copVision: 2, ...NETLOGO, legitimacy: 0.6 };
    const m = model(p, 5, 40);
    expect(m.halo).toBe(2);
    expect(runChecked(m, 40)).toBeGreaterThan(0);
    // Vision 7 on a 3x3 torus sees the 8 other cells once each.
    expect(wrappedOffsets(7, 3, 3).length / 2).toBe(8);
    const tiny = model({ width: 3, height: 3, citizenDensity: 0.5, copDensity: 0.2 }, 2, 20);
    expect(tiny.halo).toBe(0);
    runChecked(tiny, 20);
  });

  it("scans the same counts as a plain reference loop, on both neighbourhood paths", () => {
    for (const p of [
      { ...NETLOGO, width: 30, height: 20, citizenVision: 5, copVision: 7 },
      { ...NETLOGO, width: 7, height: 12, citizenVision: 4, copVision: 3 },
    ]) {
      const m = model(p, 11, 15);
      for (let t = 0; t < 15; t++) m.step();
      for (const [kind, v] of [
        [KIND_CITIZEN, p.citizenVision],
        [KIND_COP, p.copVision],
      ]) {
        const cops = m.countAroundAgents(v, COP);
        const actives = m.countAroundAgents(v, ACTIVE);
        const empties = m.countAroundAgents(v, EMPTY);
        for (let a = 0; a < m.agents; a++) {
          expect(m.look(m.pos[a], kind)).toEqual({
            cops: cops[a],
            actives: actives[a],
            empties: empties[a],
          });
        }
      }
    }
    expect(vonNeumannSize(7)).toBe(112);
  });

  it("matches a naive reference implementation step for step", () => {
    const cases: Partial<EpsteinParams>[] = [
      { ...NETLOGO },
      { ...NETLOGO, legitimacy: 0.6, citizenVision: 3, copVision: 5, width: 25, height: 18 },
      { ...NETLOGO, movement: false, width: 20, height: 20 },
      { width: 6, height: 9, citizenVision: 4, copVision: 2, ...NETLOGO, legitimacy: 0.6 },
      { width: 15, height: 15, citizenDensity: 0.9, copDensity: 0.08, maxJailTerm: 5 },
    ];
    for (const [i, over] of cases.entries()) {
      const p = defaultEpsteinParams(over);
      const m = new EpsteinModel(p, seed64(100 + i), 40);
      const ref = new ReferenceModel(p, seed64(100 + i));
      expect(Array.from(m.pos)).toEqual(ref.pos);
      for (let t = 0; t < 40; t++) {
        m.step();
        ref.step();
      }
      expect(Array.from(m.pos)).toEqual(ref.pos);
      expect(Array.from(m.state)).toEqual(ref.state);
      expect(Array.from(m.jail)).toEqual(ref.jail);
    }
  });

  it("same seed gives the same stateHash; another seed or step another", () => {
    const run = (seed: number, steps: number) => {
      const m = model(NETLOGO, seed, steps);
      for (let t = 0; t < steps; t++) m.step();
      return m.stateHash();
    };
    const h = run(42, 30);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(run(42, 30)).toBe(h);
    expect(run(43, 30)).not.toBe(h);
    expect(run(42, 29)).not.toBe(h);
    const a = new EpsteinModel(defaultEpsteinParams(), seed64("civil"), 0);
    const b = new EpsteinModel(defaultEpsteinParams(), seed64("civil"), 0);
    expect(a.stateHash()).toBe(b.stateHash());
  });
});

// ---------------------------------------------------------------------------
// Reproduction of the published behaviour, each over enough seeds to be
// significant. Seeds 1..n are fixed, so each test is deterministic.

describe("EpsteinModel: reproduction (Epstein 2002; Mesa; NetLogo Rebellion)", () => {
  it("(a) NetLogo's settings give punctuated equilibrium: outbursts above 5% that subside", () => {
    const seeds = 16;
    const burnIn = 30;
    const steps = 250;
    let withOutburst = 0;
    const quietShare: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const sh = activeShares(NETLOGO, seed, steps);
      // An outburst: the share rises above 5% after the burn-in and later falls
      // back to 5% or below (the initial transient, under way at burn-in, is not one).
      let above = sh[burnIn - 1] > 0.05;
      let rose = false;
      let completed = 0;
      for (let t = burnIn; t < steps; t++) {
        if (sh[t] > 0.05) {
          if (!above) rose = true;
          above = true;
        } else {
          if (rose) completed++;
          rose = false;
          above = false;
        }
      }
      if (completed > 0) withOutburst++;
      quietShare.push(mean(sh.subarray(burnIn).map((x) => (x < 0.01 ? 1 : 0))));
    }
    const p = binomialUpperTail(seeds, withOutburst);
    expect(
      p,
      `binomial test: ${withOutburst}/${seeds} seeds had a completed outburst, ` +
        `one-sided p = ${p.toPrecision(3)} against "at most half the seeds"`,
    ).toBeLessThan(0.05);
    // Between outbursts the population is quiescent: under 1% active most of the time.
    const q = mean(quietShare);
    expect(q, `mean share of steps with < 1% active: ${q.toFixed(2)}`).toBeGreaterThan(0.3);
  });

  it("(b) Mesa's defaults (cop density 0.074, Jmax 1000) keep activity near zero", () => {
    // With 7.4% cops a citizen sees ~8 cops in vision 7, so round(C/A) >= 1 and
    // P >= 0.9 unless more than ~16 actives gather; only citizens with very low
    // risk aversion go active, and they are jailed for up to 1000 steps.
    const seeds = 10;
    const burnIn = 50;
    const means: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      means.push(mean(activeShares({}, seed, 150).subarray(burnIn)));
    }
    for (const x of means) expect(x).toBeLessThan(0.01);
    const tt = oneSampleTTest(
      means.map((x) => -x),
      -0.005,
    );
    expect(
      tt.p,
      `one-sample t-test: mean active share after burn-in ${mean(means).toExponential(2)} < 0.5%, ` +
        `t = ${tt.t.toFixed(2)}, df = ${tt.df}, one-sided p = ${tt.p.toPrecision(3)}`,
    ).toBeLessThan(0.01);
  });

  it("(c) lower legitimacy raises the mean active share (paired over seeds)", () => {
    const seeds = 12;
    // Stationary regime under NetLogo's settings (short jail terms), after burn-in.
    const diffs: number[] = [];
    // Mesa's defaults: the initial outburst (first 40 steps), before long jail
    // terms remove the aggrieved.
    const diffsMesa: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const low = mean(activeShares({ ...NETLOGO, legitimacy: 0.6 }, seed, 150).subarray(50));
      const high = mean(activeShares({ ...NETLOGO, legitimacy: 0.8 }, seed, 150).subarray(50));
      diffs.push(low - high);
      diffsMesa.push(
        mean(activeShares({ legitimacy: 0.6 }, seed, 40)) -
          mean(activeShares({ legitimacy: 0.8 }, seed, 40)),
      );
    }
    for (const [name, d] of [
      ["NetLogo settings, steps 51-150", diffs],
      ["Mesa defaults, steps 1-40", diffsMesa],
    ] as const) {
      const st = signTest(d);
      expect(
        st.p,
        `sign test (${name}), L = 0.6 vs 0.8: ${st.positive}/${st.n} seeds higher at L = 0.6, ` +
          `one-sided p = ${st.p.toPrecision(3)}`,
      ).toBeLessThan(0.01);
    }
  });

  it("(d) actives stand where cops are scarce (paired over seeds)", () => {
    const seeds = 12;
    const diffs: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const m = model(NETLOGO, seed, 150);
      let sumA = 0;
      let nA = 0;
      let sumQ = 0;
      let nQ = 0;
      for (let t = 1; t <= 150; t++) {
        m.step();
        if (t < 30 || t % 10 !== 0) continue;
        const cops = m.countAroundAgents(m.params.citizenVision, COP);
        for (let a = 0; a < m.agents; a++) {
          if (m.state[a] === ACTIVE) {
            sumA += cops[a];
            nA++;
          } else if (m.state[a] === QUIET) {
            sumQ += cops[a];
            nQ++;
          }
        }
      }
      // Cops in vision around quiet citizens minus around active ones.
      diffs.push(nA > 0 ? sumQ / nQ - sumA / nA : 0);
    }
    const st = signTest(diffs);
    expect(
      st.p,
      `sign test: in ${st.positive}/${st.n} seeds fewer cops around actives than quiet ` +
        `citizens (mean gap ${mean(diffs).toFixed(2)} cops), one-sided p = ${st.p.toPrecision(3)}`,
    ).toBeLessThan(0.01);
  });
});

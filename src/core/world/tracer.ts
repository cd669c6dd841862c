/**
 * The synthetic history of a few agents: a tracer watches a fixed set of
 * agents and, after each step, reports every change of every declared column
 * of theirs as an event (step, column, sub-system or contact, before, after,
 * the column's doc). It is derived from the declarations (`declaredColumns()`),
 * not from the mechanisms, so a column a mechanism declares tomorrow is traced
 * without a line here: records (M16), scores (M5), listings, tiers (M12),
 * detention (M15), what the agent privately thinks (`latent`) and what it says
 * (`expressed`), protest days and ties kept (M9) all appear.
 *
 * Everything is preallocated when the tracer is made: one flat list of the
 * watched cells (column-major, so the scan reads one typed array at a time)
 * and a snapshot of their values. `observe()` compares and appends changes to
 * a struct-of-arrays log that grows by doubling (amortised: no allocation on
 * most steps); `events()` and `history()` make event objects only when asked.
 */
import { SUBSYSTEMS } from "../subsystems.js";
import { declaredColumns } from "./build.js";
import type { ColumnSpec } from "./columns.js";
import type { World } from "./world.js";

/** One traced column: its owner (mechanism id), name and declaration. */
export interface TracedColumn {
  readonly owner: string;
  readonly name: string;
  readonly spec: ColumnSpec;
}

/** One change of one cell of a watched agent. */
export interface TraceEvent {
  /** The step after which the change was seen (the world's `t`). */
  readonly step: number;
  readonly agent: number;
  readonly column: string;
  /** The mechanism that declares the column ("W" for the world's own). */
  readonly owner: string;
  /** For a per-sub-system column: the sub-system's name; otherwise null. */
  readonly sub: string | null;
  /** For a per-tie column: the contact at the other end of the tie; otherwise null. */
  readonly contact: number | null;
  readonly before: number;
  readonly after: number;
  /** The column's doc line, from its declaration. */
  readonly doc: string;
}

/** The value of one cell of a watched agent, e.g. for a detail panel. */
export interface TraceValue {
  readonly column: string;
  readonly owner: string;
  readonly sub: string | null;
  readonly contact: number | null;
  readonly value: number;
  readonly doc: string;
}

export interface TracerOptions {
  /** Which declared columns to watch (default: all). */
  readonly columns?: (c: TracedColumn) => boolean;
  /** Most events kept; later changes are counted in `dropped` but not logged (default 1,000,000). */
  readonly maxEvents?: number;
}

type Column = Int32Array | Int16Array | Uint8Array | Float32Array;

export class Tracer {
  /** The watched agents, in the order given. */
  readonly agents: Int32Array;
  readonly columns: readonly TracedColumn[];
  /** Step at which watching began (the values of `baseline()` are of that step). */
  readonly since: number;
  /** Changes not logged because the log was full. */
  dropped = 0;

  private readonly world: World;
  private readonly arrays: Column[];
  /** Cells of column c are cell[colStart[c] .. colStart[c + 1]). */
  private readonly colStart: Int32Array;
  /** Per watched cell: its index in the column array, the watched agent's index, and its sub-system or contact. */
  private readonly cell: Int32Array;
  private readonly who: Int32Array;
  private readonly sub: Int32Array;
  private readonly snap: Float64Array;
  private readonly first: Float64Array;
  private readonly maxEvents: number;
  private logStep: Int32Array;
  private logCell: Int32Array;
  private logBefore: Float64Array;
  private logAfter: Float64Array;
  private logLength = 0;

  constructor(world: World, agents: ArrayLike<number>, opts: TracerOptions = {}) {
    this.world = world;
    this.agents = Int32Array.from(agents);
    for (const a of this.agents) {
      if (!(a >= 0 && a < world.n)) throw new Error(`scsim: tracer: no agent ${a}`);
    }
    const pick = opts.columns ?? (() => true);
    this.columns = declaredColumns().filter(pick);
    const state = world.state as unknown as Record<string, Column>;
    this.arrays = this.columns.map((c) => state[c.name]);
    const { offsets, targets } = world.graph;
    const K = world.K;
    const cellsOf = (spec: ColumnSpec, a: number): number =>
      spec.per === "agentSub" ? K : spec.per === "tie" ? offsets[a + 1] - offsets[a] : 1;
    let total = 0;
    for (const c of this.columns) for (const a of this.agents) total += cellsOf(c.spec, a);
    this.colStart = new Int32Array(this.columns.length + 1);
    this.cell = new Int32Array(total);
    this.who = new Int32Array(total);
    this.sub = new Int32Array(total);
    let j = 0;
    this.columns.forEach((c, ci) => {
      this.colStart[ci] = j;
      this.agents.forEach((a, wi) => {
        const m = cellsOf(c.spec, a);
        for (let k = 0; k < m; k++, j++) {
          this.who[j] = wi;
          if (c.spec.per === "agentSub") {
            this.cell[j] = a * K + k;
            this.sub[j] = k;
          } else if (c.spec.per === "tie") {
            this.cell[j] = offsets[a] + k;
            this.sub[j] = targets[offsets[a] + k];
          } else {
            this.cell[j] = a;
            this.sub[j] = -1;
          }
        }
      });
    });
    this.colStart[this.columns.length] = j;
    this.snap = new Float64Array(total);
    this.read(this.snap);
    this.first = this.snap.slice();
    this.since = world.t;
    this.maxEvents = opts.maxEvents ?? 1_000_000;
    const cap = Math.min(this.maxEvents, Math.max(1024, total));
    this.logStep = new Int32Array(cap);
    this.logCell = new Int32Array(cap);
    this.logBefore = new Float64Array(cap);
    this.logAfter = new Float64Array(cap);
  }

  /** Number of watched cells (what one `observe()` compares). */
  get cells(): number {
    return this.snap.length;
  }

  /** Number of events logged so far. */
  get length(): number {
    return this.logLength;
  }

  private read(into: Float64Array): void {
    for (let c = 0; c < this.arrays.length; c++) {
      const a = this.arrays[c];
      for (let j = this.colStart[c]; j < this.colStart[c + 1]; j++) into[j] = a[this.cell[j]];
    }
  }

  /** Compares every watched cell with its last value and logs the changes; returns how many. */
  observe(): number {
    const t = this.world.t;
    const snap = this.snap;
    let changes = 0;
    for (let c = 0; c < this.arrays.length; c++) {
      const a = this.arrays[c];
      const end = this.colStart[c + 1];
      for (let j = this.colStart[c]; j < end; j++) {
        const v = a[this.cell[j]];
        const old = snap[j];
        // NaN never equals itself: a cell that stays NaN is no change.
        if (v === old || (Number.isNaN(v) && Number.isNaN(old))) continue;
        snap[j] = v;
        changes++;
        this.append(t, j, old, v);
      }
    }
    return changes;
  }

  private append(t: number, j: number, before: number, after: number): void {
    const i = this.logLength;
    if (i >= this.maxEvents) {
      this.dropped++;
      return;
    }
    if (i === this.logStep.length) this.grow();
    this.logStep[i] = t;
    this.logCell[i] = j;
    this.logBefore[i] = before;
    this.logAfter[i] = after;
    this.logLength = i + 1;
  }

  private grow(): void {
    const cap = Math.min(this.maxEvents, this.logStep.length * 2);
    const step = new Int32Array(cap);
    step.set(this.logStep);
    const cell = new Int32Array(cap);
    cell.set(this.logCell);
    const before = new Float64Array(cap);
    before.set(this.logBefore);
    const after = new Float64Array(cap);
    after.set(this.logAfter);
    this.logStep = step;
    this.logCell = cell;
    this.logBefore = before;
    this.logAfter = after;
  }

  private columnOf(j: number): TracedColumn {
    // Few columns (tens): a linear scan beats keeping a column index per cell.
    let c = 0;
    while (this.colStart[c + 1] <= j) c++;
    return this.columns[c];
  }

  private where(j: number): { sub: string | null; contact: number | null } {
    const per = this.columnOf(j).spec.per;
    return {
      sub: per === "agentSub" ? SUBSYSTEMS[this.sub[j]] : null,
      contact: per === "tie" ? this.sub[j] : null,
    };
  }

  private event(i: number): TraceEvent {
    const j = this.logCell[i];
    const c = this.columnOf(j);
    return {
      step: this.logStep[i],
      agent: this.agents[this.who[j]],
      column: c.name,
      owner: c.owner,
      ...this.where(j),
      before: this.logBefore[i],
      after: this.logAfter[i],
      doc: c.spec.doc,
    };
  }

  /** The events logged from index `from` on (e.g. the length before the last `observe()`). */
  events(from = 0): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = from; i < this.logLength; i++) out.push(this.event(i));
    return out;
  }

  /** Every event of one watched agent, in order. */
  history(agent: number): TraceEvent[] {
    const wi = this.agents.indexOf(agent);
    if (wi < 0) throw new Error(`scsim: tracer: agent ${agent} is not watched`);
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.logLength; i++) {
      if (this.who[this.logCell[i]] === wi) out.push(this.event(i));
    }
    return out;
  }

  private values(agent: number, from: Float64Array): TraceValue[] {
    const wi = this.agents.indexOf(agent);
    if (wi < 0) throw new Error(`scsim: tracer: agent ${agent} is not watched`);
    const out: TraceValue[] = [];
    for (let j = 0; j < from.length; j++) {
      if (this.who[j] !== wi) continue;
      const c = this.columnOf(j);
      out.push({
        column: c.name,
        owner: c.owner,
        ...this.where(j),
        value: from[j],
        doc: c.spec.doc,
      });
    }
    return out;
  }

  /** The agent's watched cells as they were when watching began (step `since`). */
  baseline(agent: number): TraceValue[] {
    return this.values(agent, this.first);
  }

  /** The agent's watched cells as of the last `observe()`. */
  current(agent: number): TraceValue[] {
    return this.values(agent, this.snap);
  }
}

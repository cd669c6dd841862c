/**
 * Who acts when. Most of what agents do is rare on a given day (a bill, a
 * flight, a post), so each agent keeps the step of its next event of each
 * kind in an event column, and `nextAny` holds the earliest of them: a step
 * scans that one column to find the agents due (`findDue`), and each
 * mechanism then picks from them the agents whose event of its kind is due
 * (`collect`). Periodic acts (monthly statements, speech, reviews) instead
 * run as cohorts: every agent on its own day of the period (`cohort`).
 */
import type { ColumnSpec } from "./columns.js";

export class Scheduler {
  /** Agents picked by the last `collect` or `cohort`, in ascending order (descending with reverseOrder). */
  readonly ids: Int32Array;
  /**
   * Visit agents in descending order instead of ascending. For tests only:
   * results must not depend on it (synchronous updates).
   */
  reverseOrder = false;
  /** Agents with some event due this step (ascending), and how many. */
  private readonly due: Int32Array;
  private dueCount = 0;
  /** The event columns, and which of them use 0 (instead of NEVER) for "none". */
  private readonly never: Int32Array[];
  private readonly zero: Int32Array[];

  constructor(
    private readonly nextAny: Int32Array,
    events: readonly { spec: ColumnSpec; column: Int32Array }[],
    /** Agents by region: region r is start[r] .. start[r + 1] (agent ids are contiguous per region). */
    private readonly regionStart: Int32Array,
  ) {
    const n = nextAny.length;
    this.ids = new Int32Array(n);
    this.due = new Int32Array(n);
    this.never = events.filter((e) => e.spec.event === "never").map((e) => e.column);
    this.zero = events.filter((e) => e.spec.event === "zero").map((e) => e.column);
  }

  /** Lists the agents with any event due at step t: one scan of `nextAny`. */
  findDue(t: number): void {
    const next = this.nextAny;
    const due = this.due;
    let c = 0;
    // Few agents have an event on a given day, so the branch is well predicted.
    for (let i = 0; i < next.length; i++) if (next[i] === t) due[c++] = i;
    this.dueCount = c;
  }

  /**
   * Fills `ids` with the agents whose event in `col` is due at step t, in
   * ascending order; returns how many. Only the agents due this step are looked at.
   */
  collect(col: Int32Array, t: number): number {
    const ids = this.ids;
    const due = this.due;
    const n = this.dueCount;
    let c = 0;
    for (let j = 0; j < n; j++) {
      const i = due[this.reverseOrder ? n - 1 - j : j];
      ids[c] = i;
      c += col[i] === t ? 1 : 0;
    }
    return c;
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
    const rs = this.regionStart;
    const c = t % period;
    let k = 0;
    for (let r = 0; r + 1 < rs.length; r++) {
      const start = rs[r];
      const size = rs[r + 1] - start;
      const from = start + Math.floor((c * size) / period);
      const to = start + Math.floor(((c + 1) * size) / period);
      for (let i = from; i < to; i++) ids[k++] = i;
    }
    if (this.reverseOrder) ids.subarray(0, k).reverse();
    return k;
  }

  /** Notes that agent i has an event at step `at` of a kind set outside its own events. */
  scheduleAt(i: number, at: number): void {
    if (at < this.nextAny[i]) this.nextAny[i] = at;
  }

  /** Sets nextAny[i] to the agent's earliest event of any kind after step t. */
  updateNextAny(i: number, t: number): void {
    const never = this.never;
    let m = never[0][i];
    for (let c = 1; c < never.length; c++) if (never[c][i] < m) m = never[c][i];
    const zero = this.zero;
    for (let c = 0; c < zero.length; c++) {
      const d = zero[c][i];
      if (d > t && d < m) m = d;
    }
    this.nextAny[i] = m;
  }

  /** Brings nextAny up to date for every agent that was due this step. */
  updateDue(t: number): void {
    for (let j = 0; j < this.dueCount; j++) this.updateNextAny(this.due[j], t);
  }
}

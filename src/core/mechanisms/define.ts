/**
 * The declaration every mechanism file exports (as `mechanism`): what the
 * mechanism is (its id in MECHANISMS.md, the article's sentence it models),
 * the parameters it reads, the state it owns (columns, tallies, counters,
 * model-level variables), the random words it draws, the tables it derives
 * from the scenario, its metrics and its step functions.
 *
 * The world (src/core/world/) is built from the declarations: it allocates the
 * columns, hashes the state, counts bytes for the memory guard, keeps the
 * scheduler's `nextAny` in step with the event columns, sizes tallies and
 * counters, and records the metrics. A mechanism therefore never registers
 * anything by hand: declaring it is enough. `model.ts` calls its step
 * functions, in the order of the schedule.
 */
import type { z } from "zod";
import type { ColumnSpec } from "../world/columns.js";
import type { DrawSpec } from "../world/draws.js";
import type { World, WorldBase } from "../world/world.js";

/** A per-group counter of events in the current step (reset every step). */
export interface CounterSpec {
  readonly doc: string;
  /** Number of cells per group (default 1): counter (s, g) at s * G + g. */
  readonly size?: number;
}

/** One metric, recorded every step for grp "all" (0) and each group (g + 1). */
export interface MetricSpec {
  readonly doc: string;
  /** The value for grp (0 = all, g + 1 = group g); NaN where undefined (not stored). */
  readonly value: (w: World, grp: number) => number;
  /** A chart of the run report, when the metric deserves one. */
  readonly chart?: { readonly title: string; readonly yLabel: string };
  /** Tallies and counters it reads by name (checked when a world is built). */
  readonly uses?: { readonly tallies?: readonly string[]; readonly counters?: readonly string[] };
}

export interface MechanismSpec {
  /** Its id in MECHANISMS.md: "M1" .. "M18", "B1", "B2". */
  readonly id: string;
  readonly title: string;
  /** The sentence of the source article it models, German original and English. */
  readonly article?: { readonly de: string; readonly en: string };
  /** Its sections of the scenario's `mechanisms`, by key. */
  readonly params?: Readonly<Record<string, z.ZodType>>;
  /** Per-agent or per-tie columns it owns. */
  readonly columns?: Readonly<Record<string, ColumnSpec>>;
  /** Per-group running totals of state it keeps exact at every change (name → doc). */
  readonly tallies?: Readonly<Record<string, string>>;
  /** Per-group event counters of the current step. */
  readonly counters?: Readonly<Record<string, CounterSpec>>;
  /** The random words it draws (the RNG word registry checks they overlap nothing). */
  readonly draws?: Readonly<Record<string, DrawSpec>>;
  /**
   * Its derived tables and scratch, computed once from the scenario, the
   * population and the network (before any state exists). Fields listed in
   * `carries` are model-level state that carries from one step to the next.
   */
  readonly prepare?: (b: WorldBase) => object;
  /** Fields of its tables that are state carried over steps (hashed with the columns). */
  readonly carries?: readonly string[];
  /**
   * Fields of its tables that index state held in columns (e.g. the list of
   * today's protesters, the agents whose `protest` is 1): carried, but not
   * hashed, since the columns they index are.
   */
  readonly indexes?: readonly string[];
  /**
   * Called once when the recorded horizon starts (after the burn-in), before
   * row 0 is recorded: e.g. to restart a cumulative count.
   */
  readonly horizonStart?: (w: World) => void;
  /** Called before the metric values of a step are read (a pass its metrics share). */
  readonly beforeMetrics?: (w: World, t: number) => void;
  readonly metrics?: Readonly<Record<string, MetricSpec>>;
  /** Its step functions, which `model.ts` calls in the order of the schedule. */
  readonly steps?: Readonly<Record<string, (w: World, t: number) => void>>;
}

/** Declares a mechanism; the literal types of the declaration are kept (for the world's types). */
export function defineMechanism<const S extends MechanismSpec>(spec: S): S {
  return spec;
}

/**
 * The world the mechanisms act on: the synthetic population and its network
 * (static), the state columns every mechanism declared (dynamic), the
 * per-group tallies and counters, the scheduler, the random-number service and
 * each mechanism's derived tables. Its shape is derived from the declarations
 * (src/core/mechanisms/*): declaring a column, a tally or a counter is all a
 * mechanism does to have it allocated, hashed, counted in the memory estimate
 * and reset when due.
 */
import type { MechanismSpec } from "../mechanisms/define.js";
import type { MECHANISMS } from "../mechanisms/registry.generated.js";
import type { MetricsTable } from "../metrics/table.js";
import type { Csr } from "../network/csr.js";
import type { Population } from "../population/index.js";
import type { Seed64 } from "../rng/seed.js";
import type { ScsScenario } from "../scenario/schema.js";
import type { WORLD } from "./base.js";
import type { ArrayOf, ColumnType } from "./columns.js";
import type { Rng } from "./rng.js";
import type { Scheduler } from "./scheduler.js";

/** What exists before any state: the scenario, the population, the network. */
export interface WorldBase {
  readonly scenario: ScsScenario;
  /** The scenario's `mechanisms` section: every mechanism's parameters. */
  readonly params: ScsScenario["mechanisms"];
  /** Number of agents. */
  readonly n: number;
  /** Number of population groups. */
  readonly G: number;
  /** Number of sub-systems (M5). */
  readonly K: number;
  readonly seed: Seed64;
  readonly pop: Population;
  readonly graph: Csr;
  /** Agents by region: those of region r are agents[start[r] .. start[r + 1]). */
  readonly regions: { readonly start: Int32Array; readonly agents: Int32Array };
}

/** Every declaration the world is built from: the world's own, then the mechanisms'. */
export type Declaration = typeof WORLD | (typeof MECHANISMS)[number];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

type ColumnsOf<D> = D extends { readonly columns: infer C }
  ? {
      readonly [K in keyof C]: C[K] extends { readonly type: infer T extends ColumnType }
        ? ArrayOf<T>
        : never;
    }
  : Record<never, never>;

type NamesOf<D, F extends keyof MechanismSpec> = D extends { readonly [k in F]: infer R }
  ? keyof R & string
  : never;

/** The state columns: agent i of column c is `state.c[i]` (sub-system k: `[i * K + k]`). */
export type State = UnionToIntersection<ColumnsOf<Declaration>>;
export type TallyName = NamesOf<Declaration, "tallies">;
export type CounterName = NamesOf<Declaration, "counters">;
/** Every metric's name: a misspelt metric does not compile. */
export type MetricName = NamesOf<Declaration, "metrics">;
/** Per-group running totals: tally x of group g is `tally.x[g]`. */
export type Tallies = { readonly [K in TallyName]: Float64Array };
/** Per-group counters of this step: counter x (cell s) of group g is `count.x[s * G + g]`. */
export type Counters = { readonly [K in CounterName]: Float64Array };
/** Each mechanism's derived tables and scratch, by mechanism id. */
export type Tables = {
  readonly [D in Declaration as D["id"]]: D extends { readonly prepare: (b: WorldBase) => infer R }
    ? R
    : undefined;
};

export interface World extends WorldBase {
  /** Steps taken so far. */
  t: number;
  readonly state: State;
  readonly tally: Tallies;
  readonly count: Counters;
  readonly tables: Tables;
  readonly sched: Scheduler;
  readonly rng: Rng;
  /**
   * The previous step's public flags of every agent (bits of PUB in
   * public-flags.ts): what its contacts see. Mechanisms read contacts only
   * from here and write only their own agent's row, so updates are synchronous.
   */
  readonly pub: Uint8Array;
  readonly metrics: MetricsTable;
}

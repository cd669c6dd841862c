/**
 * Builds a world from a scenario and the declarations: the population, the
 * network, each mechanism's tables, every declared column, tally and
 * counter, the scheduler and the random-number service. Only the shape is
 * made here; the mechanisms' initialisation (first events, opinions, scores)
 * is the model's (model.ts, `initialise`).
 */
import type { MechanismSpec, MetricSpec } from "../mechanisms/define.js";
import { MECHANISMS } from "../mechanisms/registry.generated.js";
import { MetricsTable } from "../metrics/table.js";
import type { Csr } from "../network/csr.js";
import { generatePopulation, type Population } from "../population/index.js";
import { type Seed64, seed64 } from "../rng/seed.js";
import type { ScsScenario } from "../scenario/schema.js";
import { K } from "../subsystems.js";
import { WORLD } from "./base.js";
import { allocate, type ColumnSpec, cellsOf } from "./columns.js";
import { Rng } from "./rng.js";
import { Scheduler } from "./scheduler.js";
import type { Declaration, World, WorldBase } from "./world.js";

/** Every declaration, the world's first, then the mechanisms' in registry order. */
export const DECLARATIONS: readonly Declaration[] = [WORLD, ...MECHANISMS];

/** Every declared column with its owner, in declaration order. */
export function declaredColumns(): { owner: string; name: string; spec: ColumnSpec }[] {
  return DECLARATIONS.flatMap((d) =>
    Object.entries((d as { columns?: Record<string, ColumnSpec> }).columns ?? {}).map(
      ([name, spec]) => ({ owner: d.id, name, spec }),
    ),
  );
}

/** Every declared metric's name, in declaration order: the columns of the metrics table. */
export function metricNames(): string[] {
  return DECLARATIONS.flatMap((d) => Object.keys((d as { metrics?: object }).metrics ?? {}));
}

/** The metrics whose declarations ask for a chart, in declaration order: a run report's charts. */
export function chartedMetrics(): { metric: string; title: string; yLabel: string }[] {
  return DECLARATIONS.flatMap((d) =>
    Object.entries((d as { metrics?: Record<string, MetricSpec> }).metrics ?? {}).flatMap(
      ([metric, spec]) => (spec.chart ? [{ metric, ...spec.chart }] : []),
    ),
  );
}

/**
 * Checks that every tally and counter a metric reads by name is declared, so
 * that a misspelt name fails when a world is first built, not as a column of
 * NaN. Returns the problems found (empty when all is well).
 */
export function undeclaredNames(decls: readonly MechanismSpec[] = DECLARATIONS as never): string[] {
  const tallies = new Set(decls.flatMap((d) => Object.keys(d.tallies ?? {})));
  const counters = new Set(decls.flatMap((d) => Object.keys(d.counters ?? {})));
  const out: string[] = [];
  for (const d of decls) {
    for (const [name, m] of Object.entries(d.metrics ?? {})) {
      for (const t of m.uses?.tallies ?? [])
        if (!tallies.has(t)) out.push(`${d.id} metric ${name}: no tally "${t}"`);
      for (const c of m.uses?.counters ?? [])
        if (!counters.has(c)) out.push(`${d.id} metric ${name}: no counter "${c}"`);
    }
  }
  return out;
}

let checked = false;

function regionIndex(pop: Population): WorldBase["regions"] {
  const R = pop.regions;
  const start = new Int32Array(R + 1);
  for (let i = 0; i < pop.n; i++) start[pop.region[i] + 1]++;
  for (let r = 0; r < R; r++) start[r + 1] += start[r];
  const agents = new Int32Array(pop.n);
  const fill = start.slice(0, R);
  for (let i = 0; i < pop.n; i++) agents[fill[pop.region[i]]++] = i;
  return { start, agents };
}

/** The static part of a world: the population and its network. */
export function buildBase(
  scenario: ScsScenario,
  graph: Csr | ((pop: Population, seed: Seed64) => Csr),
): WorldBase {
  const n = scenario.agents;
  const seed = seed64(scenario.seed);
  const pop = generatePopulation(scenario.population, n, seed);
  const g = typeof graph === "function" ? graph(pop, seed) : graph;
  if (g.n !== n) {
    throw new Error(`scsim: network has ${g.n} nodes but the scenario has ${n} agents`);
  }
  return {
    scenario,
    params: scenario.mechanisms,
    n,
    G: pop.groupNames.length,
    K,
    seed,
    pop,
    graph: g,
    regions: regionIndex(pop),
  };
}

/** A world with every declared column, tally, counter and table allocated (state zero or its fill). */
export function buildWorld(base: WorldBase): World {
  if (!checked) {
    const problems = undeclaredNames();
    if (problems.length > 0) throw new Error(`scsim: metric declarations: ${problems.join("; ")}`);
    checked = true;
  }
  const { n, G } = base;
  const E = base.graph.targets.length;
  const tables: Record<string, unknown> = {};
  const state: Record<string, unknown> = {};
  const tally: Record<string, Float64Array> = {};
  const count: Record<string, Float64Array> = {};
  const events: { spec: ColumnSpec; column: Int32Array }[] = [];
  for (const d of DECLARATIONS) {
    const spec = d as {
      prepare?: (b: WorldBase) => object;
      columns?: Record<string, ColumnSpec>;
      tallies?: Record<string, string>;
      counters?: Record<string, { size?: number }>;
    };
    if (spec.prepare) tables[d.id] = spec.prepare(base);
    for (const [name, c] of Object.entries(spec.columns ?? {})) {
      const column = allocate(c, cellsOf(c, n, base.K, E));
      state[name] = column;
      if (c.event) events.push({ spec: c, column: column as Int32Array });
    }
    for (const name of Object.keys(spec.tallies ?? {})) tally[name] = new Float64Array(G);
    for (const [name, c] of Object.entries(spec.counters ?? {})) {
      count[name] = new Float64Array((c.size ?? 1) * G);
    }
  }
  // Built anew from entries: an object grown one computed key at a time falls
  // into V8's slow dictionary mode, and every column read in the hot loops
  // would pay for a hash lookup (measured: 25% slower steps).
  const s = Object.fromEntries(Object.entries(state)) as unknown as World["state"];
  const sched = new Scheduler(s.nextAny, events, base.regions.start);
  const metrics = metricNames();
  return {
    ...base,
    t: 0,
    state: s,
    tally: Object.fromEntries(Object.entries(tally)) as World["tally"],
    count: Object.fromEntries(Object.entries(count)) as World["count"],
    tables: Object.fromEntries(Object.entries(tables)) as World["tables"],
    sched,
    rng: new Rng(base.seed, n, sched.ids),
    pub: allocate({ type: "u8", doc: "" }, n) as Uint8Array,
    metrics: new MetricsTable(metrics, ["all", ...base.pop.groupNames], base.scenario.steps + 1),
  };
}

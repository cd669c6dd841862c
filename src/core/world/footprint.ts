/**
 * Bytes a world needs, from the declarations: every declared column (per
 * agent, per agent and sub-system, per tie), the public flags, the
 * scheduler's and the random-number service's buffers, and each mechanism's
 * tables, measured by preparing them for a small population (they are linear
 * in the number of agents). For the memory guard, before anything is allocated.
 */
import { generatePopulation } from "../population/index.js";
import { seed64 } from "../rng/seed.js";
import type { ScsScenario } from "../scenario/schema.js";
import { K } from "../subsystems.js";
import { DECLARATIONS, declaredColumns } from "./build.js";
import { BYTES } from "./columns.js";
import type { WorldBase } from "./world.js";

export interface Footprint {
  /** Bytes per agent: state columns, population, tables, scheduler and RNG buffers. */
  readonly perAgent: number;
  /** Bytes per CSR entry (two per undirected tie) of the tie columns. */
  readonly perTie: number;
}

const SAMPLE = 512;

function typedBytes(v: unknown, seen = new Set<unknown>()): number {
  if (v === null || typeof v !== "object" || seen.has(v)) return 0;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return v.byteLength;
  let b = 0;
  for (const x of Object.values(v as Record<string, unknown>)) b += typedBytes(x, seen);
  return b;
}

/** The bytes a world of the scenario needs per agent and per tie. */
export function footprint(s: ScsScenario): Footprint {
  let perAgent = 0;
  let perTie = 0;
  for (const { spec } of declaredColumns()) {
    if (spec.per === "tie") perTie += BYTES[spec.type];
    else perAgent += BYTES[spec.type] * (spec.per === "agentSub" ? K : 1);
  }
  // Public flags (1), scheduler ids and due (8), RNG words (16), region index (4).
  perAgent += 1 + 8 + 16 + 4;
  const pop = generatePopulation(s.population, SAMPLE, seed64(1));
  perAgent += typedBytes(pop) / SAMPLE;
  const base: WorldBase = {
    scenario: { ...s, agents: SAMPLE },
    params: s.mechanisms,
    n: SAMPLE,
    G: pop.groupNames.length,
    K,
    seed: seed64(1),
    pop,
    graph: { n: SAMPLE, offsets: new Uint32Array(SAMPLE + 1), targets: new Int32Array(0) },
    regions: { start: new Int32Array(pop.regions + 1), agents: new Int32Array(SAMPLE) },
  };
  let tables = 0;
  for (const d of DECLARATIONS) {
    const prepare = (d as { prepare?: (b: WorldBase) => object }).prepare;
    if (prepare) tables += typedBytes(prepare(base));
  }
  perAgent += tables / SAMPLE;
  return { perAgent, perTie };
}

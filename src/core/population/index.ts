import { z } from "zod";
import { philox4x32FillFast } from "../rng/philox4x32-wasm.js";
import { type Seed64, seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import { type Distribution, distributionSchema, sample } from "./distribution.js";

/** Population section of a scenario: who the synthetic agents are. */
export const populationSchema = z
  .strictObject({
    groups: z
      .array(
        z.strictObject({
          name: z
            .string()
            .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "a group name is a word: letters, digits, _ or -")
            .refine((s) => s !== "all", "'all' is reserved for the whole population"),
          share: z
            .number()
            .positive()
            .describe("Share of agents in this group (shares are normalised)."),
        }),
      )
      .min(1)
      .max(8)
      .default([
        { name: "majority", share: 0.9 },
        { name: "minority", share: 0.1 },
      ])
      .describe(
        "Population groups (at most 8), e.g. a majority and a minority; default majority 0.9, minority 0.1 (modelling choice).",
      ),
    regions: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe("Number of regions; agents are split evenly between them (default 10)."),
    reliability: distributionSchema
      .default({ dist: "beta", a: 14, b: 0.4 })
      .describe(
        "Ability to pay: the probability that an agent can pay a monthly statement (M1) (default beta(14, 0.4), mean 0.97 with a long tail of fragile agents; calibrated so that the financial-only credit bureau flags about 5% of agents at steady state, as 5.3% of Americans with a credit file had non-mortgage debt past due, Urban Institute 2014, and about 5% of card balances a year become 90+ days delinquent, New York Fed 2019).",
      ),
    income: distributionSchema
      .default({ dist: "lognormal", mu: 0, sigma: 0.6 })
      .describe("Relative income (default lognormal(0, 0.6); modelling choice)."),
    hardship: distributionSchema
      .default({ dist: "uniform", min: 0, max: 1 })
      .describe("Hardship H of Epstein (2002), source of grievance (default U(0,1), as Epstein)."),
    riskAversion: distributionSchema
      .default({ dist: "uniform", min: 0, max: 1 })
      .describe("Risk aversion R of Epstein (2002) (default U(0,1), as Epstein)."),
    conformity: distributionSchema
      .default({ dist: "beta", a: 2, b: 2 })
      .describe(
        "Propensity for rewarded, system-conform acts (default beta(2,2); modelling choice).",
      ),
    protestThreshold: distributionSchema
      .default({ dist: "normal", mean: 0.15, sd: 0.1, min: 0, max: 1 })
      .describe(
        "Granovetter (1978) threshold: share of contacts protesting needed to join (default normal(0.15, 0.1) clamped to [0,1], so about 7% start on their own; modelling choice).",
      ),
    strategy: distributionSchema
      .default({ dist: "beta", a: 1, b: 45 })
      .describe(
        "Strategic-default propensity s: the probability per statement that an agent able to pay defaults anyway when it expects no cost at all (M1) (default beta(1, 45), mean 0.022; calibrated with the reliability so that a fifth to a quarter of defaults are strategic, as Guiso, Sapienza and Zingales 2013 (26%) and Experian–Oliver Wyman 2009–10 (16–20%) measured for US mortgages; no consumer-credit estimate was found).",
      ),
    travel: distributionSchema
      .default({ dist: "lognormal", mu: -1.28, sigma: 1.6 })
      .describe(
        "Travel propensity: the factor on an agent's flight and rail demand (M11) (default lognormal(−1.28, 1.6), mean 1: a few frequent travellers take most trips, as in Great Britain where 15% of adults took 71% of flights and 52% none, Full Fact 2016 / DfT 2013–14; no Chinese distribution was found).",
      ),
    childShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe(
        "Share of agents with a school-age child (default 0.25; about 194 million pupils aged 6-17 in 2019, Ministry of Education, in some 130-160 million households: 20-30% of adults).",
      ),
  })
  .describe("The synthetic population: groups, regions and the distributions of agents' traits.");

export type PopulationSpec = z.infer<typeof populationSchema>;

/**
 * The static attributes of the agents, one typed-array column each.
 * Agent i is row i of every column.
 */
export interface Population {
  readonly n: number;
  readonly groupNames: readonly string[];
  readonly regions: number;
  readonly group: Uint8Array;
  readonly region: Uint16Array;
  readonly reliability: Float32Array;
  readonly income: Float32Array;
  readonly hardship: Float32Array;
  readonly riskAversion: Float32Array;
  readonly conformity: Float32Array;
  readonly protestThreshold: Float32Array;
  readonly hasChild: Uint8Array;
  /** Strategic-default propensity per statement when no cost is expected (M1). */
  readonly strategy: Float32Array;
  /** Factor on flight and rail demand, mean 1 (M11). */
  readonly travel: Float32Array;
}

const COLUMNS = [
  "group",
  "region",
  "reliability",
  "income",
  "hardship",
  "riskAversion",
  "conformity",
  "protestThreshold",
  "hasChild",
  "strategy",
  "travel",
] as const;

/** Draws a population of n agents from its spec; a pure function of (spec, n, seed). */
export function generatePopulation(
  spec: PopulationSpec,
  n: number,
  seed: Seed64 | number | string,
): Population {
  const key = typeof seed === "object" ? seed : seed64(seed);
  const streams = COLUMNS.map((_, c) => new Stream(key, STREAM.population + c));
  const total = spec.groups.reduce((s, g) => s + g.share, 0);
  const cum = new Float64Array(spec.groups.length);
  let acc = 0;
  spec.groups.forEach((g, k) => {
    acc += g.share / total;
    cum[k] = acc;
  });
  cum[cum.length - 1] = 1;

  const group = new Uint8Array(n);
  const region = new Uint16Array(n);
  const reliability = new Float32Array(n);
  const income = new Float32Array(n);
  const hardship = new Float32Array(n);
  const riskAversion = new Float32Array(n);
  const conformity = new Float32Array(n);
  const protestThreshold = new Float32Array(n);
  const hasChild = new Uint8Array(n);
  const strategy = new Float32Array(n);
  const travel = new Float32Array(n);
  const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
  // Block 0 of every agent of a chunk is computed in one batch per column and
  // primed into the stream; samplers needing more words draw them one by one.
  const CHUNK = 65536;
  const buf = new Uint32Array(4 * CHUNK);
  const [k0, k1] = streams[0].key;
  const prime = (c: number, start: number, count: number) => {
    philox4x32FillFast(k0, k1, start, count, 0, STREAM.population + c, 0, buf);
  };
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    const end = start + count;
    prime(0, start, count);
    for (let i = start; i < end; i++) {
      const u = (buf[(i - start) << 2] + 0.5) * 2.3283064365386963e-10;
      let g = 0;
      while (u > cum[g]) g++;
      group[i] = g;
    }
    // Regions are contiguous blocks of agent ids (sizes differ by at most one):
    // ids carry no meaning, and neighbours in a region then sit close in memory.
    for (let i = start; i < end; i++) region[i] = Math.floor((i * spec.regions) / n);
    const cols: [number, Float32Array, Distribution, boolean][] = [
      [2, reliability, spec.reliability, true],
      [3, income, spec.income, false],
      [4, hardship, spec.hardship, true],
      [5, riskAversion, spec.riskAversion, true],
      [6, conformity, spec.conformity, true],
      [7, protestThreshold, spec.protestThreshold, true],
      [9, strategy, spec.strategy, true],
      [10, travel, spec.travel, false],
    ];
    for (const [c, col, dist, unit] of cols) {
      prime(c, start, count);
      const st = streams[c];
      for (let i = start; i < end; i++) {
        st.prime(0, i, buf, (i - start) << 2);
        const x = sample(dist, st, i, 0);
        col[i] = unit ? clamp01(x) : x;
      }
    }
    prime(8, start, count);
    for (let i = start; i < end; i++) {
      hasChild[i] =
        (buf[(i - start) << 2] + 0.5) * 2.3283064365386963e-10 < spec.childShare ? 1 : 0;
    }
  }
  return {
    n,
    groupNames: spec.groups.map((g) => g.name),
    regions: spec.regions,
    group,
    region,
    reliability,
    income,
    hardship,
    riskAversion,
    conformity,
    protestThreshold,
    hasChild,
    strategy,
    travel,
  };
}

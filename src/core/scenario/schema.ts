import { z } from "zod";
import { epsteinParams } from "../epstein/params.js";
import { MECHANISMS, PARAMS } from "../mechanisms/registry.generated.js";
import { populationSchema } from "../population/index.js";
import { networkSchema } from "./network.js";

/** A section that may be left out: it then takes every default. */
function dflt<T extends z.ZodType>(schema: T) {
  return schema.default(schema.parse({}) as never);
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
/** The scenario sections of every mechanism, by key: { financial: …, political: …, … }. */
type Sections = UnionToIntersection<(typeof PARAMS)[number]>;

/**
 * The `mechanisms` section of a scenario: each mechanism's parameters under
 * its key(s), in the order of MECHANISMS.md, each with every default, derived
 * from the declarations.
 */
function mechanismSections(): {
  [K in keyof Sections]: ReturnType<typeof dflt<Sections[K] & z.ZodType>>;
} {
  const out: Record<string, z.ZodType> = {};
  MECHANISMS.forEach((m, k) => {
    for (const [key, schema] of Object.entries(PARAMS[k] as Record<string, z.ZodType>)) {
      out[key] = dflt(schema).describe(`${m.id}: ${m.title.toLowerCase()}.`);
    }
  });
  return out as never;
}

type ScsInput = z.output<z.ZodObject<{ population: typeof populationSchema }>> & {
  mechanisms: Record<string, unknown>;
};

/**
 * Checks what one field alone cannot: group names are unique, and every
 * group or region a mechanism names exists (one camera coverage per region,
 * when given per region). Each problem names its own field.
 */
function checkReferences(s: ScsInput, ctx: z.RefinementCtx): void {
  const pop = s.population;
  const names = pop.groups.map((g) => g.name);
  const seen = new Set<string>();
  names.forEach((n, k) => {
    if (seen.has(n)) {
      ctx.addIssue({
        code: "custom",
        path: ["population", "groups", k, "name"],
        message: `group name "${n}" is used twice; names must be unique`,
      });
    }
    seen.add(n);
  });
  const groups = `the groups are ${names.map((n) => JSON.stringify(n)).join(", ")}`;
  const m = s.mechanisms as unknown as ScsScenario["mechanisms"];
  const group = (path: (string | number)[], name: string | null) => {
    if (name !== null && !names.includes(name)) {
      ctx.addIssue({ code: "custom", path, message: `no group named "${name}"; ${groups}` });
    }
  };
  group(["mechanisms", "targeted", "group"], m.targeted.group);
  group(["mechanisms", "groupCap", "group"], m.groupCap.group);
  for (const k of Object.keys(m.observation.errorMultiplier)) {
    group(["mechanisms", "observation", "errorMultiplier", k], k);
  }
  const R = pop.regions;
  const regions = (path: (string | number)[], list: readonly number[]) => {
    list.forEach((r, k) => {
      if (r >= R) {
        ctx.addIssue({
          code: "custom",
          path: [...path, k],
          message: `region ${r} does not exist: regions are 0..${R - 1} (population.regions is ${R})`,
        });
      }
    });
  };
  regions(["mechanisms", "pilots", "pilotRegions"], m.pilots.pilotRegions);
  regions(["mechanisms", "targeted", "regions"], m.targeted.regions);
  const cov = m.observation.cameras.coverage;
  if (Array.isArray(cov) && cov.length !== R) {
    ctx.addIssue({
      code: "custom",
      path: ["mechanisms", "observation", "cameras", "coverage"],
      message: `one coverage per region is needed: ${R} (population.regions), got ${cov.length}`,
    });
  }
}

/** Most agents a scenario may ask for; the memory guard refuses earlier if RAM is short. */
export const MAX_AGENTS = 200_000_000;
/** Most steps a scenario may ask for. */
export const MAX_STEPS = 1_000_000;

const seedSchema = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(200)])
  .describe(
    "Seed: a non-negative integer, or a string (decimal or 0x-hex up to 2^64-1 is taken as the 64-bit key; other text is hashed to 64 bits) (default 1).",
  );

const common = {
  name: z.string().max(200).default("unnamed").describe("Short name of the scenario."),
  description: z.string().max(5000).default("").describe("What the scenario is for."),
  seed: seedSchema.default(1),
  steps: z
    .number()
    .int()
    .min(1)
    .max(MAX_STEPS)
    .default(365)
    .describe(
      "Steps recorded after the burn-in: the horizon results are read at (default 365: a year of daily steps).",
    ),
  burnIn: z
    .number()
    .int()
    .min(0)
    .max(MAX_STEPS)
    .default(0)
    .describe(
      "Warm-up steps run before the recorded steps and not recorded, so that results are read once the system has settled (default 0).",
    ),
};

/** The social-credit-system model on a network (M1–M18, B1–B3). */
export const scsScenarioSchema = z
  .strictObject({
    model: z
      .literal("scs")
      .default("scs")
      .describe("scs: the social credit system model on a network."),
    ...common,
    agents: z
      .number()
      .int()
      .min(2)
      .max(MAX_AGENTS)
      .default(10_000)
      .describe("Number of agents (default 10,000)."),
    population: populationSchema.default(populationSchema.parse({})),
    network: networkSchema.default(networkSchema.parse({})),
    mechanisms: z
      .strictObject(mechanismSections())
      .prefault({})
      .describe("Parameters of every mechanism of MECHANISMS.md."),
    metrics: z
      .strictObject({
        violationWindow: z
          .number()
          .int()
          .min(1)
          .default(730)
          .describe(
            "Window of the regime's own precision measure, list_precision_regime: a listed agent with no default, criticism or protest in this many steps counts as listed without cause in the regime's terms (default 730, the listing term). The rights-terms measures (wrongly_listed, listed_for_expression, erroneously_listed) come from what listed the agent, not from this window.",
          ),
      })
      .default({ violationWindow: 730 })
      .describe("How the metrics are defined."),
  })
  .superRefine(checkReferences)
  .describe("A scsim scenario of the social credit system model.");

/** Epstein's civil-violence Model I on a torus grid (the field's reference model). */
export const epsteinScenarioSchema = z
  .strictObject({
    model: z
      .literal("epstein")
      .describe("epstein: Epstein (2002) civil violence Model I on a torus grid."),
    ...common,
    steps: common.steps.default(200),
    epstein: epsteinParams.default(epsteinParams.parse({})),
  })
  .describe("A scsim scenario of Epstein's civil-violence model.");

export const scenarioSchema = z
  .union([scsScenarioSchema, epsteinScenarioSchema])
  .describe("A scsim scenario: model 'scs' (default) or 'epstein'.");

export type ScsScenario = z.infer<typeof scsScenarioSchema>;
export type EpsteinScenario = z.infer<typeof epsteinScenarioSchema>;
export type Scenario = ScsScenario | EpsteinScenario;

import { z } from "zod";
import { SOBOL_MAX_DIMENSIONS } from "../stats/qmc/joe-kuo.js";

/**
 * The experiment file (YAML or JSON): which scenario, which factors vary and
 * how, which design places the points, how many replications, which metrics
 * are summarised. docs/EXPERIMENTS.md explains every part with an example;
 * `experimentJsonSchema()` gives editors the same schema.
 */

/** Current version of the experiment file format. */
export const EXPERIMENT_VERSION = 1;
/** Most units (design points × replications) one experiment may ask for. */
export const MAX_UNITS = 10_000_000;
/** Most factors (a Sobol' design needs 2 dimensions of the sequence per factor). */
export const MAX_FACTORS = SOBOL_MAX_DIMENSIONS / 2;

const seedSchema = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(200)])
  .describe(
    "Master seed of the experiment: a non-negative integer, or a string (decimal or 0x-hex up to 2^64-1 is the 64-bit key; other text is hashed). Every unit's seed is derived from it (default 1).",
  );

const levelValue = z.union([z.number(), z.string(), z.boolean()]);

const finite = z.number().refine(Number.isFinite, "must be a finite number");

export const factorSchema = z
  .strictObject({
    path: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\.[0-9]+)*$/,
        "a dotted path of field names, e.g. mechanisms.financial.deterrence (list entries by number: population.groups.0.share)",
      )
      .describe(
        "Scenario field the factor sets, by dotted path (e.g. mechanisms.financial.deterrence); for a built-in test model, x1, x2, ….",
      ),
    name: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("Short label for tables and plots (default: the path)."),
    levels: z
      .array(levelValue)
      .min(1)
      .max(10_000)
      .optional()
      .describe(
        "Discrete values the factor takes (numbers, text or true/false). Give either levels or range.",
      ),
    range: z
      .tuple([finite, finite])
      .optional()
      .describe("[min, max] of a continuous (or integer) factor. Give either levels or range."),
    distribution: z
      .enum(["uniform", "log-uniform", "normal", "integer"])
      .default("uniform")
      .describe(
        "How a range is sampled: uniform on [min, max]; log-uniform (min > 0: uniform in log); normal (mean, sd) truncated to [min, max]; integer: each whole number in [min, max] equally likely (default uniform).",
      ),
    mean: finite.optional().describe("Mean of a normal distribution (before truncation)."),
    sd: z
      .number()
      .positive()
      .optional()
      .describe("SD of a normal distribution (before truncation)."),
  })
  .superRefine((f, ctx) => {
    if ((f.levels === undefined) === (f.range === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "give either levels: [...] or range: [min, max], not both or neither",
      });
      return;
    }
    if (f.levels !== undefined) {
      const seen = new Set(f.levels.map((v) => JSON.stringify(v)));
      if (seen.size !== f.levels.length) {
        ctx.addIssue({ code: "custom", path: ["levels"], message: "levels must be distinct" });
      }
      if (f.mean !== undefined || f.sd !== undefined) {
        ctx.addIssue({ code: "custom", path: [], message: "mean and sd belong to a normal range" });
      }
      return;
    }
    const [min, max] = f.range!;
    if (!(min < max)) {
      ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: `min ${min} must be below max ${max}`,
      });
    }
    if (f.distribution === "log-uniform" && !(min > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: "a log-uniform range needs min > 0",
      });
    }
    if (f.distribution === "integer" && !(Number.isInteger(min) && Number.isInteger(max))) {
      ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: "an integer range needs whole-number bounds",
      });
    }
    if (f.distribution === "normal") {
      if (f.mean === undefined || f.sd === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: "a normal distribution needs mean and sd (it is truncated to range)",
        });
      }
    } else if (f.mean !== undefined || f.sd !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "mean and sd belong to distribution: normal",
      });
    }
  })
  .describe("A factor: a scenario field varied by the design.");

const bootstrapSchema = z
  .number()
  .int()
  .min(100)
  .max(100_000)
  .default(1000)
  .describe("Bootstrap resamples for the confidence intervals of the indices (default 1000).");

export const designSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({
        type: z.literal("grid").describe("grid: full factorial of every factor's levels."),
        levels: z
          .number()
          .int()
          .min(2)
          .max(1000)
          .default(3)
          .describe(
            "Points per range factor: evenly spaced in probability from min to max (default 3). Factors with levels use all of them.",
          ),
      })
      .describe("Full factorial design."),
    z
      .strictObject({
        type: z
          .literal("lhs")
          .describe("lhs: Latin hypercube sample (McKay, Beckman, Conover 1979)."),
        points: z.number().int().min(1).max(MAX_UNITS).describe("Number of design points."),
      })
      .describe(
        "Latin hypercube: every factor's range cut into `points` equal-probability strata, one point in each.",
      ),
    z
      .strictObject({
        type: z
          .literal("sobol")
          .describe(
            "sobol: Saltelli's A, B, A_B^(i) matrices from a scrambled Sobol' sequence, for Sobol' indices S1 and ST.",
          ),
        n: z
          .number()
          .int()
          .min(2)
          .max(MAX_UNITS)
          .describe(
            "Base rows N: the design has N (k + 2) points for k factors (N (2k + 2) with secondOrder). A power of 2 keeps the Sobol' net balanced; 512 or more for stable indices.",
          ),
        secondOrder: z
          .boolean()
          .default(false)
          .describe(
            "Also run B_A^(i) for second-order indices S2 (Saltelli 2002) (default false).",
          ),
        scramble: z
          .boolean()
          .default(true)
          .describe(
            "Scramble the Sobol' sequence (seeded by the master seed), so repeated studies are independent randomisations (default true).",
          ),
        bootstrap: bootstrapSchema,
      })
      .describe("Variance-based sensitivity analysis."),
    z
      .strictObject({
        type: z
          .literal("morris")
          .describe("morris: r one-at-a-time trajectories on a p-level grid (Morris 1991)."),
        trajectories: z
          .number()
          .int()
          .min(2)
          .max(MAX_UNITS)
          .describe(
            "Number of trajectories r; the design has r (k + 1) points (10 to 50 is usual).",
          ),
        levels: z
          .number()
          .int()
          .min(2)
          .max(1000)
          .refine((p) => p % 2 === 0, "the number of levels must be even")
          .default(4)
          .describe("Grid levels p (even; default 4); the step is Δ = p / (2 (p − 1))."),
        bootstrap: bootstrapSchema,
      })
      .describe("Elementary-effects screening."),
    z
      .strictObject({
        type: z.literal("csv").describe("csv: the points are given in a CSV file."),
        file: z
          .string()
          .min(1)
          .describe(
            "CSV file of points (relative to the experiment file): a header row naming each factor (its path or name), then one row per point.",
          ),
      })
      .describe("Given points."),
  ])
  .describe("Where the design points are.");

export const outputSchema = z
  .strictObject({
    metric: z
      .string()
      .min(1)
      .describe("Metric name, as the run records it (e.g. listed); y for a test model."),
    group: z.string().min(1).default("all").describe("Population group, or all (default)."),
    at: z
      .enum(["end", "mean", "every-step"])
      .default("end")
      .describe(
        "end: the value at the last step; mean: mean over a window of steps (from/to, or last); every-step: the whole series (summarised per step; no sensitivity indices).",
      ),
    from: z.number().int().min(0).optional().describe("First step of the mean window (inclusive)."),
    to: z.number().int().min(0).optional().describe("Last step of the mean window (inclusive)."),
    last: z.number().int().min(1).optional().describe("Mean over the last this many steps."),
    as: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "a name of letters, digits, _ . -")
      .optional()
      .describe("Name of the output in results (default: derived from metric, group and window)."),
  })
  .superRefine((o, ctx) => {
    const window = o.from !== undefined || o.to !== undefined || o.last !== undefined;
    if (o.at !== "mean" && window) {
      ctx.addIssue({ code: "custom", path: ["at"], message: "from, to and last need at: mean" });
    }
    if (o.at === "mean") {
      if (o.last !== undefined && (o.from !== undefined || o.to !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["last"],
          message: "give last, or from/to, not both",
        });
      }
      if (o.from !== undefined && o.to !== undefined && o.to < o.from) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `to ${o.to} is before from ${o.from}`,
        });
      }
    }
  })
  .describe("A metric to summarise, and at which steps.");

export const testModelSchema = z
  .union([
    z.enum(["ishigami", "sobol-g"]),
    z.strictObject({
      name: z.literal("ishigami"),
      a: finite.default(7).describe("Ishigami a (default 7)."),
      b: finite.default(0.1).describe("Ishigami b (default 0.1)."),
      noiseSd: z
        .number()
        .min(0)
        .default(0)
        .describe(
          "SD of normal noise added to each evaluation, seeded by the unit seed (default 0).",
        ),
    }),
    z.strictObject({
      name: z.literal("sobol-g"),
      a: z
        .array(z.number().min(0))
        .min(1)
        .max(MAX_FACTORS)
        .default([0, 1, 4.5, 9, 99, 99, 99, 99])
        .describe("G-function coefficients a_i ≥ 0 (default 0, 1, 4.5, 9, 99, 99, 99, 99)."),
      noiseSd: z
        .number()
        .min(0)
        .default(0)
        .describe("SD of normal noise added to each evaluation."),
    }),
  ])
  .describe(
    "A built-in analytic test function instead of a scenario: ishigami (Ishigami and Homma 1990) or sobol-g (Saltelli and Sobol' 1995), with known Sobol' indices.",
  );

export const baseSchema = z
  .strictObject({
    preset: z
      .string()
      .min(1)
      .optional()
      .describe("Name of a preset scenario (see `scsim presets`)."),
    file: z
      .string()
      .min(1)
      .optional()
      .describe("Path of a scenario file (relative to the experiment file)."),
    overrides: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        "Scenario fields set for every point (a partial scenario, merged into the base), e.g. agents: 2000.",
      ),
  })
  .superRefine((b, ctx) => {
    if ((b.preset === undefined) === (b.file === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "give either preset or file" });
    }
  })
  .describe("The scenario every point starts from.");

export const experimentSchema = z
  .strictObject({
    version: z
      .literal(EXPERIMENT_VERSION)
      .describe(`Version of the experiment file format (now ${EXPERIMENT_VERSION}).`),
    name: z.string().max(200).default("experiment").describe("Short name of the experiment."),
    description: z.string().max(5000).default("").describe("What the experiment is for."),
    base: baseSchema.optional(),
    model: testModelSchema.optional(),
    factors: z
      .array(factorSchema)
      .max(MAX_FACTORS)
      .default([])
      .describe(
        `The factors (at most ${MAX_FACTORS}). A test model without factors gets its standard ones.`,
      ),
    design: designSchema,
    replications: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .describe("Runs per design point, each with its own seed (default 1)."),
    seed: seedSchema.default(1),
    pairedSeeds: z
      .boolean()
      .optional()
      .describe(
        "Common random numbers: replication r of every point runs with the same seed, so differences between points are not seed noise. Default true for grid, sobol, morris and csv, false for lhs.",
      ),
    metrics: z
      .array(outputSchema)
      .min(1)
      .max(1000)
      .optional()
      .describe("Metrics to summarise (default for a test model: y at the end)."),
    level: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.95)
      .describe("Confidence level of every interval (default 0.95)."),
  })
  .superRefine((e, ctx) => {
    if ((e.base === undefined) === (e.model === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "give either base (a scenario) or model (a built-in test function)",
      });
    }
    if (e.base !== undefined && e.factors.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["factors"],
        message: "an experiment on a scenario needs at least one factor",
      });
    }
    if (e.base !== undefined && e.metrics === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["metrics"],
        message: "name at least one metric to summarise",
      });
    }
    const paths = new Set<string>();
    e.factors.forEach((f, i) => {
      if (paths.has(f.path)) {
        ctx.addIssue({
          code: "custom",
          path: ["factors", i, "path"],
          message: `${f.path} is already a factor`,
        });
      }
      paths.add(f.path);
      if (f.path === "seed") {
        ctx.addIssue({
          code: "custom",
          path: ["factors", i, "path"],
          message: "seed cannot be a factor: every unit's seed is derived from the master seed",
        });
      }
    });
  })
  .describe("A scsim experiment: a design of scenario variants, replicated and summarised.");

export type Factor = z.output<typeof factorSchema>;
export type DesignSpec = z.output<typeof designSchema>;
export type OutputSpec = z.output<typeof outputSchema>;
export type TestModelSpec = z.output<typeof testModelSchema>;
export type Experiment = z.output<typeof experimentSchema>;
export type FactorValue = number | string | boolean;

/** The experiment schema as JSON Schema (draft 2020-12), for editors. */
export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(experimentSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}

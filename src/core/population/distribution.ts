import { z } from "zod";
import { beta } from "../rng/distributions.js";
import type { Stream } from "../rng/stream.js";

/** A distribution a scenario can name for a population column. */
export const distributionSchema = z
  .discriminatedUnion("dist", [
    z.strictObject({
      dist: z.literal("constant"),
      value: z.number().describe("The value every agent gets."),
    }),
    z
      .strictObject({
        dist: z.literal("uniform"),
        min: z.number().default(0),
        max: z.number().default(1),
      })
      .refine((d) => d.min <= d.max, { message: "min must not exceed max", path: ["min"] }),
    z.strictObject({
      dist: z.literal("beta"),
      a: z.number().positive().describe("Shape α > 0."),
      b: z.number().positive().describe("Shape β > 0."),
    }),
    z
      .strictObject({
        dist: z.literal("normal"),
        mean: z.number().default(0),
        sd: z.number().nonnegative().default(1),
        min: z.number().optional().describe("Clamp below (optional)."),
        max: z.number().optional().describe("Clamp above (optional)."),
      })
      .refine((d) => d.min === undefined || d.max === undefined || d.min <= d.max, {
        message: "min must not exceed max",
        path: ["min"],
      }),
    z.strictObject({
      dist: z.literal("lognormal"),
      mu: z.number().default(0).describe("Mean of the logarithm."),
      sigma: z.number().nonnegative().default(1).describe("SD of the logarithm."),
    }),
  ])
  .describe("A distribution: constant, uniform, beta, normal or lognormal.");

export type Distribution = z.infer<typeof distributionSchema>;

/** Draws one value of `d` at address (step 0, agent, words i ..). */
export function sample(d: Distribution, s: Stream, agent: number, i: number): number {
  switch (d.dist) {
    case "constant":
      return d.value;
    case "uniform":
      return d.min + (d.max - d.min) * s.u01(0, agent, i);
    case "beta":
      return beta(s, 0, agent, i, d.a, d.b);
    case "normal": {
      const x = d.mean + d.sd * s.normal(0, agent, i);
      return Math.min(
        d.max ?? Number.POSITIVE_INFINITY,
        Math.max(d.min ?? Number.NEGATIVE_INFINITY, x),
      );
    }
    case "lognormal":
      return Math.exp(d.mu + d.sigma * s.normal(0, agent, i));
  }
}

/** The mean of a distribution (normal ignoring its clamps), for docs and tests. */
export function mean(d: Distribution): number {
  switch (d.dist) {
    case "constant":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "beta":
      return d.a / (d.a + d.b);
    case "normal":
      return d.mean;
    case "lognormal":
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
  }
}

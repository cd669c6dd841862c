import { z } from "zod";
import { NETWORK_KINDS } from "../network/index.js";

/** Network section of a scenario: how agents are connected. */
export const networkSchema = z
  .strictObject({
    kind: z
      .enum([...NETWORK_KINDS, "edge-list"])
      .default("sbm")
      .describe(
        "Generator: sbm (stochastic block model with homophily by group and region), erdos-renyi, watts-strogatz, barabasi-albert, or edge-list (an anonymous edge list file) (default sbm).",
      ),
    meanDegree: z
      .number()
      .min(0)
      .max(10_000)
      .default(20)
      .describe("Target mean number of contacts (default 20; modelling choice)."),
    rewire: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe("Watts–Strogatz rewiring probability β (default 0.1)."),
    homophily: z
      .strictObject({
        group: z
          .number()
          .min(0)
          .max(1)
          .default(0.6)
          .describe("Share of ties kept within the own group (default 0.6)."),
        region: z
          .number()
          .min(0)
          .max(1)
          .default(0.8)
          .describe("Share of ties kept within the own region (default 0.8)."),
      })
      .default({ group: 0.6, region: 0.8 })
      .describe("SBM homophily (modelling choice: contacts are mostly local and within group)."),
    path: z
      .string()
      .optional()
      .describe(
        "For kind edge-list: a CSV/TSV file (optionally .gz) of anonymous integer ids 0..agents-1, one undirected edge a line; relative to the scenario file.",
      ),
  })
  .refine((s) => s.kind !== "edge-list" || s.path !== undefined, {
    message: "kind edge-list needs a path to the edge list file",
    path: ["path"],
  })
  .describe("The contact network, stored as CSR.");

export type NetworkConfig = z.infer<typeof networkSchema>;

import { z } from "zod";
import { epsteinParams } from "../epstein/params.js";
import { appealParams } from "../mechanisms/b1-appeal.js";
import { financialParams } from "../mechanisms/m01-financial-rating.js";
import { politicalParams } from "../mechanisms/m02-political-data.js";
import { rewardParams } from "../mechanisms/m03-rewards.js";
import { pilotParams } from "../mechanisms/m04-pilot-regions.js";
import { integrationParams, subsystemsParams } from "../mechanisms/m05-subsystems.js";
import { platformParams } from "../mechanisms/m06-payment-platform.js";
import { observationParams } from "../mechanisms/m07-observation.js";
import { approvalParams } from "../mechanisms/m08-approval.js";
import { associationParams } from "../mechanisms/m09-association-penalty.js";
import { visibilityParams } from "../mechanisms/m10-list-visibility.js";
import { sanctionsParams } from "../mechanisms/m11-sanctions.js";
import { tierParams } from "../mechanisms/m12-tiers.js";
import { targetedParams } from "../mechanisms/m13-targeted-group.js";
import { groupCapParams } from "../mechanisms/m14-group-cap.js";
import { detentionParams } from "../mechanisms/m15-detention.js";
import { retentionParams } from "../mechanisms/m16-records-retention.js";
import { dissentParams } from "../mechanisms/m17-dissent.js";
import { participationParams } from "../mechanisms/m18-participation.js";
import { populationSchema } from "../population/index.js";
import { networkSchema } from "./network.js";

/** A section that may be left out: it then takes every default. */
function dflt<T extends z.ZodType>(schema: T) {
  return schema.default(schema.parse({}) as never);
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
    .describe("Number of steps to run (default 365: a year of daily steps)."),
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
      .strictObject({
        financial: dflt(financialParams).describe("M1: financial rating."),
        political: dflt(politicalParams).describe("M2: political data."),
        rewards: dflt(rewardParams).describe("M3: rewards and penalties."),
        pilots: dflt(pilotParams).describe("M4: pilots, then nationwide."),
        subsystems: dflt(subsystemsParams).describe("M5: sub-systems."),
        integration: dflt(integrationParams).describe("M5: integration (joint punishment)."),
        platform: dflt(platformParams).describe("M6: payment platform."),
        observation: dflt(observationParams).describe("M7: observation channels."),
        approval: dflt(approvalParams).describe("M8: approval."),
        association: dflt(associationParams).describe("M9: association penalty and ostracism."),
        visibility: dflt(visibilityParams).describe("M10: blacklist visibility."),
        sanctions: dflt(sanctionsParams).describe("M11: sanctions."),
        tiers: dflt(tierParams).describe("M12: tiers."),
        targeted: dflt(targetedParams).describe("M13: targeted group surveillance."),
        groupCap: dflt(groupCapParams).describe("M14: group score cap."),
        detention: dflt(detentionParams).describe("M15: detention."),
        retention: dflt(retentionParams).describe("M16: record retention and reviews."),
        dissent: dflt(dissentParams).describe("M17: expression and protest."),
        participation: dflt(participationParams).describe(
          "M18: voluntary then mandatory participation.",
        ),
        appeal: dflt(appealParams).describe("B1: notice and appeal."),
      })
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
            "A listed agent with no true violation in this many steps counts as wrongly listed (default 730, the listing term).",
          ),
      })
      .default({ violationWindow: 730 })
      .describe("How the metrics are defined."),
  })
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

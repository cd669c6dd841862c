import { z } from "zod";
import { counted } from "../metrics/define.js";
import { prob } from "../scenario/param.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

/**
 * M7 — Observation channels: statistical models, never recognisers. Each
 * channel has a coverage (share of events it sees; per region for cameras,
 * scaled for targeted agents by M13), a true-detection rate (an event seen is
 * attributed to its author) and a false-positive rate (an innocent act flagged
 * as a violation). A face-recognition false match attributes an observed
 * protest to a wrong agent of the same region; its rate may differ by group
 * (NIST FRVT 2019: false-positive differentials of 10 to 100 between
 * demographic groups, calibration-facts.md §4).
 */
interface ChannelSources {
  coverage: string;
  detection: string;
  falsePositive: string;
}

const channel = (
  coverage: number,
  detection: number,
  falsePositive: number,
  what: string,
  src: ChannelSources,
) =>
  z
    .strictObject({
      coverage: z
        .number()
        .min(0)
        .max(1)
        .default(coverage)
        .describe(`Share of ${what} the channel sees (default ${coverage}; ${src.coverage}).`),
      detection: z
        .number()
        .min(0)
        .max(1)
        .default(detection)
        .describe(
          `Probability that a seen violation is attributed to its author (default ${detection}; ${src.detection}).`,
        ),
      falsePositive: z
        .number()
        .min(0)
        .max(1)
        .default(falsePositive)
        .describe(
          `Probability that a seen innocent act is flagged as a violation (default ${falsePositive}; ${src.falsePositive}).`,
        ),
    })
    .default({ coverage, detection, falsePositive });

export const observationParams = z
  .strictObject({
    online: channel(0.9, 0.6, 0.01, "online posts", {
      coverage:
        "modelling choice: platforms scan every post by keyword, King, Pan and Roberts 2014",
      detection:
        "King, Pan and Roberts 2014: about 40% of posts held for review, more than half never appear; Bamman et al. 2012: 16% of posts deleted",
      falsePositive: "modelling choice: coarse keyword filters, no published rate",
    }).describe(
      "Internet monitoring (defaults: 0.9 coverage; 0.6 detection after King, Pan and Roberts 2014: ~40% held for review, most deleted; Bamman et al. 2012: 16% of posts deleted; false positives 0.01, coarse keyword filters, no published rate).",
    ),
    offline: channel(0.3, 0.3, 0.002, "offline speech", {
      coverage: "modelling choice",
      detection: "modelling choice",
      falsePositive: "modelling choice",
    }).describe("Informants and microphones in public places (modelling choice)."),
    cameras: z
      .strictObject({
        coverage: z
          .union([z.number().min(0).max(1), z.array(z.number().min(0).max(1))])
          .default(0.7)
          .describe(
            "Share of protest events in view of a camera: one number, or one per region (default 0.7: 350 million cameras in 2018, one per 4.1 people, calibration-facts.md §4).",
          ),
        detection: prob(0.8, "Probability that a filmed protester is identified", {
          source: "modelling choice",
        }),
        falseMatch: prob(
          0.001,
          "Probability that an identification of a filmed protester also matches a wrong agent of the region",
          {
            source: "NIST FRVT 2019 puts false-match rates at 1e-5..1e-3 at operational thresholds",
          },
        ),
      })
      .default({ coverage: 0.7, detection: 0.8, falseMatch: 0.001 }),
    errorMultiplier: z
      .record(z.string(), z.number().min(0))
      .default({})
      .describe(
        "Factor on false-positive and false-match rates by group name, e.g. {minority: 10} (default none: 1 for all; NIST FRVT 2019: 10 to 100 between groups).",
      ),
  })
  .describe("M7: observation channels with coverage, detection and error rates.");

/** Per-group error factors, from `errorMultiplier` by group name. */
export function errorFactors(b: WorldBase): Float64Array {
  const mult = b.params.observation.errorMultiplier;
  return Float64Array.from(b.pop.groupNames, (g) => mult[g] ?? 1);
}

/** Camera coverage of a region. */
export function cameraCoverage(w: World, region: number): number {
  const c = w.params.observation.cameras.coverage;
  return typeof c === "number" ? c : (c[region] ?? c[c.length - 1] ?? 0);
}

/**
 * After an observed protester's identification, a false match may attribute
 * the event to a wrong agent of the same region; returns that agent or -1.
 * u1 picks the candidate (never the protester itself), u2 decides the match
 * (scaled by the candidate's group factor).
 */
export function falseMatch(
  w: World,
  region: number,
  protester: number,
  u1: number,
  u2: number,
): number {
  const { start: rs, agents } = w.regions;
  const start = rs[region];
  const size = rs[region + 1] - start;
  if (size <= 1) return -1;
  let v = agents[start + Math.floor(u1 * (size - 1))];
  if (v === protester) v = agents[start + size - 1];
  const g = w.pop.group[v];
  const rate = w.params.observation.cameras.falseMatch * w.tables.M7.errorFactor[g];
  if (u2 >= rate) return -1;
  w.count.falseMatches[g]++;
  return v;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { observation: observationParams };

export const mechanism = defineMechanism({
  id: "M7",
  title: "Observation channels",
  article: {
    de: "… unzählige Kameras erfassen jeden Schritt, Telefonverbindungen und Internetnutzung werden strengstens überwacht.",
    en: "… countless cameras record every step; phone connections and internet use are monitored most strictly.",
  },
  params,
  counters: {
    falseMatches: {
      doc: "Face-recognition false matches this step (by the wrongly matched agent's group).",
    },
  },
  prepare: (b: WorldBase) => ({
    /** Per group: factor on false-positive and false-match rates. */
    errorFactor: errorFactors(b),
  }),
  metrics: {
    false_matches: counted("falseMatches", "Face-recognition false matches this step."),
  },
});

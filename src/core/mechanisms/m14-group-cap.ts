import { z } from "zod";
import type { ScsModel } from "../model.js";
import { TALLY } from "../tally.js";

/**
 * M14 — A cap on a group's score ("a minority member can reach at most an
 * average score"). The capped group's combined score is held at or below the
 * cap: a number of points, or the population's mean combined score (taken at
 * the start of each step).
 */
export const groupCapParams = z
  .strictObject({
    group: z
      .string()
      .nullable()
      .default(null)
      .describe("Name of the capped group, or null for no cap (default null)."),
    cap: z
      .union([z.number().min(0).max(1000), z.literal("mean")])
      .default("mean")
      .describe(
        "The cap: a score, or 'mean' for the population's mean combined score (default 'mean').",
      ),
  })
  .describe("M14: an optional cap on one group's score.");

/** The combined score c of an agent of group g, capped if g is the capped group. */
export function capScore(m: ScsModel, g: number, c: number): number {
  return g === m.cappedGroup && c > m.scoreCap ? m.scoreCap : c;
}

/** Updates the cap to the population mean when the cap is 'mean'. */
export function updateCap(m: ScsModel): void {
  if (m.cappedGroup < 0 || m.scenario.mechanisms.groupCap.cap !== "mean") return;
  m.scoreCap = Math.floor(m.tally.total(TALLY.scoreSum) / m.n);
}

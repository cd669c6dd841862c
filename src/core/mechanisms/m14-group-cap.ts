import { z } from "zod";
import { at } from "../metrics/define.js";
import type { World, WorldBase } from "../world/world.js";
import { defineMechanism } from "./define.js";

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
      .describe(
        "Name of the capped group, or null for no cap (default null; design: the modelled system sets it, each preset its own).",
      ),
    cap: z
      .union([z.number().min(0).max(1000), z.literal("mean")])
      .default("mean")
      .describe(
        "The cap: a score, or 'mean' for the population's mean combined score (default 'mean').",
      ),
  })
  .describe("M14: an optional cap on one group's score.");

function prepare(b: WorldBase) {
  const p = b.params.groupCap;
  return {
    /** The capped group's index, -1 for none. */
    group: p.group === null ? -1 : b.pop.groupNames.indexOf(p.group),
    /** The cap now, whole points. */
    cap: typeof p.cap === "number" ? p.cap : 1000,
  };
}

/** The combined score c of an agent of group g, capped if g is the capped group. */
export function capScore(w: World, g: number, c: number): number {
  const m14 = w.tables.M14;
  return g === m14.group && c > m14.cap ? m14.cap : c;
}

/** Updates the cap to the population mean when the cap is 'mean'. */
function updateCap(w: World): void {
  const m14 = w.tables.M14;
  if (m14.group < 0 || w.params.groupCap.cap !== "mean") return;
  m14.cap = Math.floor(at(w.tally.scoreSum, 0) / w.n);
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { groupCap: groupCapParams };

export const mechanism = defineMechanism({
  id: "M14",
  title: "Group score cap",
  article: {
    de: "Als Angehöriger einer Minderheit kann man im Sozialkredit-Ranking höchstens einen durchschnittlichen Wert erreichen.",
    en: "As a member of a minority one can reach at most an average value in the social credit ranking.",
  },
  params,
  prepare,
  carries: ["cap"],
  steps: { updateCap },
});

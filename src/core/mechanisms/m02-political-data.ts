import { z } from "zod";
import type { ScsModel } from "../model.js";
import { SUBSYSTEMS } from "../subsystems.js";

/**
 * M2 — Socio-political data flow into the scores (since the 2010s): observed
 * criticism and protest become negative records of the chosen sub-systems.
 * Switched off, political behaviour leaves no record at all.
 */
export const politicalParams = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Score political behaviour (default false)."),
    subsystems: z
      .array(z.enum(SUBSYSTEMS))
      .default(["security"])
      .describe("Sub-systems that receive political records (default security)."),
    protestWeight: z
      .number()
      .min(0)
      .default(2)
      .describe(
        "Records per observed protest, relative to one observed criticism (default 2; modelling choice).",
      ),
  })
  .describe("M2: political behaviour as scored events.");

/** Records an observed political event (weight w) against agent i, and rescores it. */
export function recordPolitical(m: ScsModel, i: number, t: number, w: number): void {
  if (!m.scenario.mechanisms.political.enabled || !m.covered[i]) return;
  const subs = m.politicalSubs;
  m.fade(i, t);
  for (let s = 0; s < subs.length; s++) m.state.neg[i * m.K + subs[s]] += w;
  m.rescore(i, t);
}

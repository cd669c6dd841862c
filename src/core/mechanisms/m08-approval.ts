import { z } from "zod";
import type { ScsModel } from "../model.js";
import { TALLY } from "../tally.js";

/**
 * M8 — Approval ("eine große Mehrheit … befürwortet"). Each agent's private
 * approval is its perceived legitimacy L of the system (Epstein's L, per
 * agent); it approves when L ≥ 0.5. At each of its speech events L moves
 * toward a Friedkin–Johnsen target (Friedkin and Johnsen 1990, "Social
 * influence and opinions"): its own initial view L0, shifted by
 * `susceptibility` times how far the share of its contacts stating approval
 * lies above the share at step 0 (the climate before the system acted). With
 * nothing changing, opinions stay where they started; what contacts state
 * includes falsified approval (M17), so falsification feeds back into
 * private opinion (Kuran 1995). L also falls with the sanctions the agent sees
 * among its contacts and with its own listing, and rises with the benefit it
 * experiences: the share of would-be defaults the system prevented in the
 * last step (fewer defaults met). Expressed approval is decided in M17.
 */
export const approvalParams = z
  .strictObject({
    initial: z
      .number()
      .min(0)
      .max(1)
      .default(0.7)
      .describe(
        "Mean initial legitimacy L0 (default 0.7: with the spread, about 83% approve; Kostka 2019 found about 80%, calibration-facts.md §5).",
      ),
    spread: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.3)
      .describe(
        "Half-width of the uniform spread of initial legitimacy (default 0.3; modelling choice).",
      ),
    rate: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe(
        "Step toward the Friedkin–Johnsen target per speech event (default 0.1; modelling choice).",
      ),
    susceptibility: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe(
        "Shift of the target per unit change in the share of contacts stating approval (default 0.3; modelling choice).",
      ),
    sanctionWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        "Legitimacy lost per speech event, times the share of contacts seen sanctioned (default 0.05).",
      ),
    ownSanctionLoss: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        "Legitimacy lost per speech event while the agent itself is listed (default 0.05).",
      ),
    benefitWeight: z
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .describe(
        "Legitimacy gained per speech event, times the share of defaults prevented (default 0.01).",
      ),
  })
  .describe("M8: private approval (legitimacy) and what moves it.");

/** Draws initial legitimacy (words are the agent's block). */
export function initialLegitimacy(m: ScsModel, u: number): number {
  const p = m.scenario.mechanisms.approval;
  const x = p.initial + p.spread * (2 * u - 1);
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Updates agent i's legitimacy from what it sees among its contacts: of
 * `heard` contacts (not detained) `approve` state approval; `seenSanctioned`
 * is the (visibility-weighted) share of contacts listed or detained.
 */
export function updateApproval(
  m: ScsModel,
  i: number,
  approve: number,
  heard: number,
  seenSanctioned: number,
): void {
  const p = m.scenario.mechanisms.approval;
  const st = m.state;
  let L = st.legitimacy[i];
  const before = L >= 0.5 ? 1 : 0;
  // Contacts' climate of opinion, relative to the climate before the system acted.
  const climate = heard > 0 ? approve / heard - m.baselineClimate : 0;
  const target = st.baseLegitimacy[i] + p.susceptibility * climate;
  L += p.rate * (target - L);
  L -= p.sanctionWeight * seenSanctioned;
  if (st.listed[i]) L -= p.ownSanctionLoss;
  L += p.benefitWeight * m.benefitSignal;
  L = L < 0 ? 0 : L > 1 ? 1 : L;
  st.legitimacy[i] = L;
  const after = L >= 0.5 ? 1 : 0;
  if (after !== before)
    m.tally.v[TALLY.approval * m.tally.groups + m.pop.group[i]] += after - before;
}

import { z } from "zod";
import { at, share } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { num, prob } from "../scenario/param.js";
import { unit } from "../schedule.js";
import { col } from "../world/columns.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { initialStance } from "./m17-dissent/stance.js";

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
 * among its contacts for what they said (a known listing for expression, a
 * detention; punished debtors do not lower it) and with its own listing, and
 * rises with the benefit it experiences: fewer defaults met — the share of
 * the contacts it talks with who defaulted in the last period, against the
 * share it is used to (an average over its past speech events). So a system
 * that lowers defaults is seen to work while defaults fall, and no longer
 * once they have settled. Expressed approval is decided in M17.
 */
export const approvalParams = z
  .strictObject({
    initial: prob(0.7, "Mean initial legitimacy L0", {
      source:
        "with the spread, about 83% approve; Kostka 2019 found about 80%, calibration-facts.md §5",
    }),
    spread: num(0.3, "Half-width of the uniform spread of initial legitimacy", {
      min: 0,
      max: 0.5,
      source: "modelling choice",
    }),
    rate: prob(0.1, "Step toward the Friedkin–Johnsen target per speech event", {
      source: "modelling choice",
    }),
    susceptibility: prob(
      0.3,
      "Shift of the target per unit change in the share of contacts stating approval",
      { source: "modelling choice" },
    ),
    sanctionWeight: prob(
      0.05,
      "Legitimacy lost per speech event, times the share of contacts seen sanctioned",
      {
        source:
          "modelling choice, of the order of Xu, Kostka & Cao's −12% support on learning of repression (calibration-research notes)",
      },
    ),
    ownSanctionLoss: prob(
      0.05,
      "Legitimacy lost per speech event while the agent itself is listed",
      { source: "modelling choice" },
    ),
    benefitWeight: prob(
      0.2,
      "Legitimacy gained per speech event per unit fall of the share of contacts seen defaulting below the share the agent is used to",
      { source: "modelling choice" },
    ),
  })
  .describe("M8: private approval (legitimacy) and what moves it.");

const DRAWS = {
  initial: {
    stream: STREAM.behaviour,
    at: "init",
    block: 0,
    lanes: { legitimacy: 0 },
    doc: "Initial legitimacy L0 (shares the init block of the behaviour stream with M3).",
  },
} as const;

/** Initial legitimacy from a uniform u. */
function initialLegitimacy(w: World, u: number): number {
  const p = w.params.approval;
  const x = p.initial + p.spread * (2 * u - 1);
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Opinions before step 1: every agent's L0 and, from it, what it privately
 * thinks and, before anyone has seen a sanction, says (M17). Then the climate
 * of opinion everyone's later view is measured against.
 */
function init(w: World): void {
  const st = w.state;
  const words = w.rng.fill(DRAWS.initial, 0);
  const lane = DRAWS.initial.lanes.legitimacy;
  const approval = w.tally.approval;
  for (let i = 0; i < w.n; i++) {
    const L = initialLegitimacy(w, unit(words[4 * i + lane]));
    st.legitimacy[i] = L;
    st.baseLegitimacy[i] = L;
    if (L >= 0.5) approval[w.pop.group[i]]++;
    initialStance(w, i, L);
  }
  w.tables.M8.baselineClimate = at(w.tally.approvalExpressed, 0) / w.n;
}

/**
 * Updates agent i's legitimacy from what it sees among its contacts: of
 * `heard` contacts (not detained) `approve` state approval; `seenSanctioned`
 * is the (visibility-weighted) share of contacts listed or detained.
 */
export function updateApproval(
  w: World,
  i: number,
  approve: number,
  heard: number,
  seenSanctioned: number,
  defaulting: number,
): void {
  const p = w.params.approval;
  const st = w.state;
  const m8 = w.tables.M8;
  let L = st.legitimacy[i];
  const before = L >= 0.5 ? 1 : 0;
  // Contacts' climate of opinion, relative to the climate before the system acted.
  const climate = heard > 0 ? approve / heard - m8.baselineClimate : 0;
  const target = st.baseLegitimacy[i] + p.susceptibility * climate;
  L += p.rate * (target - L);
  L -= p.sanctionWeight * seenSanctioned;
  if (st.listed[i]) L -= p.ownSanctionLoss;
  // Fewer defaults met than the agent is used to: the benefit it experiences.
  const seen = heard > 0 ? defaulting / heard : st.defaultsSeen[i];
  L += p.benefitWeight * (st.defaultsSeen[i] - seen);
  st.defaultsSeen[i] += p.rate * (seen - st.defaultsSeen[i]);
  L = L < 0 ? 0 : L > 1 ? 1 : L;
  st.legitimacy[i] = L;
  const after = L >= 0.5 ? 1 : 0;
  if (after !== before) w.tally.approval[w.pop.group[i]] += after - before;
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { approval: approvalParams };

export const mechanism = defineMechanism({
  id: "M8",
  title: "Approval",
  article: {
    de: "Eine große Mehrheit der Chinesen befürwortet diese Entwicklung.",
    en: "A large majority of Chinese people approve of this development.",
  },
  params,
  columns: {
    legitimacy: col.f32(
      "Perceived legitimacy of the system, 0..1 (Epstein's L; private approval).",
    ),
    baseLegitimacy: col.f32("The agent's own initial view L0, to which it stays anchored."),
    defaultsSeen: col.f32(
      "The share of its contacts the agent is used to seeing default in a period (an average over its speech events).",
    ),
  },
  tallies: { approval: "Agents approving in private (L ≥ 0.5)." },
  draws: DRAWS,
  prepare: () => ({
    /** Share of agents stating approval at step 0: the climate of opinion change is measured against. */
    baselineClimate: 0,
  }),
  carries: ["baselineClimate"],
  metrics: {
    approval_private: share("approval", "Share approving in private (L ≥ 0.5).", {
      title: "Private approval",
      yLabel: "share of agents",
    }),
    approval_expressed: share(
      "approvalExpressed",
      "Share stating approval (sincere or falsified, M17).",
      { title: "Expressed approval", yLabel: "share of agents" },
    ),
  },
  steps: { init },
});

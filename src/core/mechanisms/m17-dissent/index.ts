import { z } from "zod";
import { at, atCell, metric, ratio, share } from "../../metrics/define.js";
import { int, num, prob } from "../../scenario/param.js";
import { SUBSYSTEMS } from "../../subsystems.js";
import { col } from "../../world/columns.js";
import type { WorldBase } from "../../world/world.js";
import { defineMechanism } from "../define.js";
import { running, runningOf } from "../m05-subsystems.js";
import { sanctionTables } from "../m11-sanctions.js";
import { DRAWS, RISK_UNIT } from "./draws.js";
import { protests } from "./protest.js";
import { speech } from "./speech.js";

/**
 * M17 — Silence in advance ("Totenstille"). Three published models decide
 * what agents say and do:
 *
 * - Epstein (2002), civil violence Model I: grievance G = H(1 − L) (hardship
 *   times illegitimacy) against net risk R·P (risk aversion times perceived
 *   sanction probability); an agent acts when G − R·P > T. Here: an agent with
 *   G > T privately dissents (latent dissent); it expresses dissent only when
 *   G − R·P > T as well.
 * - Kuran (1995), preference falsification: an agent who privately
 *   disapproves of the system (L < 0.5, M8) but whose net risk R·P exceeds
 *   `falsifyAbove` states approval; so expressed approval exceeds private
 *   approval where dissent is penalised.
 * - Granovetter (1978), threshold models of collective behaviour: in a
 *   protest episode of a region, an agent willing to act (G − R·P' > T, with
 *   the higher risk P' of protest) joins when the share of its contacts who
 *   protested the day before reaches its threshold; agents with threshold 0
 *   start it. Cascades can still break out when legitimacy drops.
 *
 * Perceived risk P is learned, not given: at each speech event it moves
 * (rate `learningRate`) toward 1 − exp(−(a·s + b·v)), s the share of contacts
 * seen sanctioned (listed, if the listing is known to contacts (M10), or
 * detained), v the surveillance the agent knows of: coverage × detection of
 * online speech, times the severity of political penalties, times the stakes
 * of a listing (the share of sanctions a political listing brings, which
 * grows with integration, M5); v is zero when political behaviour is not
 * scored (M2).
 */
export const dissentParams = z
  .strictObject({
    speechInterval: int(
      30,
      "Steps between an agent's political speech events, on its own day of the period; when it speaks it also listens to its contacts and updates its view",
      { min: 1, source: "monthly; modelling choice" },
    ),
    threshold: prob(0.1, "Epstein's threshold T", {
      shown: "0.1",
      source: "Epstein 2002, PNAS 99 suppl. 3 (Run 1)",
    }),
    contactsHeard: int(
      8,
      "Contacts an agent talks with at a speech event, whose stance and sanctions it sees",
      { min: 1, source: "modelling choice" },
    ),
    falsifyAbove: prob(
      0.05,
      "Net risk R·P above which an agent who disapproves states approval (Kuran)",
      { source: "modelling choice" },
    ),
    learningRate: prob(0.3, "Weight of new evidence in perceived risk per speech event", {
      source: "modelling choice",
    }),
    seenWeight: num(
      8,
      "a: weight of the share of contacts seen sanctioned for what they said (a known listing for expression, a detention)",
      { min: 0, source: "modelling choice" },
    ),
    surveillanceWeight: num(
      1.5,
      "b: weight of the surveillance the agent believes in (its belief that its criticism is detected, times the stakes of a political listing as it knows them)",
      { min: 0, source: "modelling choice" },
    ),
    priorRisk: prob(
      0,
      "Perceived risk of speaking out that has nothing to do with the scoring system (the same in every design)",
      { source: "modelling choice" },
    ),
    publishedWeight: prob(
      0.5,
      "With a public list (M10), the weight of what the published list shows (the share of agents listed for what they said) against what the agent sees among its contacts",
      {
        source:
          "modelling choice: public lists are read beyond one's contacts (names in cinemas, bus stops, a 'deadbeat map' of debtors within 500 metres, Global Times 2018, China Daily 2019)",
      },
    ),
    misattribution: prob(
      0,
      "Weight with which an agent takes a contact's known listing for something else (a debt) as punishment for speech: a documented misperception, off by default",
      { source: "modelling choice: no measured rate" },
    ),
    beliefStrength: num(
      4,
      "Pseudo-count of the agent's prior belief about detection: how many observations of its own speech it takes to move it halfway",
      { positive: true, source: "modelling choice" },
    ),
    referencePenalty: num(
      60,
      "Points per political record at which penalties count as fully severe",
      { positive: true, source: "modelling choice: the default negativeWeight of a record" },
    ),
    protest: z
      .strictObject({
        episodeRate: prob(
          1 / 60,
          "Probability per step that a protest episode starts in a region",
          { shown: "1/60", source: "modelling choice" },
        ),
        maxDays: int(5, "Longest episode in steps", { min: 1, source: "modelling choice" }),
        riskFactor: num(2, "Perceived risk of protest relative to speech", {
          min: 1,
          source: "modelling choice",
        }),
        threshold: prob(
          0.3,
          "Epstein's threshold T for protest, higher than for speech: taking to the street costs more than speaking",
          { source: "modelling choice" },
        ),
      })
      .prefault({}),
  })
  .describe(
    "M17: expression and protest decisions (Epstein, Kuran, Granovetter) with learned risk.",
  );

/**
 * The stakes of a political listing, 0..1: the share of sanctions it brings,
 * directly or (with probability `integration.level` per sharing sub-system)
 * by joint punishment (M5). Part of the surveillance agents know of.
 */
function stakesOfPoliticalListing(b: WorldBase): number {
  const { triggers, fromTier } = sanctionTables(b.params.sanctions);
  let political = 0;
  for (const k of runningOf(b.params.subsystems, b.params.political.subsystems))
    political |= 1 << k;
  let others = 0;
  for (const k of running(b.params.subsystems)) if (!(political & (1 << k))) others |= 1 << k;
  const level = b.params.integration.level;
  let sum = 0;
  for (let s = 0; s < triggers.length; s++) {
    const mask = triggers[s];
    if (fromTier[s] <= 3 || mask & political) sum += 1;
    else {
      let k = 0;
      for (let q = 0; q < SUBSYSTEMS.length; q++) if (mask & others & (1 << q)) k++;
      sum += 1 - (1 - level) ** k;
    }
  }
  return sum / triggers.length;
}

/**
 * How severe political penalties are, 0..1: the largest points per political
 * record over the referencePenalty; 0 when political behaviour is not scored (M2).
 */
function politicalSeverity(b: WorldBase): number {
  const subs = runningOf(b.params.subsystems, b.params.political.subsystems);
  if (!b.params.political.enabled || subs.length === 0) return 0;
  let v = 0;
  for (let s = 0; s < subs.length; s++) {
    v = Math.max(v, b.params.subsystems[SUBSYSTEMS[subs[s]]].negativeWeight);
  }
  return Math.min(1, v / b.params.dissent.referencePenalty);
}

function prepare(b: WorldBase) {
  const R = b.pop.regions;
  const n = b.n;
  // Agents with protest threshold 0, by region: the instigators of protest.
  const theta = b.pop.protestThreshold;
  const instigatorStart = new Int32Array(R + 1);
  for (let i = 0; i < n; i++) if (theta[i] <= 0) instigatorStart[b.pop.region[i] + 1]++;
  for (let r = 0; r < R; r++) instigatorStart[r + 1] += instigatorStart[r];
  const instigators = new Int32Array(instigatorStart[R]);
  const fill = instigatorStart.slice(0, R);
  for (let i = 0; i < n; i++) if (theta[i] <= 0) instigators[fill[b.pop.region[i]]++] = i;
  const stakes = stakesOfPoliticalListing(b);
  return {
    /** The stakes of a political listing (M5 integration), part of known surveillance. */
    politicalStakes: stakes,
    /** Known surveillance of online speech: severity × stakes × detection. */
    severity: politicalSeverity(b) * stakes * b.params.observation.online.detection,
    /** Protest episode day per region (0 = none). */
    episodeDay: new Int32Array(R),
    /** Protesters today per region. */
    protestToday: new Int32Array(R),
    /** Today's protesters, and how many. */
    protesters: new Int32Array(n),
    protesterCount: 0,
    instigatorStart,
    instigators,
    /** Scratch of the protest cascade: protesting contacts heard of, and the agents to decide. */
    heard: new Uint16Array(n),
    candidates: new Int32Array(n),
    /** Agents falsely matched to a filmed protester today (M7), recorded after the cascade. */
    matched: new Int32Array(n),
    matchedCount: 0,
  };
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { dissent: dissentParams };

export const mechanism = defineMechanism({
  id: "M17",
  title: "Dissent: expression and protest",
  article: {
    de: "Mit dem Sozialkredit-System perfektioniert der chinesische Staat die vollständige Überwachung des eigenen Volkes und erstickt demokratischen Protest bereits im Vorfeld. Totenstille wird hergestellt.",
    en: "With the social credit system the Chinese state perfects the complete surveillance of its own people and stifles democratic protest before it starts. Dead silence is produced.",
  },
  params,
  columns: {
    willing: col.u8(
      "1 when the agent is willing to protest (Epstein's rule with protest risk), as of its last speech event.",
    ),
    perceivedRisk: col.f32(
      "Perceived probability of sanction for dissent, learned, in units of 2^-24.",
    ),
    riskSanctions: col.f32(
      "The channel of perceived risk learned from contacts seen sanctioned for speech.",
    ),
    riskSurveillance: col.f32(
      "The channel of perceived risk from the surveillance the agent believes in.",
    ),
    speechDetected: col.f32(
      "Criticisms of the agent's own that it saw recorded (its belief in detection).",
    ),
    speechMissed: col.f32("Criticisms of the agent's own that went unrecorded."),
    silencedBy: col.u8(
      "Which channel alone keeps the agent silent, when it dissents privately (bits of SILENCED).",
    ),
    latent: col.u8("1 when the agent privately dissents: grievance above the threshold."),
    expressed: col.u8("1 when the agent's public stance is dissent."),
    approvalExpressed: col.u8(
      "1 when the agent's public stance is approval (sincere or falsified).",
    ),
    protest: col.u8("1 when the agent protests this step."),
  },
  tallies: {
    latent: "Agents who privately dissent.",
    expressed: "Agents who express dissent.",
    approvalExpressed: "Agents who state approval.",
    riskSum: "Sum of perceived risk, in units of 2^-24 (exact).",
    silencedBySanctions: "Latent dissenters that sanctions seen among contacts alone keep silent.",
    silencedBySurveillance:
      "Latent dissenters that the surveillance they believe in alone keeps silent.",
    silencedByPrior: "Latent dissenters that the prior fear alone keeps silent.",
    protest: "Agents protesting this step.",
  },
  counters: { posts: { doc: "Posts this step: online (cell 0), offline (cell 1).", size: 2 } },
  draws: DRAWS,
  prepare,
  carries: ["episodeDay"],
  indexes: ["protesters", "protesterCount"],
  metrics: {
    latent_dissent: share("latent", "Share who privately dissent.", {
      title: "Latent dissent",
      yLabel: "share of agents",
    }),
    expressed_dissent: share("expressed", "Share who express dissent.", {
      title: "Expressed dissent",
      yLabel: "share of agents",
    }),
    chilling: metric(
      "1 − expressed dissent / latent dissent: the share of dissent left unsaid.",
      (w, grp): number => {
        const latent = at(w.tally.latent, grp);
        return latent > 0 ? 1 - at(w.tally.expressed, grp) / latent : Number.NaN;
      },
      { title: "Chilling (dissent left unsaid)", yLabel: "1 − expressed / latent" },
    ),
    chilling_learned_sanctions: metric(
      "Share of latent dissenters kept silent by the sanctions for speech they have seen among contacts alone.",
      (w, grp): number => ratio(at(w.tally.silencedBySanctions, grp), at(w.tally.latent, grp)),
    ),
    chilling_surveillance_belief: metric(
      "Share of latent dissenters kept silent by the surveillance they believe in alone (announced, or seen on their own record).",
      (w, grp): number => ratio(at(w.tally.silencedBySurveillance, grp), at(w.tally.latent, grp)),
    ),
    chilling_prior: metric(
      "Share of latent dissenters kept silent by the prior fear alone (not the system's doing).",
      (w, grp): number => ratio(at(w.tally.silencedByPrior, grp), at(w.tally.latent, grp)),
    ),
    protest: share("protest", "Share of agents protesting this step.", {
      title: "Protest",
      yLabel: "share of agents",
    }),
    perceived_risk: metric("Mean perceived risk of speaking out.", (w, grp): number =>
      ratio(at(w.tally.riskSum, grp) / RISK_UNIT, at(w.tally.agents, grp)),
    ),
    online_posts: metric("Posts made online this step.", (w, grp): number =>
      atCell(w.count.posts, 0, w.G, grp),
    ),
    offline_posts: metric(
      "Posts made offline this step (also by agents denied social media).",
      (w, grp): number => atCell(w.count.posts, 1, w.G, grp),
    ),
  },
  steps: { speech, protests },
});

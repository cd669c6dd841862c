import { z } from "zod";
import type { ScsModel } from "../model.js";
import { STREAM } from "../rng/streams.js";
import { unit } from "../schedule.js";
import { PUB } from "../state.js";
import { SANCTION } from "../subsystems.js";
import { TALLY } from "../tally.js";
import { recordPolitical } from "./m02-political-data.js";
import { cameraCoverage, falseMatch } from "./m07-observation.js";
import { updateApproval } from "./m08-approval.js";
import { attempt } from "./m11-sanctions.js";
import { isTargeted } from "./m13-targeted-group.js";
import { setStance } from "./m15-detention.js";

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
    speechInterval: z
      .number()
      .int()
      .min(1)
      .default(30)
      .describe(
        "Steps between an agent's political speech events, on its own day of the period; when it speaks it also listens to its contacts and updates its view (default 30: monthly; modelling choice).",
      ),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe("Epstein's threshold T (default 0.1, as Epstein 2002)."),
    contactsHeard: z
      .number()
      .int()
      .min(1)
      .default(8)
      .describe(
        "Contacts an agent talks with at a speech event, whose stance and sanctions it sees (default 8; modelling choice).",
      ),
    falsifyAbove: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        "Net risk R·P above which an agent who disapproves states approval (Kuran) (default 0.05; modelling choice).",
      ),
    learningRate: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .describe(
        "Weight of new evidence in perceived risk per speech event (default 0.3; modelling choice).",
      ),
    seenWeight: z
      .number()
      .min(0)
      .default(8)
      .describe(
        "a: weight of the share of contacts seen sanctioned (default 8; modelling choice).",
      ),
    surveillanceWeight: z
      .number()
      .min(0)
      .default(1.5)
      .describe("b: weight of known surveillance (default 1.5; modelling choice)."),
    referencePenalty: z
      .number()
      .positive()
      .default(60)
      .describe(
        "Points per political record at which penalties count as fully severe (default 60).",
      ),
    protest: z
      .strictObject({
        episodeRate: z
          .number()
          .min(0)
          .max(1)
          .default(1 / 60)
          .describe(
            "Probability per step that a protest episode starts in a region (default 1/60; modelling choice).",
          ),
        maxDays: z
          .number()
          .int()
          .min(1)
          .default(5)
          .describe("Longest episode in steps (default 5)."),
        riskFactor: z
          .number()
          .min(1)
          .default(2)
          .describe("Perceived risk of protest relative to speech (default 2; modelling choice)."),
        threshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.3)
          .describe(
            "Epstein's threshold T for protest, higher than for speech: taking to the street costs more than speaking (default 0.3; modelling choice).",
          ),
      })
      .prefault({}),
  })
  .describe(
    "M17: expression and protest decisions (Epstein, Kuran, Granovetter) with learned risk.",
  );

/** Resolution of perceived risk: 2^24 units (integers below 2^53 sum exactly). */
export const RISK_UNIT = 2 ** 24;

/** Speech events of this step: learn, update approval, decide, speak, be observed. */
export function speech(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.dissent;
  const obs = m.scenario.mechanisms.observation;
  const st = m.state;
  const { offsets, targets } = m.graph;
  const active = m.edgeActive;
  const pub = st.prevPub;
  const G = m.tally.groups;
  const tv = m.tally.v;
  const onlineShare = m.scenario.mechanisms.sanctions.social_media.demand;
  // Each agent speaks on its own day of the period (agents i ≡ t mod the interval).
  const count = m.cohort(t, p.speechInterval);
  const ids = m.ids;
  const w = m.gather(STREAM.behaviour, t, count);
  // Known surveillance of online speech: coverage × detection × severity of political penalties.
  const severity = m.politicalSeverity() * m.politicalStakes * obs.online.detection;
  const onlineCoverage = obs.online.coverage;
  const riskFactor = p.protest.riskFactor;
  const protestThreshold = p.protest.threshold;
  const heardMax = p.contactsHeard;

  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.detained[i]) continue;
    const g = m.pop.group[i];

    // What the agent sees among the contacts it talks with (as of the previous
    // step): up to `contactsHeard` of them, evenly spaced from a random start.
    let contacts = 0;
    let sanctioned = 0;
    let approve = 0;
    let detainedContacts = 0;
    const row = offsets[i];
    const deg = offsets[i + 1] - row;
    const k = deg < heardMax ? deg : heardMax;
    const start = Math.floor(unit(w[o + 3]) * deg);
    for (let q = 0; q < k; q++) {
      let e = start + Math.floor((q * deg) / k);
      if (e >= deg) e -= deg;
      e += row;
      if (!active[e]) continue;
      const f = pub[targets[e]];
      contacts++;
      if (f & PUB.detained) {
        sanctioned++;
        detainedContacts++;
        continue;
      }
      if (f & PUB.knownListed) sanctioned++;
      approve += (f >> 3) & 1;
    }
    const seen = contacts > 0 ? sanctioned / contacts : 0;

    // Perceived risk, learned (M17).
    const known =
      severity > 0 && m.covered[i] ? Math.min(1, onlineCoverage * m.survFactor[i]) * severity : 0;
    const target = 1 - Math.exp(-(p.seenWeight * seen + p.surveillanceWeight * known));
    // Held in units of 2^-24 (exact in a float32), so the tally's sum is exact in any order.
    const P0 = st.perceivedRisk[i];
    const P = Math.round((P0 + p.learningRate * (target - P0)) * RISK_UNIT) / RISK_UNIT;
    st.perceivedRisk[i] = P;
    tv[TALLY.riskSum * G + g] += (P - P0) * RISK_UNIT;

    // Private approval (M8).
    updateApproval(m, i, approve, contacts - detainedContacts, seen);

    // Grievance and decision (Epstein, Kuran).
    const L = st.legitimacy[i];
    const grievance = m.pop.hardship[i] * (1 - L);
    const latent = grievance > p.threshold ? 1 : 0;
    if (latent !== st.latent[i]) {
      tv[TALLY.latent * G + g] += latent - st.latent[i];
      st.latent[i] = latent;
    }
    const netRisk = m.pop.riskAversion[i] * P;
    const dissentSaid = latent && grievance - netRisk > p.threshold ? 1 : 0;
    // Kuran: an agent who privately disapproves but fears the net risk states approval.
    const approvalSaid = L >= 0.5 || netRisk > p.falsifyAbove ? 1 : 0;
    setStance(m, i, dissentSaid, approvalSaid);
    st.willing[i] =
      grievance - m.pop.riskAversion[i] * Math.min(1, riskFactor * P) > protestThreshold ? 1 : 0;

    // The speech act: online unless social media is denied (M11), then offline.
    let online = unit(w[o + 1]) < onlineShare;
    if (online && attempt(m, i, g, SANCTION.social_media, 1)) online = false;
    m.countPost(g, online);
    const ch = online ? obs.online : obs.offline;
    const seenBy = Math.min(1, ch.coverage * m.survFactor[i]);
    if (dissentSaid) {
      st.lastViolation[i] = t;
      if (unit(w[o + 2]) < seenBy * ch.detection) recordPolitical(m, i, t, 1);
    } else if (unit(w[o + 2]) < seenBy * ch.falsePositive * m.errorFactor[g]) {
      recordPolitical(m, i, t, 1);
    }
  }
}

/** Epstein's rule for protest, with its higher risk and threshold: G − R·min(1, f·P) > T_protest. */
export function willingToProtest(m: ScsModel, i: number): boolean {
  const p = m.scenario.mechanisms.dissent.protest;
  const st = m.state;
  const grievance = m.pop.hardship[i] * (1 - st.legitimacy[i]);
  const risk = Math.min(1, p.riskFactor * st.perceivedRisk[i]);
  return grievance - m.pop.riskAversion[i] * risk > p.threshold;
}

/**
 * Protest episodes (Granovetter thresholds over contacts, Epstein's rule for
 * willingness), observed by cameras (M7) and scored (M2).
 */
export function protests(m: ScsModel, t: number): void {
  const p = m.scenario.mechanisms.dissent;
  const pp = p.protest;
  const st = m.state;
  const G = m.tally.groups;
  const tv = m.tally.v;
  const { offsets, targets } = m.graph;
  const active = m.edgeActive;
  const heard = m.heard;
  const cand = m.candidates;
  let nc = 0;
  // Yesterday's protesters tell their contacts (push, so the work is
  // proportional to protest, not to population), then stop: today is decided afresh.
  for (let k = 0; k < m.protesterCount; k++) {
    const i = m.protesters[k];
    // Detained since (M15): its contacts no longer count it, as the share's denominator does not.
    if (!st.protest[i]) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!active[e]) continue;
      const c = targets[e];
      if (heard[c] === 0) cand[nc++] = c;
      heard[c]++;
    }
    st.protest[i] = 0;
    tv[TALLY.protest * G + m.pop.group[i]]--;
  }
  m.protesterCount = 0;
  const rng = m.stream(STREAM.protest);
  const R = m.pop.regions;
  const day = m.episodeDay;
  const today = m.protestToday;
  for (let r = 0; r < R; r++) {
    today[r] = 0;
    if (day[r] === 0 && pp.episodeRate > 0 && rng.u01(t, r, 0) < pp.episodeRate) day[r] = 1;
    // Those with threshold 0 need nobody: they can start an episode.
    if (day[r] === 0) continue;
    for (let a = m.instigatorStart[r]; a < m.instigatorStart[r + 1]; a++) {
      const i = m.instigators[a];
      if (heard[i] === 0) cand[nc++] = i;
    }
  }
  const pub = st.prevPub;
  const cams = m.scenario.mechanisms.observation.cameras;
  const targeted = m.scenario.mechanisms.targeted;
  const weight = m.scenario.mechanisms.political.protestWeight;
  const region = m.pop.region;
  for (let k = 0; k < nc; k++) {
    const i = cand[k];
    const h = heard[i];
    heard[i] = 0;
    const r = region[i];
    if (day[r] === 0 || !st.willing[i] || st.detained[i]) continue;
    let contacts = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (active[e] && !(pub[targets[e]] & PUB.detained)) contacts++;
    }
    const share = contacts > 0 ? h / contacts : 0;
    if (share < m.pop.protestThreshold[i]) continue;
    // Protest: a true violation in the system's terms, filmed with some probability.
    st.protest[i] = 1;
    tv[TALLY.protest * G + m.pop.group[i]]++;
    m.protesters[m.protesterCount++] = i;
    today[r]++;
    st.lastViolation[i] = t;
    const inView = Math.min(1, cameraCoverage(m, r) * m.survFactor[i]);
    const detect =
      targeted.biometricCapture && isTargeted(m, i) ? targeted.biometricDetection : cams.detection;
    if (rng.u01(t, i, 1) < inView * detect) {
      recordPolitical(m, i, t, weight);
      const v = falseMatch(m, r, i, rng.u01(t, i, 2), rng.u01(t, i, 3));
      if (v >= 0) recordPolitical(m, v, t, weight);
    }
  }
  for (let r = 0; r < R; r++) {
    if (day[r] === 0) continue;
    day[r] = today[r] === 0 || day[r] >= pp.maxDays ? 0 : day[r] + 1;
  }
}

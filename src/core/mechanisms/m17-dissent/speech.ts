import { at } from "../../metrics/define.js";
import { unit } from "../../schedule.js";
import { SANCTION } from "../../subsystems.js";
import { PUB } from "../../world/public-flags.js";
import type { World } from "../../world/world.js";
import { recordPolitical } from "../m02-political-data.js";
import { updateApproval } from "../m08-approval.js";
import { attempt } from "../m11-sanctions.js";
import { DRAWS, RISK_UNIT, SILENCED } from "./draws.js";
import { setStance } from "./stance.js";

/**
 * Speech events of this step: the agent listens to its contacts, learns the
 * risk of speaking out from what it can observe, updates its approval,
 * decides what to say, says it (online unless social media is denied), and
 * is or is not observed.
 *
 * The perceived risk P of speaking out combines, independently, a prior fear
 * that has nothing to do with the system (`priorRisk`) and two learned
 * channels, each moved toward its evidence at `learningRate`:
 *
 * - sanctions seen: 1 − exp(−a·s), s the share of the contacts it talks with
 *   who are known to be listed for what they said, or detained (a debt
 *   listing is evidence only through the documented misperception weight
 *   `misattribution`), mixed, where the list is public, with what the
 *   published list shows: the share of all agents listed for what they said
 *   (weight `publishedWeight`);
 * - surveillance believed: 1 − exp(−b·d̂·S), d̂ its belief that its criticism
 *   is detected — a Beta belief that starts at the announced detection when
 *   the state announces monitoring (M2 `announced`), at nothing otherwise,
 *   and moves with its own experience (its own score shows whether a
 *   criticism was recorded) — and S the stakes of a political listing, as it
 *   knows them (announced, or seen on its own record).
 *
 * A latent dissenter who stays silent is counted as silenced by a channel
 * when that channel alone would have kept it silent.
 */
export function speech(w: World, t: number): void {
  const p = w.params.dissent;
  const obs = w.params.observation;
  const pol = w.params.political;
  const st = w.state;
  const { offsets, targets } = w.graph;
  const active = st.edgeActive;
  const pub = w.pub;
  const tally = w.tally;
  const onlineShare = w.params.sanctions.social_media.demand;
  const survFactor = w.tables.M13.factor;
  const errorFactor = w.tables.M7.errorFactor;
  const stakes = w.tables.M17.severity;
  const count = w.sched.cohort(t, p.speechInterval);
  const ids = w.sched.ids;
  const wd = w.rng.gather(DRAWS.speech, t, count);
  const L = DRAWS.speech.lanes;
  const lr = p.learningRate;
  const announced = pol.enabled && pol.announced;
  const prior = announced ? pol.announcedDetection : 0;
  const strength = p.beliefStrength;
  const riskFactor = p.protest.riskFactor;
  const protestThreshold = p.protest.threshold;
  const heardMax = p.contactsHeard;
  const since = t - w.params.financial.statementInterval;
  // A public list is read beyond one's contacts: the share listed for what they said, as it
  // stands when this step's speech begins (the same for every speaker, whatever the order).
  const published =
    w.params.visibility.list === "public"
      ? (at(tally.listedForExpression, 0) / w.n) * p.publishedWeight
      : 0;
  const fromContacts = 1 - (w.params.visibility.list === "public" ? p.publishedWeight : 0);
  const lastDefault = st.lastDefault;

  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.detained[i]) continue;
    const g = w.pop.group[i];

    // What the agent sees among the contacts it talks with (as of the previous
    // step): up to `contactsHeard` of them, evenly spaced from a random start.
    let contacts = 0;
    let forSpeech = 0;
    let otherListed = 0;
    let approve = 0;
    let detainedContacts = 0;
    let defaulting = 0;
    const row = offsets[i];
    const deg = offsets[i + 1] - row;
    const k = deg < heardMax ? deg : heardMax;
    const start = Math.floor(unit(wd[o + L.firstContact]) * deg);
    for (let q = 0; q < k; q++) {
      let e = start + Math.floor((q * deg) / k);
      if (e >= deg) e -= deg;
      e += row;
      if (!active[e]) continue;
      const c = targets[e];
      const f = pub[c];
      contacts++;
      if (f & PUB.detained) {
        forSpeech++;
        detainedContacts++;
        continue;
      }
      if (f & PUB.knownForExpression) forSpeech++;
      else if (f & PUB.knownListed) otherListed++;
      approve += (f >> 3) & 1;
      // Defaults of this step's statements (M1 runs before speech): the same whatever the order.
      if (lastDefault[c] > since) defaulting++;
    }
    const seen =
      fromContacts * (contacts > 0 ? (forSpeech + p.misattribution * otherListed) / contacts : 0) +
      published;

    // The two learned channels of perceived risk.
    const detected = st.speechDetected[i];
    const missed = st.speechMissed[i];
    const belief = (prior * strength + detected) / (strength + detected + missed);
    const knowsStakes = announced || detected > 0;
    const surveillance = st.covered[i] && knowsStakes ? belief * stakes : 0;
    const Ps =
      st.riskSanctions[i] + lr * (1 - Math.exp(-p.seenWeight * seen) - st.riskSanctions[i]);
    const Pv =
      st.riskSurveillance[i] +
      lr * (1 - Math.exp(-p.surveillanceWeight * surveillance) - st.riskSurveillance[i]);
    st.riskSanctions[i] = Ps;
    st.riskSurveillance[i] = Pv;
    const keep = 1 - p.priorRisk;
    // Held in units of 2^-24 (exact in a float32), so the tally's sum is exact in any order.
    const P0 = st.perceivedRisk[i];
    const P = Math.round((1 - keep * (1 - Ps) * (1 - Pv)) * RISK_UNIT) / RISK_UNIT;
    st.perceivedRisk[i] = P;
    tally.riskSum[g] += (P - P0) * RISK_UNIT;

    // Private approval (M8): sanctions for speech and defaults seen among contacts.
    updateApproval(
      w,
      i,
      approve,
      contacts - detainedContacts,
      contacts > 0 ? forSpeech / contacts : 0,
      defaulting,
    );

    // Grievance and decision (Epstein, Kuran).
    const Li = st.legitimacy[i];
    const grievance = w.pop.hardship[i] * (1 - Li);
    const latent = grievance > p.threshold ? 1 : 0;
    if (latent !== st.latent[i]) {
      tally.latent[g] += latent - st.latent[i];
      st.latent[i] = latent;
    }
    const R = w.pop.riskAversion[i];
    const netRisk = R * P;
    const dissentSaid = latent && grievance - netRisk > p.threshold ? 1 : 0;
    // Kuran: an agent who privately disapproves but fears the net risk states approval.
    const approvalSaid = Li >= 0.5 || netRisk > p.falsifyAbove ? 1 : 0;
    setStance(w, i, dissentSaid, approvalSaid);
    st.willing[i] = grievance - R * Math.min(1, riskFactor * P) > protestThreshold ? 1 : 0;

    // Which channel alone would have kept a latent dissenter silent.
    let silenced = 0;
    if (latent && !dissentSaid) {
      if (grievance - R * (1 - keep * (1 - Ps)) <= p.threshold) silenced |= SILENCED.sanctions;
      if (grievance - R * (1 - keep * (1 - Pv)) <= p.threshold) silenced |= SILENCED.surveillance;
      if (grievance - R * p.priorRisk <= p.threshold) silenced |= SILENCED.prior;
    }
    setSilenced(w, i, g, silenced);

    // The speech act: online unless social media is denied (M11), then offline.
    let online = unit(wd[o + L.online]) < onlineShare;
    if (online && attempt(w, i, g, SANCTION.social_media, 1)) online = false;
    w.count.posts[(online ? 0 : 1) * w.G + g]++;
    const ch = online ? obs.online : obs.offline;
    const seenBy = Math.min(1, ch.coverage * survFactor[i]);
    if (dissentSaid) {
      st.lastViolation[i] = t;
      // The agent sees on its own score whether its criticism was recorded.
      if (unit(wd[o + L.observed]) < seenBy * ch.detection && pol.enabled && st.covered[i]) {
        st.speechDetected[i] = detected + 1;
        recordPolitical(w, i, t, 1, false);
      } else st.speechMissed[i] = missed + 1;
    } else if (unit(wd[o + L.observed]) < seenBy * ch.falsePositive * errorFactor[g]) {
      recordPolitical(w, i, t, 1, true);
    }
  }
}

/** Sets which channels alone silence agent i, keeping their tallies. */
function setSilenced(w: World, i: number, g: number, bits: number): void {
  const before = w.state.silencedBy[i];
  if (before === bits) return;
  const t = w.tally;
  if ((before ^ bits) & SILENCED.sanctions)
    t.silencedBySanctions[g] += bits & SILENCED.sanctions ? 1 : -1;
  if ((before ^ bits) & SILENCED.surveillance)
    t.silencedBySurveillance[g] += bits & SILENCED.surveillance ? 1 : -1;
  if ((before ^ bits) & SILENCED.prior) t.silencedByPrior[g] += bits & SILENCED.prior ? 1 : -1;
  w.state.silencedBy[i] = bits;
}

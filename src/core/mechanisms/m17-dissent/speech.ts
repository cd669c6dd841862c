import { unit } from "../../schedule.js";
import { SANCTION } from "../../subsystems.js";
import { PUB } from "../../world/public-flags.js";
import type { World } from "../../world/world.js";
import { recordPolitical } from "../m02-political-data.js";
import { updateApproval } from "../m08-approval.js";
import { attempt } from "../m11-sanctions.js";
import { DRAWS, RISK_UNIT } from "./draws.js";
import { setStance } from "./stance.js";

/** Speech events of this step: learn, update approval, decide, speak, be observed. */
export function speech(w: World, t: number): void {
  const p = w.params.dissent;
  const obs = w.params.observation;
  const st = w.state;
  const { offsets, targets } = w.graph;
  const active = st.edgeActive;
  const pub = w.pub;
  const tally = w.tally;
  const onlineShare = w.params.sanctions.social_media.demand;
  const survFactor = w.tables.M13.factor;
  const errorFactor = w.tables.M7.errorFactor;
  // Each agent speaks on its own day of the period.
  const count = w.sched.cohort(t, p.speechInterval);
  const ids = w.sched.ids;
  const wd = w.rng.gather(DRAWS.speech, t, count);
  const L = DRAWS.speech.lanes;
  // Known surveillance of online speech: coverage × detection × severity of political penalties.
  const severity = w.tables.M17.severity;
  const onlineCoverage = obs.online.coverage;
  const riskFactor = p.protest.riskFactor;
  const protestThreshold = p.protest.threshold;
  const heardMax = p.contactsHeard;

  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    if (st.detained[i]) continue;
    const g = w.pop.group[i];

    // What the agent sees among the contacts it talks with (as of the previous
    // step): up to `contactsHeard` of them, evenly spaced from a random start.
    let contacts = 0;
    let sanctioned = 0;
    let approve = 0;
    let detainedContacts = 0;
    const row = offsets[i];
    const deg = offsets[i + 1] - row;
    const k = deg < heardMax ? deg : heardMax;
    const start = Math.floor(unit(wd[o + L.firstContact]) * deg);
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

    // Perceived risk, learned.
    const known =
      severity > 0 && st.covered[i] ? Math.min(1, onlineCoverage * survFactor[i]) * severity : 0;
    const target = 1 - Math.exp(-(p.seenWeight * seen + p.surveillanceWeight * known));
    // Held in units of 2^-24 (exact in a float32), so the tally's sum is exact in any order.
    const P0 = st.perceivedRisk[i];
    const P = Math.round((P0 + p.learningRate * (target - P0)) * RISK_UNIT) / RISK_UNIT;
    st.perceivedRisk[i] = P;
    tally.riskSum[g] += (P - P0) * RISK_UNIT;

    // Private approval (M8).
    updateApproval(w, i, approve, contacts - detainedContacts, seen);

    // Grievance and decision (Epstein, Kuran).
    const Li = st.legitimacy[i];
    const grievance = w.pop.hardship[i] * (1 - Li);
    const latent = grievance > p.threshold ? 1 : 0;
    if (latent !== st.latent[i]) {
      tally.latent[g] += latent - st.latent[i];
      st.latent[i] = latent;
    }
    const netRisk = w.pop.riskAversion[i] * P;
    const dissentSaid = latent && grievance - netRisk > p.threshold ? 1 : 0;
    // Kuran: an agent who privately disapproves but fears the net risk states approval.
    const approvalSaid = Li >= 0.5 || netRisk > p.falsifyAbove ? 1 : 0;
    setStance(w, i, dissentSaid, approvalSaid);
    st.willing[i] =
      grievance - w.pop.riskAversion[i] * Math.min(1, riskFactor * P) > protestThreshold ? 1 : 0;

    // The speech act: online unless social media is denied (M11), then offline.
    let online = unit(wd[o + L.online]) < onlineShare;
    if (online && attempt(w, i, g, SANCTION.social_media, 1)) online = false;
    w.count.posts[(online ? 0 : 1) * w.G + g]++;
    const ch = online ? obs.online : obs.offline;
    const seenBy = Math.min(1, ch.coverage * survFactor[i]);
    if (dissentSaid) {
      st.lastViolation[i] = t;
      if (unit(wd[o + L.observed]) < seenBy * ch.detection) recordPolitical(w, i, t, 1);
    } else if (unit(wd[o + L.observed]) < seenBy * ch.falsePositive * errorFactor[g]) {
      recordPolitical(w, i, t, 1);
    }
  }
}

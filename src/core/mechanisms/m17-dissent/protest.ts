import { PUB } from "../../world/public-flags.js";
import type { World } from "../../world/world.js";
import { recordPolitical } from "../m02-political-data.js";
import { cameraCoverage, falseMatch } from "../m07-observation.js";
import { isTargeted } from "../m13-targeted-group.js";
import { DRAWS } from "./draws.js";

/**
 * Protest episodes (Granovetter thresholds over contacts, Epstein's rule for
 * willingness), observed by cameras (M7) and scored (M2).
 */
export function protests(w: World, t: number): void {
  const p = w.params.dissent;
  const pp = p.protest;
  const st = w.state;
  const tally = w.tally;
  const group = w.pop.group;
  const { offsets, targets } = w.graph;
  const active = st.edgeActive;
  const m17 = w.tables.M17;
  const heard = m17.heard;
  const cand = m17.candidates;
  const protesters = m17.protesters;
  let nc = 0;
  // Yesterday's protesters tell their contacts (push, so the work is
  // proportional to protest, not to population), then stop: today is decided afresh.
  for (let k = 0; k < m17.protesterCount; k++) {
    const i = protesters[k];
    // Detained since (M15): its contacts no longer count it, as the share's denominator does not.
    if (!st.protest[i]) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!active[e]) continue;
      const c = targets[e];
      if (heard[c] === 0) cand[nc++] = c;
      heard[c]++;
    }
    st.protest[i] = 0;
    tally.protest[group[i]]--;
  }
  m17.protesterCount = 0;
  const episodes = w.rng.stream(DRAWS.episode);
  const filmed = w.rng.stream(DRAWS.filmed);
  const R = w.pop.regions;
  const day = m17.episodeDay;
  const today = m17.protestToday;
  for (let r = 0; r < R; r++) {
    today[r] = 0;
    if (day[r] === 0 && pp.episodeRate > 0 && episodes.u01(t, r, 0) < pp.episodeRate) day[r] = 1;
    // Those with threshold 0 need nobody: they can start an episode.
    if (day[r] === 0) continue;
    for (let a = m17.instigatorStart[r]; a < m17.instigatorStart[r + 1]; a++) {
      const i = m17.instigators[a];
      if (heard[i] === 0) cand[nc++] = i;
    }
  }
  const pub = w.pub;
  const cams = w.params.observation.cameras;
  const targeted = w.params.targeted;
  const weight = w.params.political.protestWeight;
  const region = w.pop.region;
  const survFactor = w.tables.M13.factor;
  const reverse = w.sched.reverseOrder;
  for (let q = 0; q < nc; q++) {
    const i = cand[reverse ? nc - 1 - q : q];
    const h = heard[i];
    heard[i] = 0;
    const r = region[i];
    if (day[r] === 0 || !st.willing[i] || st.detained[i]) continue;
    let contacts = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (active[e] && !(pub[targets[e]] & PUB.detained)) contacts++;
    }
    const share = contacts > 0 ? h / contacts : 0;
    if (share < w.pop.protestThreshold[i]) continue;
    // Protest: a true violation in the system's terms, filmed with some probability.
    st.protest[i] = 1;
    tally.protest[group[i]]++;
    protesters[m17.protesterCount++] = i;
    today[r]++;
    st.lastViolation[i] = t;
    const inView = Math.min(1, cameraCoverage(w, r) * survFactor[i]);
    const detect =
      targeted.biometricCapture && isTargeted(w, i) ? targeted.biometricDetection : cams.detection;
    if (filmed.u01(t, i, 1) < inView * detect) {
      recordPolitical(w, i, t, weight, false);
      const v = falseMatch(w, r, i, filmed.u01(t, i, 2), filmed.u01(t, i, 3));
      // Recorded after every candidate has decided: a false match could otherwise
      // detain a candidate not yet visited, and the result would depend on the order.
      if (v >= 0) m17.matched[m17.matchedCount++] = v;
    }
  }
  const matched = m17.matched;
  const nm = m17.matchedCount;
  // In ascending order of agent (insertion sort: a handful a day), whatever the visiting order.
  for (let a = 1; a < nm; a++) {
    const v = matched[a];
    let b = a - 1;
    while (b >= 0 && matched[b] > v) {
      matched[b + 1] = matched[b];
      b--;
    }
    matched[b + 1] = v;
  }
  for (let a = 0; a < nm; a++) recordPolitical(w, matched[a], t, weight, true);
  m17.matchedCount = 0;
  for (let r = 0; r < R; r++) {
    if (day[r] === 0) continue;
    day[r] = today[r] === 0 || day[r] >= pp.maxDays ? 0 : day[r] + 1;
  }
}

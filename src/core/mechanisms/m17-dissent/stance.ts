/**
 * What an agent says in public (M17's stance: dissent, approval) and whether
 * it is willing to protest, with the tallies kept exact. A module of its own,
 * so that detention (M15) can silence an agent without depending on speech.
 */
import type { World } from "../../world/world.js";

/** Sets an agent's public stance (dissent, approval) and keeps the tallies. */
export function setStance(w: World, i: number, dissent: number, approval: number): void {
  const st = w.state;
  const g = w.pop.group[i];
  if (st.expressed[i] !== dissent) {
    w.tally.expressed[g] += dissent - st.expressed[i];
    st.expressed[i] = dissent;
  }
  if (st.approvalExpressed[i] !== approval) {
    w.tally.approvalExpressed[g] += approval - st.approvalExpressed[i];
    st.approvalExpressed[i] = approval;
  }
}

/** Epstein's rule for protest, with its higher risk and threshold: G − R·min(1, f·P) > T_protest. */
export function willingToProtest(w: World, i: number): boolean {
  const p = w.params.dissent.protest;
  const st = w.state;
  const grievance = w.pop.hardship[i] * (1 - st.legitimacy[i]);
  const risk = Math.min(1, p.riskFactor * st.perceivedRisk[i]);
  return grievance - w.pop.riskAversion[i] * risk > p.threshold;
}

/**
 * The stance of agent i before step 1, from its initial legitimacy L: it
 * privately dissents when its grievance exceeds the threshold and, before
 * anyone has seen a sanction, says what it thinks.
 */
export function initialStance(w: World, i: number, L: number): void {
  const st = w.state;
  const g = w.pop.group[i];
  const latent = w.pop.hardship[i] * (1 - L) > w.params.dissent.threshold ? 1 : 0;
  st.latent[i] = latent;
  w.tally.latent[g] += latent;
  st.expressed[i] = latent;
  st.approvalExpressed[i] = L >= 0.5 ? 1 : 0;
  w.tally.expressed[g] += st.expressed[i];
  w.tally.approvalExpressed[g] += st.approvalExpressed[i];
  st.willing[i] = willingToProtest(w, i) ? 1 : 0;
}

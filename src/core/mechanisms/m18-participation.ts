import { z } from "zod";
import { share } from "../metrics/define.js";
import { STREAM } from "../rng/streams.js";
import { bool, int, num, prob } from "../scenario/param.js";
import { NEVER, nextAfter, unit } from "../schedule.js";
import { col } from "../world/columns.js";
import type { World } from "../world/world.js";
import { defineMechanism } from "./define.js";
import { changeCoverage, regionCovered } from "./m04-pilot-regions.js";
import { rescore } from "./m05-subsystems.js";

/**
 * M18 — First voluntary ("freiwillig Sozialpunkte sammeln"), later compulsory
 * (a reader's comment under the article). Before `mandateStep` an agent that
 * does not take part reconsiders at rate `decisionRate` and joins with
 * probability logistic(base + conformityWeight·conformity + peerWeight·share
 * of contacts taking part + privilegeWeight·[privileges exist]): a social
 * contagion, so participation grows in an S-shape. From `mandateStep` on
 * everyone takes part. Only participants are covered by the system.
 */
export const participationParams = z
  .strictObject({
    enabled: bool(false, "Voluntary participation until the mandate", {
      source: "everyone takes part from the start",
    }),
    initialShare: prob(0.02, "Share taking part at step 0", { source: "modelling choice" }),
    mandateStep: int(240, "Step from which participation is compulsory", {
      min: 0,
      source: "design: the modelled system sets it, each preset its own",
    }),
    decisionRate: prob(1 / 14, "Reconsiderations per non-participant per step", {
      shown: "1/14",
      source: "modelling choice",
    }),
    base: num(-5, "Logit of joining with no reason to", {
      shown: "−5",
      source: "modelling choice",
    }),
    conformityWeight: num(2, "Logit weight of conformity", { source: "modelling choice" }),
    peerWeight: num(8, "Logit weight of the share of contacts taking part: the contagion", {
      source: "modelling choice",
    }),
    privilegeWeight: num(1, "Logit weight of top-tier privileges existing", {
      source: "modelling choice",
    }),
  })
  .describe("M18: voluntary, then mandatory participation.");

const DRAWS = {
  initial: {
    stream: STREAM.participation,
    at: "init",
    block: 0,
    lanes: { joined: 0, next: 1 },
    doc: "Whether the agent takes part at step 0, and when it first reconsiders.",
  },
  decide: {
    stream: STREAM.participation,
    at: "step",
    block: 0,
    lanes: { next: 0, join: 1 },
    doc: "A reconsideration: when the next one comes, and whether the agent joins.",
  },
} as const;

function init(w: World): void {
  const p = w.params.participation;
  const st = w.state;
  const words = w.rng.fill(DRAWS.initial, 0);
  const L = DRAWS.initial.lanes;
  const tally = w.tally.participating;
  for (let i = 0; i < w.n; i++) {
    const on =
      !p.enabled || p.mandateStep <= 0 || unit(words[4 * i + L.joined]) < p.initialShare ? 1 : 0;
    st.participating[i] = on;
    tally[w.pop.group[i]] += on;
    st.nextParticipation[i] =
      p.enabled && !on ? nextAfter(0, unit(words[4 * i + L.next]), p.decisionRate) : NEVER;
  }
}

function participation(w: World, t: number): void {
  const p = w.params.participation;
  if (!p.enabled) return;
  const st = w.state;
  const tally = w.tally.participating;
  if (t === p.mandateStep) {
    for (let i = 0; i < w.n; i++) {
      if (st.participating[i]) continue;
      st.participating[i] = 1;
      st.nextParticipation[i] = NEVER;
      tally[w.pop.group[i]]++;
    }
    changeCoverage(w, t);
    return;
  }
  if (t > p.mandateStep) return;
  const count = w.sched.collect(st.nextParticipation, t);
  const ids = w.sched.ids;
  const wd = w.rng.gather(DRAWS.decide, t, count);
  const L = DRAWS.decide.lanes;
  const { offsets, targets } = w.graph;
  const pub = w.pub;
  const active = st.edgeActive;
  const priv = w.params.tiers.privileges ? 1 : 0;
  for (let j = 0; j < count; j++) {
    const i = ids[j];
    const o = j << 2;
    let contacts = 0;
    let part = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!active[e]) continue;
      contacts++;
      part += (pub[targets[e]] >> 5) & 1;
    }
    const share = contacts > 0 ? part / contacts : 0;
    const logit =
      p.base +
      p.conformityWeight * w.pop.conformity[i] +
      p.peerWeight * share +
      p.privilegeWeight * priv;
    if (unit(wd[o + L.join]) < 1 / (1 + Math.exp(-logit))) {
      st.participating[i] = 1;
      st.nextParticipation[i] = NEVER;
      tally[w.pop.group[i]]++;
      st.covered[i] = regionCovered(w, w.pop.region[i], t) ? 1 : 0;
      rescore(w, i, t);
    } else {
      st.nextParticipation[i] = nextAfter(t, unit(wd[o + L.next]), p.decisionRate);
    }
  }
}

/** Its sections of the scenario's `mechanisms`. */
export const params = { participation: participationParams };

export const mechanism = defineMechanism({
  id: "M18",
  title: "Voluntary, then mandatory participation",
  article: {
    de: "Die Teilnehmer konnten freiwillig die Sozialpunkte sammeln. … Erstmal freiwillig sich kontrollieren lassen und später für alle notwendig.",
    en: "Participants could collect social points voluntarily. … First let yourself be monitored voluntarily, and later it is required of everyone.",
  },
  params,
  columns: {
    nextParticipation: col.event("Step at which a non-participant next reconsiders taking part."),
    participating: col.u8("1 when the agent takes part in the scoring system."),
  },
  tallies: { participating: "Agents taking part." },
  draws: DRAWS,
  metrics: {
    participation: share("participating", "Share of agents taking part.", {
      title: "Participation",
      yLabel: "share of agents",
    }),
  },
  steps: { init, participation },
});

import { describe, expect, it } from "vitest";
import { type Comparison, explain, merge, run, scenario } from "../../../test/effect.js";
import { reduceSeries } from "../../report/summary.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest, signTest } from "../stats/index.js";
import { PUB } from "../world/public-flags.js";
import { associationPenalty, mechanism, queueCut } from "./m09-association-penalty.js";

const REPS = 8;

/**
 * Criticism listed by a security sub-system whose public list bars travel, jobs
 * and social media; the penalty hits municipal and security scores.
 */
const base = {
  agents: 2000,
  steps: 180,
  mechanisms: {
    political: { enabled: true, subsystems: ["security"] },
    subsystems: {
      financial: { enabled: true },
      // The municipal list also takes agents whose score fell below 420: with the
      // penalty, those with six or more listed contacts.
      municipal: { enabled: true, listScoreBelow: 420 },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court", "financial", "security"] },
      rail: { triggers: ["court", "financial", "security"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["security"] },
    },
    visibility: { list: "public" },
    association: {
      enabled: false,
      pointsPerContact: 30,
      subsystems: ["municipal", "security"],
      cutProbability: 0.5,
    },
  },
};
const penalty = { mechanisms: { association: { enabled: true } } };

/** Each seed run once without (a) and once with (b) the penalty; every measure reads these runs. */
let cache: { a: ScsModel[]; b: ScsModel[] } | undefined;
function runs(): { a: ScsModel[]; b: ScsModel[] } {
  if (cache) return cache;
  cache = { a: [], b: [] };
  for (let seed = 1; seed <= REPS; seed++) {
    cache.a.push(run(scenario(merge(base, { seed }))));
    cache.b.push(run(scenario(merge(merge(base, penalty), { seed }))));
  }
  return cache;
}

/** Paired comparison of a measure, one-sided for "with the penalty > without" (or the reverse). */
function compareRuns(measure: (m: ScsModel) => number, reverse = false): Comparison {
  const r = runs();
  const a = (reverse ? r.b : r.a).map(measure);
  const b = (reverse ? r.a : r.b).map(measure);
  const diff = b.map((v, k) => v - a[k]);
  return { a, b, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
}

const final = (name: string) => (m: ScsModel) => reduceSeries(m.metrics, name, 0, "final");

/** Over the original ties: the share of listed agents' contacts who are listed, over the listed share. */
function listingClustering(m: ScsModel): number {
  const { offsets, targets } = m.world.graph;
  const listed = m.world.state.listed;
  let ties = 0;
  let both = 0;
  let n = 0;
  for (let i = 0; i < m.world.n; i++) {
    if (!listed[i]) continue;
    n++;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      ties++;
      both += listed[targets[e]];
    }
  }
  return both / ties / (n / m.world.n);
}

/** Mean combined score of unlisted agents minus that of the unlisted contacts of listed agents. */
function contactDeficit(m: ScsModel): number {
  const { offsets, targets } = m.world.graph;
  const { listed, combined } = m.world.state;
  let all = 0;
  let nAll = 0;
  for (let i = 0; i < m.world.n; i++) {
    if (listed[i]) continue;
    all += combined[i];
    nAll++;
  }
  const seen = new Uint8Array(m.world.n);
  let near = 0;
  let nNear = 0;
  for (let i = 0; i < m.world.n; i++) {
    if (!listed[i]) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = targets[e];
      if (listed[j] || seen[j]) continue;
      seen[j] = 1;
      near += combined[j];
      nNear++;
    }
  }
  return all / nAll - near / nNear;
}

describe("M9 association penalty", () => {
  it("agents cut ties to listed agents: ties_cut > 0 with the penalty, 0 without (paired t-test, sign test)", () => {
    const c = compareRuns(final("ties_cut"));
    expect(
      c.a.every((x) => x === 0),
      `no cuts without the penalty\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("listed agents keep fewer contacts (listed_degree; paired t-test, sign test)", () => {
    // One-sided for b > a: a = with the penalty, b = without.
    const c = compareRuns(final("listed_degree"), true);
    expect(c.t.p, `paired t-test: higher degree without the penalty\n${explain(c)}`).toBeLessThan(
      0.01,
    );
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("the penalty downgrades the contacts of listed agents (paired t-test, sign test)", () => {
    const c = compareRuns(contactDeficit);
    expect(c.t.p, `paired t-test\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  // The penalty lowers the scores of the listed agents' contacts, and a score
  // below listScoreBelow lists them too: listings spread along ties.
  it("listings cluster in the network (paired t-test, sign test)", () => {
    const c = compareRuns(listingClustering);
    expect(c.t.p, `paired t-test\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("structure: the penalty counts listed contacts over kept ties; a cut removes both directions", () => {
    const m = buildSimulation(
      scenario({
        agents: 200,
        steps: 1,
        network: { kind: "erdos-renyi", meanDegree: 6 },
        mechanisms: { association: { enabled: true, pointsPerContact: 30 } },
      }),
    ) as ScsModel;
    const { offsets, targets } = m.world.graph;
    const i = 0;
    const deg = offsets[i + 1] - offsets[i];
    expect(deg).toBeGreaterThan(1);
    expect(associationPenalty(m.world, i)).toBe(0);
    for (let e = offsets[i]; e < offsets[i + 1]; e++) m.world.pub[targets[e]] |= PUB.listed;
    expect(associationPenalty(m.world, i)).toBe(30 * deg);

    const e = offsets[i];
    const j = targets[e];
    queueCut(m.world, e);
    mechanism.steps.applyCuts(m.world);
    expect(m.world.state.edgeActive[e]).toBe(0);
    let back = -1;
    for (let f = offsets[j]; f < offsets[j + 1]; f++) if (targets[f] === i) back = f;
    expect(m.world.state.edgeActive[back]).toBe(0);
    expect(associationPenalty(m.world, i)).toBe(30 * (deg - 1));
  });
});

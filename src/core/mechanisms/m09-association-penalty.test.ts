import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  metric,
  pair,
  preset,
  runArms,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { PUB } from "../world/public-flags.js";
import { associationPenalty, cutTie } from "./m09-association-penalty.js";

/** The integrated preset, smaller: 2,000 agents, a year of burn-in, a year recorded. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });
const points = (v: number) => ({ mechanisms: { association: { pointsPerContact: v } } });

/**
 * How much listings cluster: the share of listed agents among the contacts of
 * the listed, over the share of listed agents among the contacts of all.
 */
function clustering(m: ScsModel): number {
  const w = m.world;
  const { offsets, targets } = w.graph;
  let ll = 0;
  let lt = 0;
  let al = 0;
  let at = 0;
  for (let i = 0; i < w.n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const c = targets[e];
      at++;
      al += w.state.listed[c];
      if (w.state.listed[i]) {
        lt++;
        ll += w.state.listed[c];
      }
    }
  }
  return lt > 0 && al > 0 ? ll / lt / (al / at) : Number.NaN;
}

describe("M9 association penalty and ostracism, a response", () => {
  let r: Record<"p0" | "p15" | "p30" | "p60", Record<"cut" | "clustering", number[]>>;
  beforeAll(() => {
    r = runArms(
      {
        p0: { ...integrated, ...points(0) },
        p15: preset("integrated", { agents: 2000, burnIn: 365, steps: 365 }, points(15)),
        p30: preset("integrated", { agents: 2000, burnIn: 365, steps: 365 }, points(30)),
        p60: preset("integrated", { agents: 2000, burnIn: 365, steps: 365 }, points(60)),
      },
      SEEDS,
      { cut: metric("ties_cut"), clustering },
    );
  });

  it("no penalty, no cuts: nobody cuts a tie that costs nothing to keep", () => {
    expect(
      r.p0.cut.every((v) => v === 0),
      r.p0.cut.join(", "),
    ).toBe(true);
  });

  it("cuts grow with the penalty: doubling it (15 → 30 → 60 points per listed contact) cuts at least 10% more ties each time", () => {
    const rel = (a: number[], b: number[]): Comparison =>
      pair(
        a.map(() => 0),
        b.map((v, k) => v / a[k] - 1),
      );
    expectEffect(
      rel(r.p15.cut, r.p30.cut),
      "increase",
      0.1,
      "relative increase of ties cut, 30 vs 15 points",
    );
    expectEffect(
      rel(r.p30.cut, r.p60.cut),
      "increase",
      0.1,
      "relative increase of ties cut, 60 vs 30 points",
    );
  });

  it("listings cluster: with the penalty, the contacts of the listed are listed more often, relative to contacts overall", () => {
    const c = pair(r.p0.clustering, r.p30.clustering);
    // The penalty lists contacts of the listed (a low score lists, listScoreBelow) and ostracism
    // removes the ties that would have spread it: the net effect is what the model says.
    // A small effect (the ratio is about 1.3 without the penalty, from homophily): at least 0.02.
    expectEffect(c, "increase", 0.02, "clustering ratio, 30 points − none");
  });

  it("ostracism isolates the listed: listed agents keep fewer ties than with no penalty", () => {
    const c = compareMany(integrated, points(0), points(30), SEEDS, {
      d: metric("listed_degree"),
    }).d;
    expectEffect(c, "decrease", 0.5, "ties kept by a listed agent, 30 points − none");
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
    cutTie(m.world, i, e);
    expect(m.world.state.edgeActive[e]).toBe(0);
    let back = -1;
    for (let f = offsets[j]; f < offsets[j + 1]; f++) if (targets[f] === i) back = f;
    expect(m.world.state.edgeActive[back]).toBe(0);
    expect(associationPenalty(m.world, i)).toBe(30 * (deg - 1));
  });
});

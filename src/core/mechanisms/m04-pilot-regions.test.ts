import { describe, expect, it } from "vitest";
import {
  type Comparison,
  expectEffect,
  merge,
  pair,
  preset,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { regionCovered } from "./m04-pilot-regions.js";

/**
 * The integrated preset's own roll-out (pilots in regions 0 and 1 from step 0,
 * nationwide from step 60), watched from the start: no burn-in.
 */
const base = preset("integrated", { agents: 2000, burnIn: 0, steps: 240 });
const NATIONWIDE = (base.mechanisms as { pilots: { nationwideStart: number } }).pilots
  .nationwideStart;
const STEPS = 240;

interface Regional {
  /** Listed share and chilling (1 − expressed / latent dissent) in pilot and other regions. */
  pilotListed: number;
  otherListed: number;
  pilotChilling: number;
  otherChilling: number;
}

function regional(m: ScsModel): Regional {
  const pilots = new Set(m.scenario.mechanisms.pilots.pilotRegions);
  // [agents, listed, latent, expressed] for pilot (0) and other (1) regions.
  const acc = [new Float64Array(4), new Float64Array(4)];
  for (let i = 0; i < m.world.n; i++) {
    const a = acc[pilots.has(m.world.pop.region[i]) ? 0 : 1];
    a[0]++;
    a[1] += m.world.state.listed[i];
    a[2] += m.world.state.latent[i];
    a[3] += m.world.state.expressed[i];
  }
  return {
    pilotListed: acc[0][1] / acc[0][0],
    otherListed: acc[1][1] / acc[1][0],
    pilotChilling: 1 - acc[0][3] / acc[0][2],
    otherChilling: 1 - acc[1][3] / acc[1][2],
  };
}

/** Per seed: the regions at the last step before the nationwide start, and at the end. */
let cache: { before: Regional; after: Regional }[] | undefined;
function runs(): { before: Regional; after: Regional }[] {
  if (cache) return cache;
  cache = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const m = buildSimulation(scenario(merge(base, { seed }))) as ScsModel;
    while (m.t < NATIONWIDE - 1) m.step();
    const before = regional(m);
    while (m.t < STEPS) m.step();
    cache.push({ before, after: regional(m) });
  }
  return cache;
}

describe("M4 pilot regions, then nationwide", () => {
  it("before the nationwide step, blacklisting appears only in pilot regions", () => {
    const r = runs().map((x) => x.before);
    const c: Comparison = pair(
      r.map((x) => x.otherListed),
      r.map((x) => x.pilotListed),
    );
    expect(c.a.every((x) => x === 0)).toBe(true);
    // Listings in the pilots: at least 2% of their agents within 60 days.
    expectEffect(c, "increase", 0.02, "listed share, pilot − other regions, before nationwide");
  });

  it("before the nationwide step, chilling appears only in pilot regions: at least 20 points more there", () => {
    const r = runs().map((x) => x.before);
    const c = pair(
      r.map((x) => x.otherChilling),
      r.map((x) => x.pilotChilling),
    );
    expectEffect(c, "increase", 0.2, "chilling, pilot − other regions, before nationwide");
  });

  it("after the nationwide step, the other regions catch up: the pilots' lead in chilling shrinks by at least 15 points", () => {
    const r = runs();
    const gap = (x: Regional) => x.pilotChilling - x.otherChilling;
    const c = pair(
      r.map((x) => gap(x.before)),
      r.map((x) => gap(x.after)),
    );
    expectEffect(c, "decrease", 0.15, "chilling gap pilot − other, after − before");
  });

  it("structure: coverage by region and step", () => {
    const m = buildSimulation(
      scenario({
        agents: 200,
        steps: 10,
        network: { meanDegree: 4 },
        mechanisms: {
          pilots: { enabled: true, pilotRegions: [2], pilotStart: 5, nationwideStart: 10 },
        },
      }),
    ) as ScsModel;
    expect(regionCovered(m.world, 2, 4)).toBe(false);
    expect(regionCovered(m.world, 2, 5)).toBe(true);
    expect(regionCovered(m.world, 3, 9)).toBe(false);
    expect(regionCovered(m.world, 3, 10)).toBe(true);
    // At step 0 nobody is covered yet.
    expect(m.world.state.covered.every((c) => c === 0)).toBe(true);
    while (m.t < 5) m.step();
    for (let i = 0; i < m.world.n; i++)
      expect(m.world.state.covered[i]).toBe(m.world.pop.region[i] === 2 ? 1 : 0);
    while (m.t < 10) m.step();
    expect(m.world.state.covered.every((c) => c === 1)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { type Comparison, explain, merge, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest, signTest } from "../stats/index.js";
import { regionCovered } from "./m04-pilot-regions.js";

const PILOT_START = 0;
const NATIONWIDE = 90;
const STEPS = 240;
const REPS = 8;

/** Pilots in regions 0 and 1 from step 0, nationwide from step 90; political data scored. */
const base = {
  agents: 2000,
  steps: STEPS,
  mechanisms: {
    pilots: {
      enabled: true,
      pilotRegions: [0, 1],
      pilotStart: PILOT_START,
      nationwideStart: NATIONWIDE,
    },
    political: { enabled: true, subsystems: ["security"] },
    subsystems: {
      financial: { enabled: true },
      security: { enabled: true, listThreshold: 2, negativeWeight: 100, retention: 0 },
    },
    sanctions: {
      flight: { triggers: ["court", "financial", "security"] },
      rail: { triggers: ["court", "financial", "security"] },
      job: { triggers: ["security"] },
      social_media: { triggers: ["security"] },
    },
    visibility: { list: "public" },
  },
};

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
  for (let seed = 1; seed <= REPS; seed++) {
    const m = buildSimulation(scenario(merge(base, { seed }))) as ScsModel;
    while (m.t < NATIONWIDE - 1) m.step();
    const before = regional(m);
    while (m.t < STEPS) m.step();
    cache.push({ before, after: regional(m) });
  }
  return cache;
}

/** A within-run paired comparison: b − a per seed, one-sided for b > a. */
function paired(a: number[], b: number[]): Comparison {
  const diff = b.map((v, k) => v - a[k]);
  return { a, b, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
}

describe("M4 pilot regions, then nationwide", () => {
  it("before the nationwide step, blacklisting appears only in pilot regions", () => {
    const r = runs().map((x) => x.before);
    const c = paired(
      r.map((x) => x.otherListed),
      r.map((x) => x.pilotListed),
    );
    expect(
      c.a.every((x) => x === 0),
      `nobody listed outside the pilots\n${explain(c)}`,
    ).toBe(true);
    expect(
      c.b.every((x) => x > 0),
      `listings in the pilots\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test, pilot vs other regions\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("before the nationwide step, chilling appears only in pilot regions (paired t-test, sign test)", () => {
    const r = runs().map((x) => x.before);
    const c = paired(
      r.map((x) => x.otherChilling),
      r.map((x) => x.pilotChilling),
    );
    // Outside the pilots only the few contacts across regions of listed agents
    // can be chilled (by listings they see): a fraction of the pilots' chilling.
    expect(
      c.a.every((x, k) => x < 0.2 * c.b[k]),
      `chilling outside the pilots < 1/5 of that in the pilots\n${explain(c)}`,
    ).toBe(true);
    expect(
      c.b.every((x) => x > 0.3),
      `chilling > 0.3 in the pilots\n${explain(c)}`,
    ).toBe(true);
    expect(c.t.p, `paired t-test, pilot vs other regions\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
  });

  it("after the nationwide step, the other regions catch up (paired t-test, sign test)", () => {
    const r = runs();
    // The pilots' lead in chilling shrinks: gap before − gap after > 0.
    const gap = (x: Regional) => x.pilotChilling - x.otherChilling;
    const c = paired(
      r.map((x) => gap(x.after)),
      r.map((x) => gap(x.before)),
    );
    expect(c.t.p, `paired t-test, chilling gap before vs after\n${explain(c)}`).toBeLessThan(0.01);
    expect(c.sign.p, `sign test\n${explain(c)}`).toBeLessThan(0.01);
    expect(
      r.every((x) => Math.abs(gap(x.after)) < 0.1),
      `chilling gap < 0.1 after: ${r.map((x) => gap(x.after).toFixed(3)).join(", ")}`,
    ).toBe(true);
    // Listings start outside the pilots.
    const l = paired(
      r.map((x) => x.before.otherListed),
      r.map((x) => x.after.otherListed),
    );
    expect(
      l.b.every((x) => x > 0),
      `listings outside the pilots after\n${explain(l)}`,
    ).toBe(true);
    expect(l.t.p, `paired t-test, listed outside the pilots\n${explain(l)}`).toBeLessThan(0.01);
    expect(l.sign.p, `sign test\n${explain(l)}`).toBeLessThan(0.01);
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

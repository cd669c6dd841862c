/**
 * The runs the frozen-output tests pin down: every preset at a small size,
 * and two variants that reach the code paths presets do not reach in a short
 * run (listings that end, appeals, voluntary participation, staged roll-out,
 * privileges, detention).
 */
import { applyOverrides } from "../../src/cli/overrides.js";
import { buildSimulation } from "../../src/core/build.js";
import { ScsModel } from "../../src/core/model.js";
import { validateScenario } from "../../src/core/scenario/load.js";
import type { Scenario } from "../../src/core/scenario/schema.js";
import { runToEnd } from "../../src/core/simulation.js";
import { loadPreset } from "../../src/node/scenario-file.js";
import { merge } from "../effect.js";
import { columnDigests, digest, metricsDigest } from "./digest.js";

const short = { listTerm: 40, retention: 60 };

/** Scenario of each case. */
export const NOREG_CASES: Record<string, () => Scenario> = {
  "epstein-classic": () => applyOverrides(loadPreset("epstein-classic").scenario, { steps: "60" }),
  ...Object.fromEntries(
    [
      "financial-only",
      "fragmented",
      "integrated",
      "rights-respecting",
      "voluntary-then-mandatory",
    ].map((p) => [
      p,
      () =>
        applyOverrides(loadPreset(p).scenario, { agents: "2000", steps: "60", set: ["burnIn=30"] }),
    ]),
  ),
  "integrated-churn": () =>
    validateScenario(
      merge(loadPreset("integrated").scenario, {
        agents: 2000,
        burnIn: 0,
        steps: 150,
        seed: "noreg",
        mechanisms: {
          subsystems: {
            court: short,
            financial: short,
            municipal: short,
            platform: short,
            security: short,
          },
          appeal: { enabled: true },
          observation: { cameras: { falseMatch: 0.2 } },
          visibility: { list: "private", privateLeak: 0.3 },
          detention: { probability: 0.3, duration: 30 },
        },
        metrics: { violationWindow: 30 },
      }),
    ),
  // Protest in front of cameras that falsely match someone at every identification, with
  // detention at once: a false match can silence another protester of the same day.
  "protest-race": () =>
    validateScenario(
      merge(loadPreset("integrated").scenario, {
        agents: 1500,
        burnIn: 0,
        steps: 80,
        seed: "race",
        population: { regions: 2 },
        mechanisms: {
          pilots: { enabled: false },
          observation: { cameras: { coverage: 1, detection: 1, falseMatch: 1 } },
          detention: { probability: 1, scoreBelow: 1000, duration: 20 },
          dissent: { threshold: 0.05, protest: { episodeRate: 0.2, threshold: 0.05 } },
        },
      }),
    ),

  "voluntary-churn": () =>
    validateScenario(
      merge(loadPreset("voluntary-then-mandatory").scenario, {
        agents: 2000,
        burnIn: 0,
        steps: 120,
        seed: 99,
        network: { kind: "watts-strogatz", meanDegree: 10 },
        metrics: { violationWindow: 20 },
        mechanisms: {
          participation: { mandateStep: 80 },
          pilots: { enabled: true, pilotRegions: [1, 3], pilotStart: 10, nationwideStart: 50 },
          subsystems: {
            financial: { ...short, listThreshold: 1 },
            municipal: { ...short, listThreshold: 1 },
          },
          appeal: { enabled: true },
        },
      }),
    ),
};

export interface CaseDigest {
  stateHash: string;
  metrics: string;
  columns?: Record<string, string>;
  edgeActive?: string;
}

/** Runs a case to its end and digests everything it leaves behind. */
export function runCase(name: string, reverseOrder = false): CaseDigest {
  const s = NOREG_CASES[name]();
  const sim = buildSimulation(s);
  if (sim instanceof ScsModel) sim.world.sched.reverseOrder = reverseOrder;
  runToEnd(sim);
  const out: CaseDigest = { stateHash: sim.stateHash(), metrics: metricsDigest(sim.metrics) };
  if (sim instanceof ScsModel) {
    out.columns = columnDigests(sim.world.state, ["edgeActive"]);
    out.edgeActive = digest(sim.world.state.edgeActive);
  }
  return out;
}

/** Population specs whose columns are frozen: the default, and one with every distribution. */
export const POP_SPECS: Record<string, unknown> = {
  default: {},
  "every-distribution": {
    groups: [
      { name: "a", share: 1 },
      { name: "b", share: 2 },
      { name: "c", share: 0.5 },
    ],
    regions: 7,
    reliability: { dist: "beta", a: 3, b: 0.7 },
    income: { dist: "lognormal", mu: 0.2, sigma: 0.9 },
    hardship: { dist: "normal", mean: 0.5, sd: 0.2, min: 0, max: 1 },
    riskAversion: { dist: "constant", value: 0.4 },
    conformity: { dist: "uniform", min: 0.2, max: 0.9 },
    protestThreshold: { dist: "beta", a: 0.8, b: 4 },
    childShare: 0.45,
  },
};

/** The network every generator draws for its frozen edge list. */
export const NET_SPEC = {
  n: 3000,
  spec: { meanDegree: 12, rewire: 0.2, homophily: { group: 0.6, region: 0.8 } },
} as const;

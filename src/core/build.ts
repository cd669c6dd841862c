import { EpsteinModel } from "./epstein/model.js";
import { ScsModel } from "./model.js";
import type { Csr } from "./network/csr.js";
import { generateNetwork } from "./network/index.js";
import { seed64 } from "./rng/seed.js";
import type { Scenario } from "./scenario/schema.js";
import type { Simulation } from "./simulation.js";

/**
 * Builds the simulation a scenario describes. An edge-list network must be
 * loaded beforehand (file access is not core's business) and passed in.
 */
export function buildSimulation(s: Scenario, edgeList?: Csr): Simulation {
  if (s.model === "epstein") return new EpsteinModel(s.epstein, seed64(s.seed), s.steps, s.burnIn);
  return new ScsModel(s, (pop, seed) => {
    if (s.network.kind === "edge-list") {
      if (!edgeList)
        throw new Error("scsim: an edge-list network must be loaded before building the model");
      return edgeList;
    }
    return generateNetwork(
      {
        kind: s.network.kind,
        meanDegree: s.network.meanDegree,
        rewire: s.network.rewire,
        homophily: s.network.homophily,
      },
      { n: pop.n, seed, group: pop.group, region: pop.region },
    );
  });
}

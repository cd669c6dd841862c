/**
 * Frozen edge lists ("noreg"): every generator's CSR for one spec and seed,
 * digested. A generator is a pure function of (spec, n, seed, group, region).
 */
import { describe, expect, it } from "vitest";
import { NET_SPEC } from "../../../test/noreg/cases.js";
import { digest } from "../../../test/noreg/digest.js";
import { generatePopulation, populationSchema } from "../population/index.js";
import { seed64 } from "../rng/seed.js";
import { generateNetwork, NETWORK_KINDS } from "./index.js";

const FROZEN: Record<string, { offsets: string; targets: string }> = {
  "erdos-renyi": {
    offsets: "cfc35d1b997f6628",
    targets: "dade1e5cd68f7ff3",
  },
  "watts-strogatz": {
    offsets: "4a41caca0e029801",
    targets: "38aeb6d59045058b",
  },
  "barabasi-albert": {
    offsets: "c9765a24bb5ce0a8",
    targets: "e6e18157590b473a",
  },
  sbm: {
    offsets: "035b7425ff951b07",
    targets: "207049f12757262d",
  },
};

describe("frozen edge lists (noreg)", () => {
  const pop = generatePopulation(populationSchema.parse({}), NET_SPEC.n, 3);
  for (const kind of NETWORK_KINDS) {
    it(`${kind}: ${NET_SPEC.n} nodes, mean degree ${NET_SPEC.spec.meanDegree}, seed 7`, () => {
      const g = generateNetwork(
        { kind, ...NET_SPEC.spec },
        { n: NET_SPEC.n, seed: seed64(7), group: pop.group, region: pop.region },
      );
      expect({ offsets: digest(g.offsets), targets: digest(g.targets) }).toEqual(FROZEN[kind]);
    });
  }
});

/**
 * Frozen population columns ("noreg"): a population is a pure function of
 * (spec, n, seed), and these digests pin that function down.
 */
import { describe, expect, it } from "vitest";
import { POP_SPECS } from "../../../test/noreg/cases.js";
import { columnDigests } from "../../../test/noreg/digest.js";
import { generatePopulation, populationSchema } from "./index.js";

const FROZEN: Record<string, Record<string, string>> = {
  default: {
    conformity: "6cf855da8c086a20",
    group: "20362db9dbefab62",
    hardship: "9f9dfa23744dc52d",
    hasChild: "5c896498276d352a",
    income: "b3394c6eb10dd03f",
    protestThreshold: "e5dec17f8a309836",
    region: "230018a2e17941b5",
    reliability: "a71ceb1d6d492c18",
    riskAversion: "fa6c274c239f223a",
    strategy: "cf29d2271d1ae0a1",
    travel: "a50d63791cc0fe7d",
  },
  "every-distribution": {
    conformity: "b867ceeb7b863e91",
    group: "82a0f276d9b34b6a",
    hardship: "594aa958ebfe70b6",
    hasChild: "70cff0eaf11bd3e6",
    income: "eafafd23b36e8be8",
    protestThreshold: "8fe41879c48e4f1b",
    region: "dbde10a576455126",
    reliability: "243786b473fa100f",
    riskAversion: "66d4b8c2de9402f5",
    strategy: "cf29d2271d1ae0a1",
    travel: "a50d63791cc0fe7d",
  },
};

describe("frozen population columns (noreg)", () => {
  for (const [name, spec] of Object.entries(POP_SPECS)) {
    it(`${name}: every column of 5000 agents, seed 11`, () => {
      const pop = generatePopulation(populationSchema.parse(spec), 5000, 11);
      expect(columnDigests(pop)).toEqual(FROZEN[name]);
    });
  }
});

import { describe, expect, it } from "vitest";
import { parseScenario } from "./load.js";

/** The error message a scenario text gets. */
function error(text: string): string {
  try {
    parseScenario(text, "s.yaml");
  } catch (e) {
    return (e as Error).message;
  }
  return "(accepted)";
}

const groups = `population:
  groups:
    - { name: a, share: 1 }
    - { name: b, share: 1 }
  regions: 3
`;

describe("scenario references are checked, with field, line and column", () => {
  it("duplicate group names", () => {
    expect(
      error("population:\n  groups:\n    - { name: a, share: 1 }\n    - { name: a, share: 2 }\n"),
    ).toBe(
      's.yaml:4:15: population.groups.1.name: group name "a" is used twice; names must be unique',
    );
  });

  it("an unknown group in targeted, groupCap and errorMultiplier", () => {
    expect(error(`${groups}mechanisms:\n  targeted: { group: c }\n`)).toBe(
      's.yaml:7:22: mechanisms.targeted.group: no group named "c"; the groups are "a", "b"',
    );
    expect(error(`${groups}mechanisms:\n  groupCap:\n    group: minority\n`)).toMatch(
      /^s\.yaml:8:12: mechanisms\.groupCap\.group: no group named "minority"/,
    );
    expect(
      error(`${groups}mechanisms:\n  observation:\n    errorMultiplier: { b: 2, x: 3 }\n`),
    ).toMatch(/^s\.yaml:8:33: mechanisms\.observation\.errorMultiplier\.x: no group named "x"/);
  });

  it("a region that does not exist", () => {
    expect(error(`${groups}mechanisms:\n  pilots: { pilotRegions: [0, 3] }\n`)).toBe(
      "s.yaml:7:31: mechanisms.pilots.pilotRegions.1: region 3 does not exist: regions are 0..2 (population.regions is 3)",
    );
    expect(error(`${groups}mechanisms:\n  targeted: { regions: [7] }\n`)).toMatch(
      /mechanisms\.targeted\.regions\.0: region 7 does not exist/,
    );
  });

  it("per-region camera coverage of the wrong length", () => {
    expect(
      error(`${groups}mechanisms:\n  observation:\n    cameras: { coverage: [0.5, 0.6] }\n`),
    ).toBe(
      "s.yaml:8:26: mechanisms.observation.cameras.coverage: one coverage per region is needed: 3 (population.regions), got 2",
    );
    expect(
      error(`${groups}mechanisms:\n  observation:\n    cameras: { coverage: [0.5, 0.6, 0.7] }\n`),
    ).toBe("(accepted)");
  });

  it("a distribution whose min exceeds its max", () => {
    expect(error("population:\n  hardship: { dist: uniform, min: 0.8, max: 0.2 }\n")).toBe(
      "s.yaml:2:35: population.hardship.min: min must not exceed max",
    );
    expect(
      error("population:\n  protestThreshold: { dist: normal, mean: 0.1, min: 1, max: 0 }\n"),
    ).toMatch(/population\.protestThreshold\.min: min must not exceed max/);
  });
});

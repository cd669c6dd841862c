import { describe, expect, it } from "vitest";
import { runTitle } from "./title.js";

describe("runTitle", () => {
  it("names the preset, the file and the overrides", () => {
    expect(runTitle({ name: "integrated", preset: "integrated" })).toBe("integrated (preset)");
    expect(
      runTitle({
        name: "integrated",
        preset: "integrated",
        overrides: ["network.meanDegree=10", "agents=500"],
      }),
    ).toBe("integrated (preset, with overrides: network.meanDegree=10, agents=500)");
    expect(runTitle({ name: "x", preset: "integrated" })).toBe("x (preset integrated)");
    expect(
      runTitle({ name: "mine", preset: null, scenarioFile: "my.yaml", overrides: ["seed=3"] }),
    ).toBe("mine (file my.yaml, with overrides: seed=3)");
    expect(runTitle({ name: "bare", preset: null })).toBe("bare");
  });
});

/**
 * The worker's session (pure TS, run here in Node): the burn-in runs before
 * step 0 unrecorded, as in `scsim run`; the counterfactual is core's
 * `systemOff`; designs share a baseline exactly when their societies agree.
 */

import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { buildSimulation } from "../../src/core/build.js";
import { systemOff } from "../../src/core/scenario/counterfactual.js";
import { presetScenario, presetText } from "../../src/core/scenario/presets.js";
import type { ScsScenario } from "../../src/core/scenario/schema.js";
import { Session } from "../src/worker/session.js";

const raw = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(parseDocument(presetText(name)).toJS() as Record<string, unknown>),
  agents: 800,
  steps: 12,
  burnIn: 7,
  ...extra,
});

describe("a design's session", () => {
  it("runs the burn-in before step 0, then the horizon, with the state hash of the CLI's model", () => {
    const s = new Session(raw("integrated"), 100);
    expect(s.t).toBe(-7);
    expect(s.tracer).toBeNull();
    while (s.t < 0) s.step();
    expect(s.burnedIn).toBe(7);
    expect(s.tracer?.since).toBe(7);
    while (s.t < s.steps) s.step();
    expect(s.model.metrics.recorded).toBe(13);
    const cli = buildSimulation({
      ...(presetScenario("integrated") as ScsScenario),
      agents: 800,
      steps: 12,
      burnIn: 7,
    });
    for (let t = 0; t < 19; t++) cli.step();
    expect(s.model.stateHash()).toBe(cli.stateHash());
  });

  it("runs the society with no system when asked (core's systemOff)", () => {
    const s = new Session(raw("integrated"), 100, true);
    const want = systemOff({
      ...(presetScenario("integrated") as ScsScenario),
      agents: 800,
      steps: 12,
      burnIn: 7,
    });
    expect(s.model.scenario).toEqual(want);
    expect(s.model.scenario.mechanisms.political.enabled).toBe(false);
  });

  it("gives two designs one society key when only their systems differ", () => {
    const a = Session.societyKey(raw("integrated"));
    expect(a).not.toBeNull();
    expect(Session.societyKey(raw("rights-respecting"))).toBe(a);
    expect(Session.societyKey(raw("integrated", { seed: 2 }))).not.toBe(a);
    const other = raw("integrated");
    other.mechanisms = {
      ...(other.mechanisms as Record<string, unknown>),
      financial: { enabled: true, deterrence: 0 },
    };
    expect(Session.societyKey(other)).not.toBe(a);
    expect(Session.societyKey({ model: "epstein" })).toBeNull();
    expect(Session.societyKey({ agents: -1 })).toBeNull();
  });
});

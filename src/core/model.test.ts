import { describe, expect, it } from "vitest";
import { NOREG_CASES, runCase } from "../../test/noreg/cases.js";
import { applyOverrides } from "../cli/overrides.js";
import { loadPreset } from "../node/scenario-file.js";
import { buildSimulation } from "./build.js";
import { ScsModel } from "./model.js";
import type { ScsScenario } from "./scenario/schema.js";
import { runToEnd } from "./simulation.js";

const AGENTS = 2000;
const STEPS = 60;

function preset(name: string, seed?: string): ScsScenario {
  const s = applyOverrides(loadPreset(name).scenario, {
    agents: String(AGENTS),
    steps: String(STEPS),
    seed,
    set: ["burnIn=0"],
  });
  if (s.model !== "scs") throw new Error(`preset ${name} is not an SCS scenario`);
  return s;
}

function build(s: ScsScenario): ScsModel {
  const sim = buildSimulation(s);
  if (!(sim instanceof ScsModel)) throw new Error("expected an ScsModel");
  return sim;
}

function run(s: ScsScenario, reverseOrder = false): ScsModel {
  const m = build(s);
  m.world.sched.reverseOrder = reverseOrder;
  for (let t = 0; t < s.steps; t++) m.step();
  return m;
}

function bytes(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

const integrated = preset("integrated");
// One run shared by the tests below (each run takes a fraction of a second).
const base = run(integrated);

describe("ScsModel determinism", () => {
  it("same seed and scenario, two separate builds: same state hash and identical metrics", () => {
    const again = run(structuredClone(integrated));
    expect(again.stateHash()).toBe(base.stateHash());
    expect(again.metrics.recorded).toBe(base.metrics.recorded);
    // Bit for bit, NaN cells included.
    expect(bytes(again.metrics.values).equals(bytes(base.metrics.values))).toBe(true);
  });

  it("the run is not trivial: the integrated preset lists agents and cuts ties by step 60", () => {
    expect(base.metrics.last("listed")).toBeGreaterThan(0);
    expect(base.metrics.last("ties_cut")).toBeGreaterThan(0);
  });

  it("a different seed gives a different state hash and different metrics", () => {
    const other = run(preset("integrated", "2"));
    expect(other.world.seed.lo).not.toBe(base.world.seed.lo);
    expect(other.stateHash()).not.toBe(base.stateHash());
    expect(bytes(other.metrics.values).equals(bytes(base.metrics.values))).toBe(false);
  });

  it("the financial-only preset is deterministic too", () => {
    const s = preset("financial-only");
    const a = run(s);
    const b = run(s);
    expect(a.stateHash()).toBe(b.stateHash());
    expect(a.stateHash()).not.toBe(base.stateHash());
  });
});

describe("order independence", () => {
  it("visiting due agents in descending order gives the same state hash (integrated)", () => {
    const reversed = run(integrated, true);
    expect(reversed.world.sched.reverseOrder).toBe(true);
    expect(reversed.stateHash()).toBe(base.stateHash());
  });

  it("gives the same metrics, bit for bit, except the float tally of perceived risk", () => {
    const reversed = run(integrated, true);
    const a = base.metrics;
    const b = reversed.metrics;
    expect(b.recorded).toBe(a.recorded);
    const risk = a.index("perceived_risk");
    const differing = new Set<string>();
    let riskWorst = 0;
    for (let t = 0; t < a.recorded; t++) {
      for (let k = 0; k < a.metrics.length; k++) {
        for (let g = 0; g < a.grps.length; g++) {
          const x = a.get(t, k, g);
          const y = b.get(t, k, g);
          if (k === risk) riskWorst = Math.max(riskWorst, Math.abs(x - y));
          else if (!Object.is(x, y)) differing.add(a.metrics[k]);
        }
      }
    }
    expect([...differing]).toEqual([]);
    // perceived_risk is a running float64 sum of per-agent changes taken in visiting
    // order (TALLY.riskSum), so it may differ in the last bits; it must not differ more.
    expect(riskWorst).toBeLessThan(1e-12);
  });
});

describe("order independence of every frozen case (agents, events and protest candidates visited in reverse)", () => {
  for (const name of Object.keys(NOREG_CASES)) {
    if (name.startsWith("epstein")) continue;
    it(`${name}: same state hash, columns and metrics`, () => {
      expect(runCase(name, true)).toEqual(runCase(name, false));
    });
  }
});

describe("metrics rows", () => {
  it("row 0 is recorded at construction, before any step", () => {
    const m = build(integrated);
    expect(m.t).toBe(0);
    expect(m.metrics.recorded).toBe(1);
    expect(m.metrics.grps).toEqual(["all", "majority", "minority"]);
    const score = m.metrics.index("mean_score");
    expect(Number.isFinite(m.metrics.get(0, score))).toBe(true);
    // Row 1 does not exist yet.
    expect(Number.isNaN(m.metrics.get(1, score))).toBe(true);
  });

  it("after T steps rows 0..T are recorded, one per step", () => {
    expect(base.t).toBe(STEPS);
    expect(base.metrics.recorded).toBe(STEPS + 1);
    expect(base.metrics.steps).toBe(STEPS + 1);
    const series = base.metrics.series("mean_score");
    expect(series.length).toBe(STEPS + 1);
    expect(series.every(Number.isFinite)).toBe(true);
    const listed = base.metrics.series("listed");
    expect(listed.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});

describe("state hash", () => {
  it("changes when one agent's state changes, and back when it is restored", () => {
    const m = build(integrated);
    const h0 = m.stateHash();
    expect(h0).toMatch(/^[0-9a-f]{16}$/);
    const old = m.world.state.legitimacy[1234];
    m.world.state.legitimacy[1234] = old + 0.125;
    const h1 = m.stateHash();
    expect(h1).not.toBe(h0);
    m.world.state.legitimacy[1234] = old;
    expect(m.stateHash()).toBe(h0);
    m.world.state.tier[AGENTS - 1] ^= 1;
    expect(m.stateHash()).not.toBe(h0);
  });

  it("covers the network's tie flags", () => {
    const m = build(integrated);
    const h0 = m.stateHash();
    m.world.state.edgeActive[0] = 0;
    expect(m.stateHash()).not.toBe(h0);
  });

  it("changes as the model steps", () => {
    const m = build(integrated);
    const h0 = m.stateHash();
    m.step();
    expect(m.stateHash()).not.toBe(h0);
  });
});

describe("burn-in", () => {
  it("runs unrecorded steps first: same final state as one recorded run, rows shifted, cumulative counts restarted", () => {
    const B = 25;
    const long = preset("integrated");
    const warm = { ...long, burnIn: B, steps: long.steps - B };
    const a = run(long);
    const b = build(warm);
    expect(b.stepsTotal).toBe(long.steps);
    runToEnd(b);
    expect(b.stateHash()).toBe(a.stateHash());
    expect(b.metrics.recorded).toBe(long.steps - B + 1);
    for (const name of ["listed", "chilling", "mean_score", "denied_loan"]) {
      const x = a.metrics.series(name).slice(B);
      expect(Array.from(b.metrics.series(name)), name).toEqual(Array.from(x));
    }
    const cut = a.metrics.series("ties_cut");
    const cutB = b.metrics.series("ties_cut");
    expect(cutB[0]).toBe(0);
    expect(cutB[cutB.length - 1]).toBe(cut[cut.length - 1] - cut[B]);
    expect(() => b.step()).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { buildSimulation } from "../build.js";
import { ScsModel } from "../model.js";
import { presetScenario } from "../scenario/presets.js";
import type { ScsScenario } from "../scenario/schema.js";
import { SUBSYSTEMS } from "../subsystems.js";
import { declaredColumns } from "./build.js";
import { Tracer } from "./tracer.js";

const AGENTS = 1500;
const STEPS = 60;

function model(name = "integrated"): ScsModel {
  const s = presetScenario(name) as ScsScenario;
  const m = buildSimulation({ ...s, agents: AGENTS, steps: STEPS });
  if (!(m instanceof ScsModel)) throw new Error("expected an ScsModel");
  return m;
}

type Cols = Record<string, ArrayLike<number>>;

// One traced run of every agent, shared by the tests that only read it.
const traced = model();
const everyone = Array.from({ length: AGENTS }, (_, i) => i);
const tracer = new Tracer(traced.world, everyone);
const perStep: number[] = [];
for (let t = 0; t < STEPS; t++) {
  traced.step();
  perStep.push(tracer.observe());
}
const state = traced.world.state as unknown as Cols;

describe("Tracer", () => {
  it("watches every declared column by default, and every cell of a watched agent", () => {
    expect(tracer.columns.map((c) => c.name)).toEqual(declaredColumns().map((c) => c.name));
    const { offsets } = traced.world.graph;
    const K = traced.world.K;
    let cells = 0;
    for (const c of declaredColumns()) {
      for (const a of everyone) {
        cells +=
          c.spec.per === "agentSub" ? K : c.spec.per === "tie" ? offsets[a + 1] - offsets[a] : 1;
      }
    }
    expect(tracer.cells).toBe(cells);
  });

  it("does not change the run: the state hash equals an untraced run's", () => {
    const plain = model();
    for (let t = 0; t < STEPS; t++) plain.step();
    expect(traced.stateHash()).toBe(plain.stateHash());
  });

  it("the events replayed on the baseline give the world's final state, cell for cell", () => {
    for (const a of [0, 17, 999, AGENTS - 1]) {
      const cells = new Map<string, number>();
      const key = (column: string, sub: string | null, contact: number | null) =>
        `${column}/${sub}/${contact}`;
      for (const v of tracer.baseline(a)) cells.set(key(v.column, v.sub, v.contact), v.value);
      let lastStep = 0;
      for (const e of tracer.history(a)) {
        const k = key(e.column, e.sub, e.contact);
        // Each event starts from the value the previous one left.
        expect(cells.get(k)).toBe(e.before);
        expect(e.after).not.toBe(e.before);
        expect(e.step).toBeGreaterThanOrEqual(lastStep);
        lastStep = e.step;
        cells.set(k, e.after);
      }
      const { offsets, targets } = traced.world.graph;
      for (const c of declaredColumns()) {
        const col = state[c.name];
        if (c.spec.per === "agentSub") {
          SUBSYSTEMS.forEach((s, k) => {
            expect(cells.get(key(c.name, s, null))).toBe(col[a * traced.world.K + k]);
          });
        } else if (c.spec.per === "tie") {
          for (let e = offsets[a]; e < offsets[a + 1]; e++) {
            expect(cells.get(key(c.name, null, targets[e]))).toBe(col[e]);
          }
        } else {
          expect(cells.get(key(c.name, null, null))).toBe(col[a]);
        }
      }
      expect(tracer.current(a).map((v) => v.value)).toEqual([...cells.values()]);
    }
  });

  it("shows listings, tiers, cut ties and the gap between private and stated dissent", () => {
    const listedNow = everyone.filter((a) => state.listed[a] === 1);
    expect(listedNow.length).toBeGreaterThan(0);
    for (const a of listedNow.slice(0, 20)) {
      const h = tracer.history(a);
      expect(h.some((e) => e.column === "listed" && e.before === 0 && e.after === 1)).toBe(true);
      expect(h.some((e) => e.column === "listedUntil" && e.sub !== null && e.after > 0)).toBe(true);
      expect(h.some((e) => e.column === "neg" && e.after > e.before)).toBe(true);
    }
    const all = tracer.events();
    expect(all.length).toBe(tracer.length);
    expect(perStep.reduce((x, y) => x + y, 0)).toBe(all.length);
    const cut = all.filter((e) => e.column === "edgeActive");
    expect(cut.length).toBeGreaterThan(0);
    for (const e of cut) {
      expect(e.owner).toBe("M9");
      expect(e.before).toBe(1);
      expect(e.after).toBe(0);
      expect(e.contact).not.toBeNull();
    }
    expect(all.some((e) => e.column === "tier")).toBe(true);
    expect(all.some((e) => e.column === "latent")).toBe(true);
    expect(all.some((e) => e.column === "expressed")).toBe(true);
    // Silenced: privately dissenting, not saying so, at the end.
    expect(everyone.some((a) => state.latent[a] === 1 && state.expressed[a] === 0)).toBe(true);
    expect(all.every((e) => e.doc.length > 0)).toBe(true);
  });

  it("reports nothing when no step was taken, and only the columns asked for", () => {
    expect(tracer.observe()).toBe(0);
    const m = model();
    const only = new Tracer(m.world, [3, 4], { columns: (c) => c.name === "tier" });
    expect(only.columns.map((c) => c.name)).toEqual(["tier"]);
    expect(only.cells).toBe(2);
    for (let t = 0; t < 10; t++) {
      m.step();
      only.observe();
    }
    expect(only.events().every((e) => e.column === "tier")).toBe(true);
    expect(only.since).toBe(0);
  });

  it("keeps at most maxEvents and counts the rest as dropped", () => {
    const m = model();
    const small = new Tracer(m.world, everyone.slice(0, 200), { maxEvents: 50 });
    let seen = 0;
    for (let t = 0; t < 20; t++) {
      m.step();
      seen += small.observe();
    }
    expect(seen).toBeGreaterThan(50);
    expect(small.length).toBe(50);
    expect(small.dropped).toBe(seen - 50);
  });

  it("refuses agents that do not exist or are not watched", () => {
    expect(() => new Tracer(traced.world, [AGENTS])).toThrow(/no agent/);
    const one = new Tracer(traced.world, [5]);
    expect(() => one.history(6)).toThrow(/not watched/);
  });
});

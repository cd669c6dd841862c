import { describe, expect, it } from "vitest";
import { NOREG_CASES } from "../../../test/noreg/cases.js";
import { buildSimulation } from "../build.js";
import type { MechanismSpec } from "../mechanisms/define.js";
import { ScsModel } from "../model.js";
import { DECLARATIONS, declaredColumns } from "./build.js";

function model(name: string): ScsModel {
  const sim = buildSimulation(NOREG_CASES[name]());
  if (!(sim instanceof ScsModel)) throw new Error("expected an SCS model");
  return sim;
}

type Fields = Record<string, Record<string, unknown>>;

function snapshot(m: ScsModel): Map<string, string> {
  const out = new Map<string, string>();
  const tables = m.world.tables as unknown as Fields;
  for (const [id, t] of Object.entries(tables)) {
    for (const [k, v] of Object.entries(t ?? {})) {
      if (typeof v === "number") out.set(`${id}.${k}`, String(v));
      else if (ArrayBuffer.isView(v))
        out.set(`${id}.${k}`, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64"));
    }
  }
  return out;
}

describe("the state hash covers everything that carries over a step", () => {
  it("changes when any byte of any declared column changes", () => {
    const m = model("integrated-churn");
    for (let t = 0; t < 5; t++) m.step();
    const h0 = m.stateHash();
    const cols = m.world.state as unknown as Record<string, Uint8Array>;
    for (const { name } of declaredColumns()) {
      const c = cols[name];
      const bytes = new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
      const at = bytes.length >> 1;
      bytes[at] ^= 1;
      expect(m.stateHash(), name).not.toBe(h0);
      bytes[at] ^= 1;
    }
    expect(m.stateHash()).toBe(h0);
  });

  it("changes with every carried model-level variable (protest episodes, the cap, the climate of opinion)", () => {
    const m = model("integrated-churn");
    for (let t = 0; t < 5; t++) m.step();
    const h0 = m.stateHash();
    const tables = m.world.tables as unknown as Fields;
    let checked = 0;
    for (const d of DECLARATIONS as readonly MechanismSpec[]) {
      for (const f of d.carries ?? []) {
        const v = tables[d.id][f];
        if (typeof v === "number") {
          tables[d.id][f] = v + 1;
          expect(m.stateHash(), `${d.id}.${f}`).not.toBe(h0);
          tables[d.id][f] = v;
        } else {
          const a = v as Int32Array;
          a[0] ^= 1;
          expect(m.stateHash(), `${d.id}.${f}`).not.toBe(h0);
          a[0] ^= 1;
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(m.stateHash()).toBe(h0);
  });

  it("what it leaves out is scratch: overwriting every changing, uncarried table field changes no result", () => {
    const STOP = 40;
    const probe = model("integrated-churn");
    for (let t = 0; t < STOP; t++) probe.step();
    const before = snapshot(probe);
    probe.step();
    const after = snapshot(probe);
    const declared = new Set(
      (DECLARATIONS as readonly MechanismSpec[]).flatMap((d) =>
        [...(d.carries ?? []), ...(d.indexes ?? [])].map((f) => `${d.id}.${f}`),
      ),
    );
    const scratch = [...before.keys()].filter(
      (k) => before.get(k) !== after.get(k) && !declared.has(k),
    );
    expect(scratch.length).toBeGreaterThan(0); // the test has something to overwrite

    const a = model("integrated-churn");
    const b = model("integrated-churn");
    for (let t = 0; t < STOP; t++) {
      a.step();
      b.step();
    }
    const tables = b.world.tables as unknown as Fields;
    for (const key of scratch) {
      const [id, f] = key.split(".");
      const v = tables[id][f];
      if (typeof v === "number") tables[id][f] = v + 12345;
      else (v as Int32Array).fill(7);
    }
    for (let t = STOP; t < NOREG_CASES["integrated-churn"]().steps; t++) {
      a.step();
      b.step();
    }
    expect(b.stateHash(), `overwritten: ${scratch.join(", ")}`).toBe(a.stateHash());
  });
});

import { describe, expect, it } from "vitest";
import { MECHANISMS, PARAMS } from "../mechanisms/registry.generated.js";
import { SOCIETY_SECTIONS, SYSTEM_SECTIONS, systemOff } from "./counterfactual.js";
import { presetNames, presetScenario } from "./presets.js";
import type { ScsScenario } from "./schema.js";

const scs = (name: string) => presetScenario(name) as ScsScenario;
const strip = (s: ScsScenario) => ({ ...s, name: "", description: "" });

describe("systemOff: the same society with no system", () => {
  it("classifies every section of `mechanisms` as society or system, once", () => {
    const sections = PARAMS.flatMap((p) => Object.keys(p));
    expect(sections.length).toBe(new Set(sections).size);
    const classified = [...SOCIETY_SECTIONS, ...SYSTEM_SECTIONS];
    // B2's section, if any, is a metric setting, not a mechanism of the system.
    const b2 = Object.keys(PARAMS[MECHANISMS.findIndex((m) => m.id === "B2")] ?? {});
    expect(new Set([...classified, ...b2])).toEqual(new Set(sections));
  });

  it("the no-system preset is exactly the default society's counterfactual", () => {
    for (const p of ["integrated", "fragmented", "financial-only", "rights-respecting"]) {
      expect(strip(systemOff(scs(p))), p).toEqual(strip(scs("no-system")));
    }
  });

  it("keeps the society's behaviour sections and demand, empties every trigger", () => {
    const s = scs("integrated");
    const o = systemOff(s);
    expect(o.mechanisms.financial).toEqual(s.mechanisms.financial);
    expect(o.mechanisms.dissent).toEqual(s.mechanisms.dissent);
    expect(o.mechanisms.sanctions.flight.demand).toBe(s.mechanisms.sanctions.flight.demand);
    for (const k of ["loan", "flight", "rail", "school", "job", "social_media"] as const) {
      expect(o.mechanisms.sanctions[k].triggers).toEqual([]);
      expect(o.mechanisms.sanctions[k].fromTier).toBe("none");
    }
    expect(Object.values(o.mechanisms.subsystems).every((x) => !x.enabled)).toBe(true);
    expect(o.mechanisms.political.announced).toBe(false);
    expect(o.burnIn).toBe(s.burnIn);
    expect(o.steps).toBe(s.steps);
    expect(o.seed).toBe(s.seed);
  });

  it("is idempotent, and every preset has one", () => {
    for (const p of presetNames()) {
      const s = presetScenario(p);
      if (s.model !== "scs") continue;
      const o = systemOff(s);
      expect(strip(systemOff(o))).toEqual(strip(o));
    }
  });
});

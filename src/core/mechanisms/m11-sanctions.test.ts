import { describe, expect, it } from "vitest";
import { compare, explain, merge, metric, run, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest, signTest } from "../stats/index.js";
import { SANCTIONS } from "../subsystems.js";
import { sanctionsParams } from "./m11-sanctions.js";

/**
 * M11 — sanctions. Two effects: a denied attempt is counted as an attempt, not
 * as a person (calibration-facts.md §1: "person-times"); and an agent denied
 * social media loses its online voice (it speaks offline only).
 */
const REPS = 8;
/** Every sanction with its default demand, triggered by nothing. */
const defaults = sanctionsParams.parse({});
const noTriggers = Object.fromEntries(
  SANCTIONS.map((s) => [s, { ...defaults[s], triggers: [], fromTier: "none" }]),
);
const base = {
  agents: 3000,
  steps: 180,
  mechanisms: {
    subsystems: { financial: { enabled: true, listThreshold: 2 }, court: { enabled: true } },
    sanctions: noTriggers,
  },
};

/** Runs a scenario step by step; `each` sees the model after every step. */
function runWith(partial: Record<string, unknown>, each: (m: ScsModel) => void): ScsModel {
  const s = scenario(partial);
  const m = buildSimulation(s) as ScsModel;
  for (let t = 0; t < s.steps; t++) {
    m.step();
    each(m);
  }
  return m;
}

describe("M11 sanctions: denied attempts are attempts, not persons", () => {
  // A flight ban for the court and financial lists, high demand (one attempt in 20 days), no leakage.
  const flightBan = merge(base, {
    mechanisms: {
      sanctions: { leakage: 0, flight: { triggers: ["court", "financial"], demand: 0.05 } },
    },
  });

  it("denied flights exceed the distinct agents ever listed (paired t-test and sign test, p < 0.01)", () => {
    const persons: number[] = [];
    const denied: number[] = [];
    for (let seed = 1; seed <= REPS; seed++) {
      const s = merge(flightBan, { seed });
      let ever: Uint8Array | undefined;
      let attemptsBelowDenied = 0;
      const m = runWith(s, (mm) => {
        ever ??= new Uint8Array(mm.world.n);
        for (let i = 0; i < mm.world.n; i++) if (mm.world.state.listed[i]) ever[i] = 1;
        const t = mm.t;
        const tab = mm.metrics;
        if (tab.get(t, tab.index("attempts_flight")) < tab.get(t, tab.index("denied_flight")))
          attemptsBelowDenied++;
      });
      expect(attemptsBelowDenied, "attempts >= denied at every step").toBe(0);
      // Only a listed agent can be denied a flight here, so the agents ever listed bound
      // the distinct persons denied from above.
      persons.push(ever?.reduce((a, v) => a + v, 0) ?? 0);
      denied.push(metric("denied_flight", "total")(m));
      expect(metric("attempts_flight", "total")(m)).toBeGreaterThanOrEqual(denied.at(-1) ?? 0);
    }
    const diff = denied.map((d, k) => d - persons[k]);
    const c = { a: persons, b: denied, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
    expect(c.t.p, explain(c)).toBeLessThan(0.01);
    expect(c.sign.p, explain(c)).toBeLessThan(0.01);
  });

  it("with no triggers nothing is denied, though agents are listed and keep trying", () => {
    const m = run(scenario(merge(base, { seed: 1 })));
    expect(metric("listed")(m)).toBeGreaterThan(0);
    for (const s of SANCTIONS) expect(metric(`denied_${s}`, "total")(m), s).toBe(0);
    expect(metric("attempts_flight", "total")(m)).toBeGreaterThan(0);
    expect(metric("attempts_social_media", "total")(m)).toBeGreaterThan(0);
    expect(metric("attempts_loan", "total")(m)).toBeGreaterThan(0);
  });
});

describe("M11 sanctions: losing social media removes the online voice", () => {
  const socialOn = {
    mechanisms: { sanctions: { social_media: { triggers: ["court", "financial"], demand: 0.7 } } },
  };

  it("where the sanction applies to everyone, nobody posts online and every attempt is denied", () => {
    // fromTier A: every covered agent is in tier A or below, so social media is denied to all.
    const everyone = {
      mechanisms: { sanctions: { social_media: { fromTier: "A", demand: 0.7 } } },
    };
    const m = run(scenario(merge(merge(base, everyone), { seed: 1 })));
    expect(metric("offline_posts", "total")(m)).toBeGreaterThan(0);
    expect(metric("online_posts", "total")(m)).toBe(0);
    expect(metric("denied_social_media", "total")(m)).toBe(
      metric("attempts_social_media", "total")(m),
    );
    expect(metric("attempts_social_media", "total")(m)).toBeGreaterThan(0);
  });

  it("the sanction moves posts offline: fewer online posts (paired t-test and sign test, p < 0.01)", () => {
    // Negated so that the one-sided tests ask "fewer online posts with the sanction".
    const c = compare(base, {}, socialOn, REPS, (m) => -metric("online_posts", "total")(m));
    expect(c.t.p, explain(c)).toBeLessThan(0.01);
    expect(c.sign.p, explain(c)).toBeLessThan(0.01);
  });

  it("exactly the denied online posts are lost online and said offline instead", () => {
    for (let seed = 1; seed <= 2; seed++) {
      const off = run(scenario(merge(base, { seed })));
      const on = run(scenario(merge(merge(base, socialOn), { seed })));
      const denied = metric("denied_social_media", "total")(on);
      expect(denied).toBeGreaterThan(0);
      const online = (m: ScsModel) => metric("online_posts", "total")(m);
      const offline = (m: ScsModel) => metric("offline_posts", "total")(m);
      expect(online(off) - online(on)).toBe(denied);
      expect(offline(on) - offline(off)).toBe(denied);
    }
  });
});

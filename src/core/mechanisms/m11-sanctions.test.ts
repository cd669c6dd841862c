import { describe, expect, it } from "vitest";
import {
  compare,
  compareMany,
  expectEffect,
  merge,
  metric,
  pair,
  preset,
  run,
  SEEDS,
  scenario,
} from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import type { ScsModel } from "../model.js";
import { SANCTIONS } from "../subsystems.js";
import { sanctionsParams } from "./m11-sanctions.js";

/**
 * M11 — sanctions. Two effects: a denied attempt is counted as an attempt, not
 * as a person (calibration-facts.md §1: "person-times"); and an agent denied
 * social media loses its online voice (it speaks offline only).
 */
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

  it("denied flights exceed the distinct persons denied: travellers retry, at least a tenth more attempts than persons", () => {
    const persons: number[] = [];
    const denied: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const s = merge(flightBan, { seed });
      let ever: Uint8Array | undefined;
      let attemptsBelowDenied = 0;
      const m = runWith(s, (mm) => {
        ever ??= new Uint8Array(mm.world.n);
        // An agent denied travel learns of its ban (banKnownUntil is set at the denial).
        for (let i = 0; i < mm.world.n; i++) if (mm.world.state.banKnownUntil[i] > 0) ever[i] = 1;
        const t = mm.t;
        const tab = mm.metrics;
        if (tab.get(t, tab.index("attempts_flight")) < tab.get(t, tab.index("denied_flight")))
          attemptsBelowDenied++;
      });
      expect(attemptsBelowDenied, "attempts >= denied at every step").toBe(0);
      persons.push(ever?.reduce((a, v) => a + v, 0) ?? 0);
      denied.push(metric("denied_flight", "total")(m));
      expect(metric("attempts_flight", "total")(m)).toBeGreaterThanOrEqual(denied.at(-1) ?? 0);
    }
    const rel = denied.map((d, k) => d / persons[k] - 1);
    expectEffect(
      pair(
        rel.map(() => 0),
        rel,
      ),
      "increase",
      0.1,
      "denied attempts over distinct persons denied, − 1",
    );
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

  it("the sanction moves posts offline: fewer online posts", () => {
    const c = compare(base, {}, socialOn, SEEDS, metric("online_posts", "total"));
    expectEffect(c, "decrease", 0, "online posts, sanction − none");
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

describe("M11 sanctions: travellers retry, then learn they are banned", () => {
  const fragmented = preset("fragmented", { agents: 3000, burnIn: 365, steps: 365 });

  it("a traveller who knows it is banned books fewer trips: blocked attempts fall by at least a third", () => {
    const known = (v: number) => ({ mechanisms: { sanctions: { knownBanDemand: v } } });
    const c = compareMany(fragmented, known(1), known(0.1), SEEDS, {
      blocked: (m) => metric("denied_flight", "total")(m) + metric("denied_rail", "total")(m),
    }).blocked;
    const rel = c.b.map((v, k) => v / c.a[k] - 1);
    expectEffect(
      pair(
        rel.map(() => 0),
        rel,
      ),
      "decrease",
      1 / 3,
      "relative change of blocked attempts, known ban vs not",
    );
  });

  it("denied travellers try again: with retries, blocked attempts are at least 1.5 times those without", () => {
    const retry = (v: number) => ({ mechanisms: { sanctions: { retry: v } } });
    const c = compareMany(fragmented, retry(0), retry(0.7), SEEDS, {
      blocked: (m) => metric("denied_flight", "total")(m) + metric("denied_rail", "total")(m),
    }).blocked;
    const rel = c.b.map((v, k) => v / Math.max(1, c.a[k]));
    expectEffect(
      pair(
        rel.map(() => 1),
        rel,
      ),
      "increase",
      0.5,
      "blocked attempts, retry 0.7 over 0",
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STREAM } from "../rng/streams.js";
import { DECLARATIONS } from "./build.js";
import { type DrawSpec, overlaps, type Progression, progressionsMeet, word } from "./draws.js";

/** Every word of a progression below `limit`. */
function enumerate(p: Progression, limit: number): Set<number> {
  const out = new Set<number>();
  const stride = p.count === 1 ? 1 : p.stride;
  for (let k = 0; k < p.count; k++) {
    const w = p.start + stride * k;
    if (w >= limit) break;
    out.add(w);
  }
  return out;
}

const progression = fc.record({
  start: fc.integer({ min: 0, max: 200 }),
  stride: fc.integer({ min: 1, max: 12 }),
  count: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(Number.POSITIVE_INFINITY)),
});

describe("progressionsMeet", () => {
  it("agrees with enumerating both progressions (property)", () => {
    fc.assert(
      fc.property(progression, progression, (a, b) => {
        const limit = 2000;
        const sa = enumerate(a, limit);
        let brute = false;
        for (const w of enumerate(b, limit)) if (sa.has(w)) brute = true;
        // Unbounded progressions may first meet past the limit: only check that case one way.
        if (a.count === Number.POSITIVE_INFINITY && b.count === Number.POSITIVE_INFINITY) {
          if (brute) expect(progressionsMeet(a, b)).toBe(true);
        } else expect(progressionsMeet(a, b)).toBe(brute);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds the meeting of large strides (the product of the strides passes 2^31)", () => {
    const a = { start: 5, stride: 65_521, count: Number.POSITIVE_INFINITY };
    const b = { start: 7, stride: 65_519, count: Number.POSITIVE_INFINITY };
    expect(progressionsMeet(a, b)).toBe(true);
    expect(progressionsMeet(a, { start: 6, stride: 65_521 * 2, count: 100 })).toBe(false);
  });

  it("catches the collision engine 0.1.0 had: M9's words 2k + 1 reach M10's 0x7fff at 16,384 contacts", () => {
    const m9Before: DrawSpec = {
      stream: STREAM.ostracism,
      at: "any",
      words: [{ start: 1, stride: 2, count: Number.POSITIVE_INFINITY }],
    };
    const m10: DrawSpec = { stream: STREAM.ostracism, at: "any", words: [word(0x7fff)] };
    expect(overlaps(m9Before, m10)).toBe(true);
  });
});

/** Streams the model's other parts own: the network, the population columns, Epstein's grid. */
const RESERVED = [
  1,
  ...Array.from({ length: 30 }, (_, c) => STREAM.population + c),
  STREAM.epstein,
  // Experiments' streams, keyed by the master seed (src/core/experiment).
  ...[70, 71, 72, 73, 74, 75],
];

describe("the RNG word registry of the model", () => {
  const draws = DECLARATIONS.flatMap((d) =>
    Object.entries((d as { draws?: Record<string, DrawSpec> }).draws ?? {}).map(([name, spec]) => ({
      name: `${d.id}.${name}`,
      spec,
    })),
  );

  it("declares draws (the test below has something to check)", () => {
    expect(draws.length).toBeGreaterThan(15);
  });

  it("no two purposes can draw the same (stream, step, agent, word)", () => {
    const clashes: string[] = [];
    for (let a = 0; a < draws.length; a++) {
      for (let b = a + 1; b < draws.length; b++) {
        if (overlaps(draws[a].spec, draws[b].spec))
          clashes.push(`${draws[a].name} ↔ ${draws[b].name}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("mechanisms draw from none of the streams the network, the population and Epstein's model own", () => {
    for (const d of draws) expect(RESERVED, d.name).not.toContain(d.spec.stream);
  });

  it("block draws name lanes 0..3 once each", () => {
    for (const d of draws) {
      if (!("lanes" in d.spec)) continue;
      const lanes = Object.values(d.spec.lanes);
      expect(new Set(lanes).size, d.name).toBe(lanes.length);
    }
  });
});

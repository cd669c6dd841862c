import { describe, expect, it } from "vitest";
import { generateNetwork } from "../../src/core/network/index.js";
import { seed64 } from "../../src/core/rng/seed.js";
import { forestFire, sampleNetwork } from "../src/worker/sample.js";

const n = 5000;
const group = new Uint8Array(n).map((_, i) => (i % 10 === 0 ? 1 : 0));
const region = new Uint16Array(n).map((_, i) => i % 5);
const g = generateNetwork(
  { kind: "sbm", meanDegree: 12, rewire: 0.1, homophily: { group: 0.5, region: 0.8 } },
  { n, seed: seed64(3), group, region },
);

describe("the sampled sub-network", () => {
  it("has the size asked for, distinct agents, and the same sample for the same seed", () => {
    const a = forestFire(g, 600, 42);
    expect(a).toHaveLength(600);
    expect(new Set(a).size).toBe(600);
    expect([...forestFire(g, 600, 42)]).toEqual([...a]);
    expect([...forestFire(g, 600, 43)]).not.toEqual([...a]);
    expect(forestFire(g, 2 * n, 1)).toHaveLength(n);
  });

  it("keeps local structure: far more ties among its agents than a uniform sample", () => {
    const s = sampleNetwork(g, group, 600, 7);
    // A uniform sample of 600 of 5000 keeps 12 × 600 × 599/4999 / 2 ≈ 430 ties.
    expect(s.src.length).toBeGreaterThan(1000);
    for (let k = 0; k < s.src.length; k++) {
      const a = s.agents[s.src[k]];
      const b = s.agents[s.dst[k]];
      expect(g.targets[s.entries[k]]).toBe(b);
      expect(s.entries[k]).toBeGreaterThanOrEqual(g.offsets[a]);
      expect(s.entries[k]).toBeLessThan(g.offsets[a + 1]);
      expect(s.src[k]).toBeLessThan(s.dst[k]);
    }
    expect(s.x.every(Number.isFinite) && s.y.every(Number.isFinite)).toBe(true);
    expect([...s.group]).toEqual([...s.agents].map((a) => group[a]));
  });
});

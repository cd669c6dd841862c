import { describe, expect, it } from "vitest";
import { UserError } from "../errors.js";
import { seed64 } from "../rng/seed.js";
import { checkCsr } from "./build-csr.js";
import {
  estimateNetworkBytes,
  generateNetwork,
  NETWORK_KINDS,
  type NetworkKind,
  type NetworkSpec,
} from "./index.js";
import { meanDegree, withinShare } from "./metrics.js";

// Element-wise, because deep equality on large typed arrays is slow.
const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
  x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);

const n = 10_000;
const group = Uint8Array.from({ length: n }, (_, i) => i % 3);
const region = Uint16Array.from({ length: n }, (_, i) => Math.floor(i / 3) % 7);
const ctx = { n, seed: seed64(2024), group, region };

describe("generateNetwork", () => {
  it.each(NETWORK_KINDS)("builds a valid %s graph near the requested mean degree", (kind) => {
    const g = generateNetwork(
      { kind, meanDegree: 8, rewire: 0.2, homophily: { group: 0.5, region: 0.5 } },
      ctx,
    );
    checkCsr(g);
    expect(g.n).toBe(n);
    expect(Math.abs(meanDegree(g) - 8)).toBeLessThan(0.2);
    // The memory guard must not undercount what the result alone occupies.
    expect(estimateNetworkBytes(kind, n, 8)).toBeGreaterThan(
      g.offsets.byteLength + g.targets.byteLength,
    );
  });

  it("wires the SBM homophily dials through", () => {
    const share = (h: number) =>
      withinShare(
        generateNetwork({ kind: "sbm", meanDegree: 8, homophily: { group: h, region: 0 } }, ctx),
        group,
      );
    expect(share(0.8)).toBeGreaterThan(share(0) + 0.5);
  });

  it("depends on the seed only through ctx.seed", () => {
    const spec: NetworkSpec = { kind: "erdos-renyi", meanDegree: 4 };
    const a = generateNetwork(spec, { ...ctx, n: 2_000 });
    const b = generateNetwork(spec, { ...ctx, n: 2_000 });
    const c = generateNetwork(spec, { ...ctx, n: 2_000, seed: seed64(2025) });
    expect(same(a.targets, b.targets)).toBe(true);
    expect(same(a.targets, c.targets)).toBe(false);
  });

  it("reports unusable parameters as UserError", () => {
    const bad =
      (spec: NetworkSpec, over: Partial<typeof ctx> = {}) =>
      () =>
        generateNetwork(spec, { ...ctx, ...over });
    expect(bad({ kind: "erdos-renyi", meanDegree: -2 })).toThrow(UserError);
    expect(bad({ kind: "erdos-renyi", meanDegree: 50 }, { n: 20 })).toThrow(/exceeds n - 1/);
    expect(bad({ kind: "watts-strogatz", meanDegree: 9 }, { n: 10 })).toThrow(/ring degree/);
    expect(bad({ kind: "watts-strogatz", meanDegree: 4, rewire: 2 })).toThrow(/rewire/);
    expect(bad({ kind: "sbm", meanDegree: 4, homophily: { group: -1, region: 0 } })).toThrow(
      /group homophily/,
    );
    expect(bad({ kind: "nope" as NetworkKind, meanDegree: 4 })).toThrow(/unknown network kind/);
    expect(() => generateNetwork({ kind: "sbm", meanDegree: 4 }, { n, seed: ctx.seed })).toThrow(
      /group and region/,
    );
  });
});

describe("estimateNetworkBytes", () => {
  it("grows linearly in n and in the mean degree", () => {
    for (const kind of NETWORK_KINDS) {
      const a = estimateNetworkBytes(kind, 1e6, 20);
      expect(estimateNetworkBytes(kind, 2e6, 20) / a).toBeCloseTo(2, 4);
      expect(estimateNetworkBytes(kind, 1e6, 40)).toBeGreaterThan(1.5 * a);
    }
    // 10M agents at mean degree 20 stay within a 6 GB budget for every kind.
    for (const kind of NETWORK_KINDS) {
      expect(estimateNetworkBytes(kind, 1e7, 20, 0.3)).toBeLessThan(4e9);
    }
  });
});

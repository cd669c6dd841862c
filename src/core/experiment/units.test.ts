import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seed64, seedValue } from "../rng/seed.js";
import { parseScenario } from "../scenario/load.js";
import { canonicalJson } from "./canonical-json.js";
import { parseExperiment, prepareExperiment } from "./prepare.js";
import { unitSeed } from "./seeds.js";
import { sha256Hex } from "./sha256.js";
import { runId, unitAt, unitId, unitScenario } from "./units.js";

describe("unit seeds", () => {
  const master = seed64(42);

  it("are distinct for every (point, replication) of a study (unpaired)", () => {
    const seen = new Set<string>();
    for (let p = 0; p < 300; p++) {
      for (let r = 0; r < 30; r++) seen.add(seedValue(unitSeed(master, p, r, false)));
    }
    expect(seen.size).toBe(9000);
  });

  it("never collide, whatever the indices: the derivation is a permutation (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 2 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 2 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (p1, r1, p2, r2) => {
          const same = p1 === p2 && r1 === r2;
          const equal =
            seedValue(unitSeed(master, p1, r1, false)) ===
            seedValue(unitSeed(master, p2, r2, false));
          return same === equal;
        },
      ),
      { numRuns: 2000, seed: 5 },
    );
  });

  it("paired: replication r is the same seed at every point, and differs between replications", () => {
    const r0 = seedValue(unitSeed(master, 0, 0, true));
    expect(seedValue(unitSeed(master, 17, 0, true))).toBe(r0);
    expect(seedValue(unitSeed(master, 17, 1, true))).not.toBe(r0);
    // Paired seeds are none of the unpaired ones of the same study.
    expect(seedValue(unitSeed(master, 0, 0, false))).not.toBe(r0);
  });

  it("depend on the master seed, and are frozen (noreg)", () => {
    expect(seedValue(unitSeed(seed64(43), 0, 0, false))).not.toBe(
      seedValue(unitSeed(master, 0, 0, false)),
    );
    expect([
      seedValue(unitSeed(master, 0, 0, false)),
      seedValue(unitSeed(master, 1, 0, false)),
      seedValue(unitSeed(master, 0, 1, true)),
    ]).toEqual(["3006415303077905123", "15819228681461154388", "11341359358585564575"]);
  });

  it("refuse indices out of range", () => {
    expect(() => unitSeed(master, -1, 0, false)).toThrow(RangeError);
    expect(() => unitSeed(master, 2 ** 32 - 1, 0, false)).toThrow(RangeError);
    expect(() => unitSeed(master, 0, 1.5, false)).toThrow(RangeError);
  });
});

describe("canonical JSON and SHA-256", () => {
  it("SHA-256 matches FIPS 180-4's examples", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    // A million 'a's crosses many blocks.
    expect(sha256Hex("a".repeat(1_000_000))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
    // UTF-8: "é" is two bytes.
    expect(sha256Hex("é")).toBe(sha256Hex("\u00e9"));
  });

  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: "x" }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[3,1]},"b":1}',
    );
    expect(canonicalJson([0.1, -0, 1e21, true, null])).toBe("[0.1,0,1e+21,true,null]");
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });

  it("does not depend on key order (property)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())),
        (d) => {
          const reversed = Object.fromEntries(Object.entries(d).reverse());
          return canonicalJson(d) === canonicalJson(reversed);
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });
});

describe("unit ids", () => {
  const base = parseScenario(
    readFileSync("scenarios/financial-only.yaml", "utf8"),
    "financial-only",
  );
  const p = prepareExperiment(
    parseExperiment(
      "version: 1\nbase: {preset: financial-only, overrides: {agents: 100}}\nfactors:\n  - path: mechanisms.financial.deterrence\n    levels: [0.2, 0.8]\ndesign: {type: grid}\nreplications: 2\nmetrics: [{metric: listed}]\n",
    ),
    { base },
  );

  it("hash the resolved scenario, the seed and the engine version", () => {
    const u = unitAt(p, 0);
    const s = unitScenario(p, u);
    expect(unitId(p, u)).toBe(runId(s, u.seed, p.engineVersion));
    expect(unitId(p, u)).toMatch(/^[0-9a-f]{32}$/);
    // Another replication (seed), another point (value), another engine: another id.
    const ids = new Set([0, 1, 2, 3].map((i) => unitId(p, unitAt(p, i))));
    expect(ids.size).toBe(4);
    expect(runId(s, u.seed, "9.9.9")).not.toBe(unitId(p, u));
  });

  it("do not depend on the key order of the scenario", () => {
    const u = unitAt(p, 1);
    const s = unitScenario(p, u) as unknown as Record<string, unknown>;
    const shuffled = Object.fromEntries(Object.entries(s).reverse());
    expect(runId(shuffled, u.seed, p.engineVersion)).toBe(unitId(p, u));
  });

  it("paired replications share seeds across points but not ids", () => {
    expect(p.paired).toBe(true);
    expect(seedValue(unitAt(p, 0).seed)).toBe(seedValue(unitAt(p, 2).seed));
    expect(unitId(p, unitAt(p, 0))).not.toBe(unitId(p, unitAt(p, 2)));
  });
});

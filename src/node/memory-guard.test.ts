import { describe, expect, it } from "vitest";
import { UserError } from "../core/errors.js";
import { validateScenario } from "../core/scenario/load.js";
import type { Scenario } from "../core/scenario/schema.js";
import { checkMemory, estimateBytes, formatBytes, parseBytes } from "./memory-guard.js";

function scs(agents: number, meanDegree = 20, kind = "sbm", steps = 100): Scenario {
  return validateScenario({ agents, steps, network: { kind, meanDegree } });
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

describe("estimateBytes", () => {
  it("grows linearly with agents", () => {
    for (const kind of ["sbm", "erdos-renyi", "watts-strogatz", "barabasi-albert"]) {
      const e1 = estimateBytes(scs(100_000, 20, kind));
      const e2 = estimateBytes(scs(200_000, 20, kind));
      const e3 = estimateBytes(scs(300_000, 20, kind));
      const e5 = estimateBytes(scs(500_000, 20, kind));
      expect(e2).toBeGreaterThan(e1);
      // Equal increments for equal steps in n: affine in n.
      expect(e3 - e2).toBeCloseTo(e2 - e1, 0);
      expect(e5 - e3).toBeCloseTo(2 * (e2 - e1), 0);
    }
  });

  it("grows linearly with mean degree", () => {
    for (const kind of ["sbm", "erdos-renyi"]) {
      const d10 = estimateBytes(scs(100_000, 10, kind));
      const d20 = estimateBytes(scs(100_000, 20, kind));
      const d30 = estimateBytes(scs(100_000, 30, kind));
      expect(d20).toBeGreaterThan(d10);
      expect(d30 - d20).toBeCloseTo(d20 - d10, 0);
    }
  });

  it("counts at least 4 bytes per CSR entry, plus the per-agent columns", () => {
    const n = 1_000_000;
    const d = 40;
    const e = estimateBytes(scs(n, d));
    // A CSR alone holds n·d int32 targets.
    expect(e).toBeGreaterThan(4 * n * d + 100 * n);
    // …and the estimate is not absurd either (under 1 KiB per tie).
    expect(e).toBeLessThan(1024 * n * d);
  });

  it("grows with steps (the metrics table)", () => {
    expect(estimateBytes(scs(1000, 20, "sbm", 10_000))).toBeGreaterThan(
      estimateBytes(scs(1000, 20, "sbm", 100)),
    );
  });

  it("prices an epstein grid by its cells", () => {
    const grid = (width: number) =>
      estimateBytes(validateScenario({ model: "epstein", epstein: { width } }));
    expect(grid(1000)).toBeGreaterThan(grid(100));
    // Cells grow linearly with the width (height fixed): equal increments.
    expect(grid(300) - grid(200)).toBeCloseTo(grid(200) - grid(100), 0);
    expect(grid(1000) - grid(100)).toBeCloseTo(9 * (grid(200) - grid(100)), 0);
  });
});

describe("checkMemory", () => {
  it("throws a UserError naming the estimate and the limit when the limit is small", () => {
    const s = scs(2_000_000);
    const need = estimateBytes(s);
    let err: unknown;
    try {
      checkMemory(s, 64 * MiB);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as UserError).message;
    expect(msg).toContain(`needs about ${formatBytes(need)}`);
    expect(msg).toContain("the limit is 64 MiB");
    expect((err as UserError).hint).toMatch(/--max-memory/);
  });

  it("passes with a large limit and returns the estimate", () => {
    const s = scs(2_000_000);
    expect(checkMemory(s, 1024 * GiB)).toBe(estimateBytes(s));
  });

  it("refuses exactly above the estimate and accepts at it", () => {
    const s = scs(10_000);
    const need = estimateBytes(s);
    expect(() => checkMemory(s, need - 1)).toThrow(UserError);
    expect(checkMemory(s, need)).toBe(need);
  });

  it("compares with the free memory when no limit is given", () => {
    // 200 million agents at degree 10,000 needs petabytes: no machine has that free.
    const s = scs(200_000_000, 10_000);
    expect(() => checkMemory(s)).toThrow(/needs about .* but only .* is free/);
  });
});

describe("parseBytes", () => {
  it.each([
    ["6G", 6 * GiB],
    ["6g", 6 * GiB],
    ["6GiB", 6 * GiB],
    ["6 GB", 6 * GiB],
    ["512M", 512 * MiB],
    ["1.5g", 1.5 * GiB],
    ["64k", 64 * 1024],
    ["2T", 2 * 2 ** 40],
    ["1000000", 1_000_000],
    [" 8G ", 8 * GiB],
  ])("reads %j as %d bytes", (text, want) => {
    expect(parseBytes(text)).toBe(want);
  });

  it.each(["", "G", "abc", "-1G", "6X", "6GG", "1e9", "6 G B", "1,5G", "0x10"])(
    "refuses %j with a UserError that shows how to write it",
    (text) => {
      expect(() => parseBytes(text)).toThrow(UserError);
      expect(() => parseBytes(text)).toThrow(/--max-memory: cannot read .* e\.g\. 8G/);
    },
  );
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1.5 * GiB)).toBe("1.5 GiB");
    expect(formatBytes(64 * MiB)).toBe("64 MiB");
  });
});

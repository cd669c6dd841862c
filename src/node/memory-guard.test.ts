import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { tmpDir } from "../../test/tmp-dir.js";
import { UserError } from "../core/errors.js";
import { metricNames } from "../core/world/build.js";

const SCS_METRICS = metricNames();

import { validateScenario } from "../core/scenario/load.js";
import type { Scenario } from "../core/scenario/schema.js";
import { availableMemory, cgroupV2Room } from "./available-memory.js";
import { MAX_LINE_BYTES, scanEdgeList } from "./edge-list.js";
import {
  checkMemory,
  checkMemoryFor,
  edgeListPeakBytes,
  estimateBytes,
  formatBytes,
  metricsTableBytes,
  parseBytes,
} from "./memory-guard.js";

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
    expect(msg).toContain("the limit (--max-memory) is 64 MiB");
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

describe("long runs: the metrics table is counted", () => {
  it("costs (steps + 1) × metrics × (groups + 1) doubles", () => {
    const s = scs(10, 4, "erdos-renyi", 1_000_000);
    expect(metricsTableBytes(s)).toBe(1_000_001 * SCS_METRICS.length * 3 * 8);
    expect(estimateBytes(s) - estimateBytes(scs(10, 4, "erdos-renyi", 10))).toBe(
      (1_000_000 - 10) * SCS_METRICS.length * 3 * 8,
    );
  });
});

describe("edge lists: priced from the file, refused before loading", () => {
  function edgeScenario(file: string, agents = 1000): Scenario {
    return validateScenario({ agents, network: { kind: "edge-list", path: file } });
  }

  it("counts the lines in a streaming pass, plain or gzipped", async () => {
    const dir = tmpDir();
    const text = `source,target\n${Array.from({ length: 999 }, (_, i) => `${i},${i + 1}`).join("\n")}`;
    fs.writeFileSync(path.join(dir, "e.csv"), text);
    fs.writeFileSync(path.join(dir, "e.csv.gz"), gzipSync(text));
    expect(await scanEdgeList(path.join(dir, "e.csv"))).toEqual({
      lines: 1000,
      gz: false,
      complete: true,
    });
    expect(await scanEdgeList(path.join(dir, "e.csv.gz"))).toEqual({
      lines: 1000,
      gz: true,
      complete: true,
    });
    expect((await scanEdgeList(path.join(dir, "e.csv"), 10)).complete).toBe(false);
    const need = await checkMemoryFor(edgeScenario("e.csv.gz"), dir, 1024 * GiB);
    expect(need.edgeListLines).toBe(1000);
    expect(need.bytes).toBe(estimateBytes(edgeScenario("e.csv.gz"), { edgeListLines: 1000 }));
  });

  it("refuses a gzip whose lines would not fit, without reading it all", async () => {
    const dir = tmpDir();
    // 4 million short lines in ~20 KiB of gzip: the ratio is not bounded, the line count is.
    fs.writeFileSync(
      path.join(dir, "big.csv.gz"),
      gzipSync(Buffer.from("0,1\n".repeat(4_000_000))),
    );
    const s = edgeScenario("big.csv.gz");
    const limit = estimateBytes(s, { edgeListLines: 0 }) + edgeListPeakBytes(100_000);
    const err = await checkMemoryFor(s, dir, limit).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(
      /the edge list big\.csv\.gz \(more than 100,001 lines\) needs more than/,
    );
  });

  it("refuses a sparse file and a gzip of zeros as not an edge list (no RangeError)", async () => {
    const dir = tmpDir();
    const sparse = path.join(dir, "sparse.csv");
    fs.closeSync(fs.openSync(sparse, "w"));
    fs.truncateSync(sparse, 2 ** 30); // 1 GiB of zero bytes, no disk used
    fs.writeFileSync(path.join(dir, "zeros.gz"), gzipSync(Buffer.alloc(8 * 2 ** 20)));
    for (const f of ["sparse.csv", "zeros.gz"]) {
      const err = await checkMemoryFor(edgeScenario(f), dir).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toContain(
        `line longer than ${MAX_LINE_BYTES} bytes: this is not an edge list`,
      );
    }
  });
});

describe("container limits", () => {
  /** A fake cgroup v2 tree: /proc/self/cgroup naming /a/b, with memory.max at each level. */
  function fakeCgroup(levels: Record<string, [string, string]>) {
    const root = tmpDir();
    const proc = path.join(root, "cgroup");
    fs.writeFileSync(proc, "0::/a/b\n");
    for (const [rel, [max, current]] of Object.entries(levels)) {
      const d = path.join(root, "fs", rel);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, "memory.max"), `${max}\n`);
      fs.writeFileSync(path.join(d, "memory.current"), `${current}\n`);
    }
    return { procCgroup: proc, roots: [path.join(root, "fs")] };
  }

  it("reads memory.max less memory.current, the tightest over the cgroup and its ancestors", () => {
    const paths = fakeCgroup({
      "a/b": ["max", "100"],
      a: [String(512 * MiB), String(112 * MiB)],
      "": ["max", "0"],
    });
    expect(cgroupV2Room(paths)?.bytes).toBe(400 * MiB);
    expect(cgroupV2Room(fakeCgroup({ "a/b": ["max", "0"] }))).toBeUndefined();
  });

  it("a container limit bounds even an explicit --max-memory", () => {
    const paths = fakeCgroup({ "a/b": [String(300 * MiB), String(100 * MiB)] });
    expect(availableMemory(64 * GiB, paths)).toMatchObject({ bytes: 200 * MiB });
    expect(availableMemory(100 * MiB, paths)).toEqual({
      bytes: 100 * MiB,
      source: "the limit (--max-memory)",
    });
    const err = (() => {
      try {
        checkMemory(scs(2_000_000), 64 * GiB, paths);
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect(err?.message).toMatch(
      /but the cgroup limit \(.*memory\.max less memory\.current\) is 200 MiB/,
    );
  });

  it("without cgroup files, the free memory (or the limit) is the bound", () => {
    const none = { procCgroup: "/nonexistent/cgroup", roots: [] };
    expect(availableMemory(5 * GiB, none).bytes).toBeLessThanOrEqual(5 * GiB);
    expect(availableMemory(undefined, none).bytes).toBeGreaterThan(0);
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

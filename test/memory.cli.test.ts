/**
 * The memory guard's estimate bounds the peak RSS of real runs (issue 7,
 * defect 5): every network generator, an edge list, and 10 to 1,000,000
 * steps, each run as `scsim run` in a child process whose peak RSS
 * (getrusage maxrss) a preloaded probe reports at exit. Prints the table of
 * estimate vs measured. Sizes are kept small enough for the suite (50k
 * agents; the million-step run has 8 agents and stores every 100th step),
 * large enough that what grows with the run dominates the constant part.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/core/scenario/load.js";
import { checkMemoryFor, formatBytes } from "../src/node/memory-guard.js";
import { ROOT, scsim, tmpDir } from "./cli-helpers.js";

const PROBE = path.join(ROOT, "test", "fixtures", "rss-probe.mjs");

interface Case {
  label: string;
  /** The scenario file's content (YAML). */
  yaml: string;
  /** Extra `scsim run` arguments (overrides, --store-every). */
  args: string[];
  /** Files the scenario needs beside it. */
  files?: Record<string, Buffer>;
}

function randomEdges(n: number, m: number): Buffer {
  const lines = ["source,target"];
  let x = 12345;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % n;
  };
  for (let i = 0; i < m; i++) {
    const a = next();
    const b = (a + 1 + (next() % (n - 1))) % n;
    lines.push(`${a},${b}`);
  }
  return gzipSync(`${lines.join("\n")}\n`);
}

const generator = (kind: string): Case => ({
  label: `${kind}, 50k agents, degree 20, 10 steps`,
  yaml: `name: ${kind}\nagents: 50000\nsteps: 10\nnetwork:\n  kind: ${kind}\n  meanDegree: 20\n`,
  args: [],
});

/** One edge list for both edge-list tests: 50k nodes, 400k lines, gzipped. */
const EDGES = randomEdges(50_000, 400_000);

const CASES: Case[] = [
  {
    label: "8 agents, 10 steps",
    yaml: "name: tiny\nagents: 8\nsteps: 10\nnetwork:\n  meanDegree: 4\n",
    args: [],
  },
  ...["sbm", "erdos-renyi", "watts-strogatz", "barabasi-albert"].map(generator),
  {
    label: "edge list (gzip, 400k lines), 50k agents",
    yaml: "name: edges\nagents: 50000\nsteps: 10\nnetwork:\n  kind: edge-list\n  path: edges.csv.gz\n",
    args: [],
    files: { "edges.csv.gz": EDGES },
  },
  {
    label: "8 agents, 1,000,000 steps (--store-every 100)",
    yaml: "name: million\nagents: 8\nsteps: 1000000\nnetwork:\n  meanDegree: 4\n",
    args: ["--store-every", "100"],
  },
];

interface Row {
  label: string;
  estimate: number;
  measured: number;
}

async function measure(c: Case): Promise<Row> {
  const dir = tmpDir("scsim-mem-");
  fs.writeFileSync(path.join(dir, "s.yaml"), c.yaml);
  for (const [f, data] of Object.entries(c.files ?? {})) fs.writeFileSync(path.join(dir, f), data);
  const s = parseScenario(c.yaml);
  const { bytes: estimate } = await checkMemoryFor(s, dir, 2 ** 50);
  const r = await scsim(["run", "s.yaml", "--quiet", "--out", path.join(dir, "out"), ...c.args], {
    cwd: dir,
    nodeArgs: ["--import", PROBE],
    timeoutMs: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const measured = Number(/scsim-peak-rss (\d+)/.exec(r.stderr)?.[1]);
  expect(measured).toBeGreaterThan(0);
  return { label: c.label, estimate, measured };
}

/** Runs `fn` on every item, at most `width` at a time (the machine has 2 cores). */
async function pool<T, U>(items: T[], width: number, fn: (t: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

describe("the memory estimate bounds the measured peak RSS", () => {
  it("for every generator, an edge list, and 10 to 1,000,000 steps", async () => {
    // The longest first, so that the two slots finish together.
    const order = [CASES.length - 1, ...CASES.keys()].filter((v, i, a) => a.indexOf(v) === i);
    const rows = await pool(
      order.map((i) => CASES[i]),
      2,
      measure,
    );
    const table = rows
      .map(
        (r) =>
          `  ${r.label.padEnd(48)} ${formatBytes(r.estimate).padStart(9)} ${formatBytes(r.measured).padStart(9)}  ${(r.estimate / r.measured).toFixed(2)}×`,
      )
      .join("\n");
    console.log(
      `  ${"run".padEnd(48)} ${"estimate".padStart(9)} ${"measured".padStart(9)}  ratio\n${table}`,
    );
    for (const r of rows) expect(r.estimate, r.label).toBeGreaterThanOrEqual(r.measured);
  });

  it("refuses up front what does not fit: a 400k-line edge list under --max-memory 330M", async () => {
    const dir = tmpDir("scsim-mem-");
    fs.writeFileSync(path.join(dir, "e.gz"), EDGES);
    fs.writeFileSync(
      path.join(dir, "s.yaml"),
      "agents: 50000\nsteps: 10\nnetwork:\n  kind: edge-list\n  path: e.gz\n",
    );
    const r = await scsim(["run", "s.yaml", "--max-memory", "330M", "--out", "out"], {
      cwd: dir,
      nodeArgs: ["--import", PROBE],
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /the edge list e\.gz \(more than [\d,]+ lines\) needs more than .* but the limit \(--max-memory\) is 330 MiB/,
    );
    // Refused before loading: the process never grew near the file's needs.
    expect(Number(/scsim-peak-rss (\d+)/.exec(r.stderr)?.[1])).toBeLessThan(200 * 2 ** 20);
    expect(fs.existsSync(path.join(dir, "out", "results.duckdb"))).toBe(false);
  });
});

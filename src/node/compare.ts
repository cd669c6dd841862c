/**
 * `scsim compare`: runs several scenarios on the same seeds, stores every run
 * in DIR/results.duckdb, and writes the B2 comparison (DIR/compare.html,
 * DIR/compare.csv). The table itself is computed in src/report/compare.ts.
 */
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { ScsModel } from "../core/model.js";
import type { Scenario } from "../core/scenario/schema.js";
import type { Simulation } from "../core/simulation.js";
import { ENGINE_VERSION } from "../core/version.js";
import {
  type CompareRun,
  type CompareScenario,
  type CompareTable,
  compareCsv,
  compareTable,
  renderCompareReport,
} from "../report/compare.js";
import { writeFileAtomic } from "./atomic-write.js";
import { checkMemory } from "./memory-guard.js";
import { type ProgressSink, runScenario } from "./run.js";
import type { LoadedScenario } from "./scenario-file.js";

/** File names of the comparison inside the output directory. */
export const COMPARE_HTML_FILE = "compare.html";
export const COMPARE_CSV_FILE = "compare.csv";

/** One scenario to compare: its column label and the loaded scenario (overrides applied). */
export interface CompareInput {
  name: string;
  loaded: LoadedScenario;
}

/** What the caller hears about each run. */
export interface CompareRunEvent {
  /** 1-based number of this run, and the number of runs. */
  index: number;
  total: number;
  scenario: string;
  seed: string;
  agents: number;
  steps: number;
  buildSeconds: number;
  stepSeconds: number;
}

export interface CompareOptions {
  /** Output directory (created if missing): results.duckdb, compare.html, compare.csv. */
  out: string;
  /** The seeds every scenario runs on. */
  seeds: readonly (number | string)[];
  maxMemory?: number;
  /** Called before each run (e.g. to print a line). */
  onRunStart?: (e: Omit<CompareRunEvent, "buildSeconds" | "stepSeconds">) => void;
  /** Called after each run is stored. */
  onRunDone?: (e: CompareRunEvent) => void;
  /** Progress of each run's steps. */
  progress?: () => ProgressSink;
  /** The command line, recorded in compare.html. */
  command?: string;
}

export interface CompareResult {
  scenarios: CompareScenario[];
  table: CompareTable;
  /** Files written: results.duckdb, metrics.parquet, compare.html, compare.csv. */
  files: string[];
}

/**
 * Mean number of ties per agent at the end, counted as the `listed_degree`
 * metric counts them: ties kept (not cut). Undefined for models without a
 * network.
 */
export function meanActiveDegree(sim: Simulation): number | undefined {
  if (!(sim instanceof ScsModel) || sim.agents === 0) return undefined;
  const kept = sim.world.state.keptTies;
  let d = 0;
  for (let i = 0; i < kept.length; i++) d += kept[i];
  return d / kept.length;
}

/** Makes column labels unique: a repeated name gets " (2)", " (3)", ... */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(names);
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    if (k === 1) return n;
    let label = `${n} (${k})`;
    while (taken.has(label)) label = `${label}′`;
    taken.add(label);
    return label;
  });
}

function withSeed(s: Scenario, seed: number | string): Scenario {
  return { ...s, seed } as Scenario;
}

/**
 * Runs every scenario on every seed (scenario by scenario, seeds in order),
 * stores each run in `out`/results.duckdb (preset column: the preset name, or
 * null for a scenario file, as `scsim run` stores it), then writes
 * compare.html and compare.csv atomically. Every scenario is checked (model,
 * memory) before the first run starts.
 */
export async function runCompare(
  inputs: readonly CompareInput[],
  opts: CompareOptions,
): Promise<CompareResult> {
  if (inputs.length === 0) throw new UserError("give at least one scenario to compare");
  if (opts.seeds.length === 0) throw new UserError("give at least one seed");
  for (const { loaded } of inputs) {
    if (loaded.scenario.model !== "scs") {
      throw new UserError(
        `${loaded.source} uses model "${loaded.scenario.model}": compare needs social-credit-system (model: scs) scenarios`,
        "The B2 measures (blacklists, chilling, sanctions, defaults) exist only in the scs model.",
      );
    }
    checkMemory(loaded.scenario, opts.maxMemory);
  }
  const total = inputs.length * opts.seeds.length;
  const files = new Set<string>();
  const scenarios: CompareScenario[] = [];
  let index = 0;
  for (const { name, loaded } of inputs) {
    const runs: CompareRun[] = [];
    for (const seed of opts.seeds) {
      index++;
      const s = withSeed(loaded.scenario, seed);
      const agents = s.model === "scs" ? s.agents : 0;
      const event = { index, total, scenario: name, seed: String(seed), agents, steps: s.steps };
      opts.onRunStart?.(event);
      const res = await runScenario(s, {
        out: opts.out,
        preset: loaded.preset,
        baseDir: loaded.baseDir,
        maxMemory: opts.maxMemory,
        progress: opts.progress?.(),
        report: false,
        provenance: {
          command: opts.command ?? null,
          overrides: loaded.overrides ?? [],
          scenarioFile: loaded.file,
        },
      });
      for (const f of res.files) files.add(f);
      runs.push({
        seed: String(seed),
        agents: res.sim.agents,
        metrics: res.metrics,
        meanDegree: meanActiveDegree(res.sim),
      });
      opts.onRunDone?.({
        ...event,
        agents: res.sim.agents,
        buildSeconds: res.buildSeconds,
        stepSeconds: res.stepSeconds,
      });
    }
    scenarios.push({
      name,
      runs,
      source: loaded.source,
      preset: loaded.preset,
      description: loaded.scenario.description,
      // The seed is set per run: leave the file's seed out of the record.
      scenario: { ...loaded.scenario, seed: undefined },
    });
  }
  const table = compareTable(scenarios);
  const htmlPath = join(opts.out, COMPARE_HTML_FILE);
  writeFileAtomic(
    htmlPath,
    renderCompareReport({
      scenarios,
      table,
      seeds: opts.seeds.map(String),
      engineVersion: ENGINE_VERSION,
      generatedAt: new Date(),
      command: opts.command,
    }),
  );
  const csvPath = join(opts.out, COMPARE_CSV_FILE);
  writeFileAtomic(csvPath, compareCsv(table));
  files.add(htmlPath);
  files.add(csvPath);
  return { scenarios, table, files: [...files] };
}

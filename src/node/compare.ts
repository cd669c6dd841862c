/**
 * `scsim compare`: runs several scenarios on the same seeds, and each one's
 * counterfactual (the same society without the system, `systemOff`) on the
 * same seeds too, stores every run in DIR, and writes the B2 comparison
 * (DIR/compare.html, DIR/compare.csv). The table itself is computed in
 * src/core/compare/.
 */
import { join } from "node:path";
import {
  type CalibrationTarget,
  calibrationOf,
  TREND_METRICS,
  type Trend,
  trendOf,
} from "../core/compare/index.js";
import { UserError } from "../core/errors.js";
import { canonicalJson } from "../core/experiment/canonical-json.js";
import { ScsModel } from "../core/model.js";
import { systemOff } from "../core/scenario/counterfactual.js";
import type { Scenario, ScsScenario } from "../core/scenario/schema.js";
import type { Simulation } from "../core/simulation.js";
import { type Summary, summarise } from "../core/stats/index.js";
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

/** A calibrated figure of one scenario: its target and what the runs measured. */
export interface CalibrationCheck {
  scenario: string;
  target: CalibrationTarget;
  measured: Summary;
  /** The mean over seeds lies inside the target range. */
  inside: boolean;
}

/** What compare says about each scenario's calibration. */
export interface CalibrationNote {
  scenario: string;
  checks: CalibrationCheck[];
  uncalibrated: string;
  /** Run with overrides: the checks are for reference, not warnings. */
  referenceOnly: boolean;
}

export interface CompareResult {
  scenarios: CompareScenario[];
  table: CompareTable;
  /** Stocks still trending at the end of the horizon, per scenario. */
  trends: { scenario: string; trend: Trend }[];
  calibration: CalibrationNote[];
  /** Burn-in and horizon of each scenario, in steps. */
  horizons: { scenario: string; burnIn: number; steps: number }[];
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
  // Each scenario's counterfactual: a scenario of the list when one is the
  // same society without the system (the no-system preset), else its own run.
  const key = (sc: Scenario) => canonicalJson({ ...sc, name: "", description: "", seed: 0 });
  const keys = inputs.map(({ loaded }) => key(loaded.scenario));
  const baselineOf = inputs.map(({ loaded }) => systemOff(loaded.scenario as ScsScenario));
  const extra: { name: string; scenario: ScsScenario; key: string; loaded: LoadedScenario }[] = [];
  const baselineKey = baselineOf.map((b, i) => {
    const k = key(b);
    if (!keys.includes(k) && !extra.some((e) => e.key === k)) {
      extra.push({ name: b.name, scenario: b, key: k, loaded: inputs[i].loaded });
    }
    return k;
  });
  const total = (inputs.length + extra.length) * opts.seeds.length;
  const files = new Set<string>();
  let index = 0;
  const runAll = async (
    name: string,
    scenario: Scenario,
    loaded: LoadedScenario,
    preset: string | null,
  ): Promise<CompareRun[]> => {
    const runs: CompareRun[] = [];
    for (const seed of opts.seeds) {
      index++;
      const s = withSeed(scenario, seed);
      const agents = s.model === "scs" ? s.agents : 0;
      const event = { index, total, scenario: name, seed: String(seed), agents, steps: s.steps };
      opts.onRunStart?.(event);
      const res = await runScenario(s, {
        out: opts.out,
        preset,
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
    return runs;
  };
  const runsByKey = new Map<string, { name: string; runs: CompareRun[] }>();
  const scenarios: CompareScenario[] = [];
  for (const [i, { name, loaded }] of inputs.entries()) {
    const runs = await runAll(name, loaded.scenario, loaded, loaded.preset);
    if (!runsByKey.has(keys[i])) runsByKey.set(keys[i], { name, runs });
    scenarios.push({
      name,
      runs,
      source: loaded.source,
      preset: loaded.preset,
      overrides: loaded.overrides ?? [],
      description: loaded.scenario.description,
      // The seed is set per run: leave the file's seed out of the record.
      scenario: { ...loaded.scenario, seed: undefined },
    });
  }
  for (const e of extra) {
    runsByKey.set(e.key, { name: e.name, runs: await runAll(e.name, e.scenario, e.loaded, null) });
  }
  scenarios.forEach((s, i) => {
    // A scenario that is its own counterfactual (no system) has none.
    if (baselineKey[i] !== keys[i]) s.baseline = runsByKey.get(baselineKey[i]);
  });
  const table = compareTable(scenarios);
  const trends = scenarios.flatMap((s) =>
    TREND_METRICS.map((m) => ({
      scenario: s.name,
      trend: trendOf(
        s.runs.map((r) => r.metrics),
        m,
      ),
    })),
  );
  const calibration = scenarios.map((s) => {
    const c = calibrationOf(s.preset, s.overrides);
    return {
      scenario: s.name,
      uncalibrated: c.uncalibrated,
      referenceOnly: c.referenceOnly === true,
      checks: c.targets.map((target) => {
        const measured = summarise(s.runs.map((r) => target.value(r)));
        return {
          scenario: s.name,
          target,
          measured,
          inside: measured.mean >= target.low && measured.mean <= target.high,
        };
      }),
    };
  });
  const horizons = inputs.map(({ name, loaded }) => ({
    scenario: name,
    burnIn: loaded.scenario.model === "scs" ? loaded.scenario.burnIn : 0,
    steps: loaded.scenario.steps,
  }));
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
      horizons,
      trends,
      calibration,
    }),
  );
  const csvPath = join(opts.out, COMPARE_CSV_FILE);
  writeFileAtomic(csvPath, compareCsv(table));
  files.add(htmlPath);
  files.add(csvPath);
  return { scenarios, table, trends, calibration, horizons, files: [...files] };
}

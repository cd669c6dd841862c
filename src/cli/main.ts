import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { z } from "zod";
import { UserError } from "../core/errors.js";
import { scenarioSchema } from "../core/scenario/schema.js";
import { ENGINE_VERSION } from "../core/version.js";
import type { CompareInput } from "../node/compare.js";
import { estimateBytes, formatBytes, parseBytes } from "../node/memory-guard.js";
import type { ProgressSink } from "../node/run.js";
import {
  DEFAULT_PRESET,
  listPresets,
  loadPreset,
  loadPresetOrFile,
  loadScenarioFile,
} from "../node/scenario-file.js";
import { formatCompareText } from "../report/compare.js";
import {
  EPSTEIN_SUMMARY,
  formatNumber,
  SCS_SUMMARY,
  summarise,
  textTable,
} from "../report/summary.js";
import { applyOverrides } from "./overrides.js";
import { progressFor, terminalBar } from "./progress.js";

const program = new Command();

program
  .name("scsim")
  .description(
    "scsim — a simulation laboratory for social credit systems.\n" +
      "Agent-based models on synthetic populations only: no real people, no images, voices or biometrics.",
  )
  .version(ENGINE_VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

program
  .command("run")
  .description(
    `Run a scenario (default: the ${DEFAULT_PRESET} preset) and store results.duckdb, metrics.parquet and report.html in --out.`,
  )
  .argument("[file]", "scenario file (YAML or JSON); omit to use --preset")
  .option("-p, --preset <name>", "run a preset from `scsim presets`")
  .option("-n, --agents <n>", "number of agents (overrides the scenario)")
  .option("-t, --steps <t>", "number of steps (overrides the scenario)")
  .option("-s, --seed <seed>", "seed: an integer, or any text (hashed to 64 bits)")
  .option("-o, --out <dir>", "output directory", "./scsim-out")
  .option(
    "--set <field=value>",
    "set any scenario field, e.g. --set network.meanDegree=10 (repeatable)",
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option("--max-memory <size>", "memory limit instead of the free memory, e.g. 20G")
  .option("--no-report", "do not write report.html")
  .option("-q, --quiet", "no progress bar and no summary")
  .addHelpText(
    "after",
    `
Examples:
  scsim run                                   # the default preset, 10,000 agents, 365 steps
  scsim run --preset integrated --agents 100000
  scsim run my-scenario.yaml --seed 42 --out results/
  scsim run --preset epstein-classic --set epstein.copDensity=0.04

Outputs in --out (runs accumulate in the same database):
  results.duckdb   tables runs (one row per run) and metrics (run_id, step, metric, grp, value)
  metrics.parquet  the metrics of every run in the database
  report.html      one self-contained page: parameters and time series of this run`,
  )
  .action(async (file: string | undefined, opts) => {
    if (file && opts.preset)
      throw new UserError("give either a scenario file or --preset, not both");
    const loaded = file ? loadScenarioFile(file) : loadPreset(opts.preset ?? DEFAULT_PRESET);
    const scenario = applyOverrides(loaded.scenario, {
      agents: opts.agents,
      steps: opts.steps,
      seed: opts.seed,
      set: opts.set,
    });
    const maxMemory = opts.maxMemory ? parseBytes(opts.maxMemory) : undefined;
    const quiet = Boolean(opts.quiet);
    const agentsText =
      scenario.model === "scs"
        ? `${scenario.agents.toLocaleString("en-US")} agents`
        : `${scenario.epstein.width}×${scenario.epstein.height} grid`;
    if (!quiet) {
      process.stderr.write(
        `scsim ${ENGINE_VERSION}: ${loaded.source}, ${agentsText}, ${scenario.steps} steps, seed ${scenario.seed} (needs ~${formatBytes(estimateBytes(scenario))})\n`,
      );
      process.stderr.write(
        scenario.model === "scs"
          ? "building the population and its network...\n"
          : "placing citizens and cops...\n",
      );
    }
    // Loaded here, not at the top: DuckDB takes half a second to load, which
    // `presets`, `schema` and `validate` do not need.
    const { runScenario } = await import("../node/run.js");
    const res = await runScenario(scenario, {
      out: resolve(opts.out),
      preset: loaded.preset,
      baseDir: loaded.baseDir,
      maxMemory,
      progress: progressFor(process.stderr, quiet),
      report: opts.report !== false,
    });
    if (quiet) return;
    const rows = summarise(
      res.metrics,
      scenario.model === "epstein" ? EPSTEIN_SUMMARY : SCS_SUMMARY,
    );
    const table = textTable(
      ["metric", ...res.metrics.grps],
      rows.map((r) => [`${r.metric} (${r.reduce})`, ...r.values.map(formatNumber)]),
    );
    process.stdout.write(`\n${table}\n\n`);
    process.stdout.write(
      `built in ${res.buildSeconds.toFixed(2)} s, ${scenario.steps} steps in ${res.stepSeconds.toFixed(2)} s; run ${res.record.runId}, state hash ${res.record.stateHash}\n`,
    );
    for (const f of res.files) process.stdout.write(`wrote ${f}\n`);
  });

program
  .command("compare")
  .description(
    "Run several scenarios on the same seeds and compare their harms and benefits (B2) side by side.",
  )
  .argument("<scenarios...>", "presets (see `scsim presets`) or scenario files (YAML or JSON)")
  .option("-n, --agents <n>", "number of agents, for every scenario")
  .option("-t, --steps <t>", "number of steps, for every scenario")
  .option("-k, --seeds <k>", "number of seeds each scenario runs on", "3")
  .option("-s, --seed <s>", "first seed: runs use seeds s, s+1, ..., s+k-1", "1")
  .option("-o, --out <dir>", "output directory", "./scsim-out/compare")
  .option(
    "--set <field=value>",
    "set a scenario field in every scenario, e.g. --set network.meanDegree=10 (repeatable)",
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option("--max-memory <size>", "memory limit instead of the free memory, e.g. 20G")
  .option("-q, --quiet", "no progress lines (the table is still printed)")
  .addHelpText(
    "after",
    `
Each cell is the mean over the seeds (± the standard deviation between seeds when
there are several) of one measure at the end of the run: wrongly listed, listed,
list precision, disparity between groups, chilling, protest, ostracism, detention,
children denied school, approval gap, defaults avoided, default rate, and flights,
trains and loans denied. "better" says which direction is better.

Examples:
  scsim compare financial-only fragmented integrated rights-respecting
  scsim compare financial-only integrated --agents 2000 --steps 120 --seeds 5
  scsim compare integrated my-variant.yaml --set mechanisms.integration.level=0.5

Outputs in --out (runs accumulate in the same database):
  results.duckdb   every run (preset column: the preset name; null for a file)
  metrics.parquet  the metrics of every run in the database
  compare.html     the table, time series (mean over seeds) and the scenarios' parameters
  compare.csv      tidy: scenario, measure, label, unit, better, mean, sd, seeds`,
  )
  .action(async (args: string[], opts) => {
    const k = countFlag("--seeds", opts.seeds, 1);
    const first = countFlag("--seed", opts.seed, 0);
    if (!Number.isSafeInteger(first + k - 1)) throw new UserError("--seed: too large");
    const seeds = Array.from({ length: k }, (_, i) => first + i);
    const loaded = args.map((a) => {
      const l = loadPresetOrFile(a);
      const scenario = applyOverrides(l.scenario, {
        agents: opts.agents,
        steps: opts.steps,
        set: opts.set,
      });
      return { ...l, scenario };
    });
    const { runCompare, uniqueNames } = await import("../node/compare.js");
    const names = uniqueNames(loaded.map((l) => l.preset ?? l.scenario.name));
    const inputs: CompareInput[] = loaded.map((l, i) => ({ name: names[i], loaded: l }));
    const quiet = Boolean(opts.quiet);
    const err = process.stderr;
    const nameWidth = Math.max(...names.map((n) => n.length));
    const res = await runCompare(inputs, {
      out: resolve(opts.out),
      seeds,
      maxMemory: opts.maxMemory ? parseBytes(opts.maxMemory) : undefined,
      command: ["scsim", ...process.argv.slice(2)].map(shellQuote).join(" "),
      progress: () => (quiet ? silentProgress : runBar(err)),
      onRunDone: (e) => {
        if (quiet) return;
        const w = String(e.total).length;
        err.write(
          `run ${String(e.index).padStart(w)}/${e.total}  ${e.scenario.padEnd(nameWidth)}  seed ${e.seed}: ` +
            `${e.agents.toLocaleString("en-US")} agents, ${e.steps} steps in ` +
            `${(e.buildSeconds + e.stepSeconds).toFixed(2)} s\n`,
        );
      },
    });
    const seedText = k === 1 ? `seed ${first}` : `seeds ${first}–${first + k - 1}`;
    process.stdout.write(`\n${formatCompareText(res.table)}\n\n`);
    process.stdout.write(
      `Mean over ${seedText}${k > 1 ? " (± standard deviation between seeds)" : ""}, ` +
        "at the end of each run; — where a measure is undefined (e.g. nobody listed).\n",
    );
    for (const f of res.files) process.stdout.write(`wrote ${f}\n`);
  });

program
  .command("validate")
  .description(
    "Check a scenario file; print the resolved scenario (with every default) with --print.",
  )
  .argument("<file>", "scenario file (YAML or JSON)")
  .option("--print", "print the resolved scenario as JSON")
  .action((file: string, opts) => {
    const loaded = loadScenarioFile(file);
    process.stdout.write(
      `${file}: valid ${loaded.scenario.model} scenario "${loaded.scenario.name}"\n`,
    );
    if (opts.print) process.stdout.write(`${JSON.stringify(loaded.scenario, null, 2)}\n`);
  });

program
  .command("presets")
  .description("List the preset scenarios, one line each.")
  .action(() => {
    const ps = listPresets();
    const w = Math.max(...ps.map((p) => p.name.length));
    for (const p of ps) process.stdout.write(`${p.name.padEnd(w)}  ${p.description}\n`);
  });

program
  .command("schema")
  .description(
    "Print the JSON Schema of scenario files (for editors: yaml-language-server, VS Code).",
  )
  .action(() => {
    const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
    process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  });

(await import("./explore.js")).registerExplore(program);
/** A whole-number flag at least `min`. */
function countFlag(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min) {
    throw new UserError(`${flag}: expected a whole number ≥ ${min}, got "${text}"`);
  }
  return v;
}

/** Quotes a word for a shell command line when it needs it. */
function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`;
}

/**
 * The step progress of one compare run: a bar on a terminal that clears when
 * the run ends (the run's line replaces it); nothing when stderr is not a TTY,
 * where each run gets only its one line.
 */
const silentProgress: ProgressSink = { start() {}, update() {}, stop() {} };

function runBar(stream: NodeJS.WriteStream): ProgressSink {
  return stream.isTTY ? terminalBar(stream, true) : silentProgress;
}

/** Runs the CLI; user mistakes print a message (no stack trace) and exit with code 2. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version" ||
        e.exitCode === 0
      )
        return 0;
      return 2; // commander has printed the message
    }
    if (e instanceof UserError) {
      process.stderr.write(`scsim: ${e.message}\n`);
      if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv);

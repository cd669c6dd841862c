import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { z } from "zod";
import { UserError } from "../core/errors.js";
import { scenarioSchema } from "../core/scenario/schema.js";
import { ENGINE_VERSION } from "../core/version.js";
import { estimateBytes, formatBytes, parseBytes } from "../node/memory-guard.js";
import { runScenario } from "../node/run.js";
import {
  DEFAULT_PRESET,
  listPresets,
  loadPreset,
  loadScenarioFile,
} from "../node/scenario-file.js";
import {
  EPSTEIN_SUMMARY,
  formatNumber,
  SCS_SUMMARY,
  summarise,
  textTable,
} from "../report/summary.js";
import { applyOverrides } from "./overrides.js";
import { progressFor } from "./progress.js";

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
    }
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

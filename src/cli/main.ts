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
import {
  compareWarnings,
  formatBaselineText,
  formatCompareText,
  formatGroupText,
  formatValue,
} from "../report/compare.js";
import {
  EPSTEIN_SUMMARY,
  formatNumber,
  SCS_SUMMARY,
  summarise,
  textTable,
} from "../report/summary.js";
import { applyOverrides, overrideList } from "./overrides.js";
import { progressFor, terminalBar } from "./progress.js";
import { err as errOut, out, safeJson, safeText } from "./terminal.js";

// `scsim schema | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

/** The command line as typed (shell-quoted), recorded with each run. */
const COMMAND_LINE = ["scsim", ...process.argv.slice(2)].map(shellQuote).join(" ");

const program = new Command();

program
  .name("scsim")
  .description(
    "scsim — a simulation laboratory for social credit systems.\n" +
      "Agent-based models on synthetic populations only: no real people, no images, voices or biometrics.",
  )
  .version(ENGINE_VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .configureOutput({
    writeOut: (t) => process.stdout.write(safeText(t)),
    writeErr: (t) => process.stderr.write(safeText(t)),
  })
  .exitOverride();

program
  .command("run")
  .description(
    `Run a scenario (default: the ${DEFAULT_PRESET} preset) and store it in --out: its part in runs/, then results.duckdb, metrics.parquet/ and report.html.`,
  )
  .argument("[file]", "scenario file (YAML or JSON); omit to use --preset")
  .option("-p, --preset <name>", "run a preset from `scsim presets`")
  .option("-n, --agents <n>", "number of agents (overrides the scenario)")
  .option("-t, --steps <t>", "number of recorded steps, the horizon (overrides the scenario)")
  .option(
    "--burn-in <t>",
    "warm-up steps run before the horizon and not recorded (overrides the scenario)",
  )
  .option("-s, --seed <seed>", "seed: an integer, or any text (hashed to 64 bits)")
  .option("-o, --out <dir>", "output directory", "./scsim-out")
  .option(
    "--set <field=value>",
    "set any scenario field, e.g. --set network.meanDegree=10 (repeatable)",
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option("--max-memory <size>", "memory limit instead of the free memory, e.g. 20G")
  .option(
    "--store-every <k>",
    "store the metrics of every k-th step (and the last) instead of every step; the report and summary use every step",
    "1",
  )
  .option(
    "--no-report",
    "do not write a report (report.html is then removed: it would show an older run)",
  )
  .option("-q, --quiet", "no progress bar and no summary")
  .addHelpText(
    "after",
    `
Examples:
  scsim run                                   # the default preset, 10,000 agents, 365 steps
  scsim run --preset integrated --agents 100000
  scsim run my-scenario.yaml --seed 42 --out results/
  scsim run --preset epstein-classic --set epstein.copDensity=0.04

Outputs in --out (runs accumulate; several runs may write into one directory at once):
  runs/<run id>/   the run: run.json (record, command line, overrides), metrics.parquet, report.html
  results.duckdb   tables runs (one row per run) and metrics (run_id, step, metric, grp, value)
  metrics.parquet/ Parquet dataset, one <run id>.parquet per run (pandas, Polars, R, DuckDB read the folder)
  report.html      the report of the latest run: parameters and time series

A run is stored whole or not at all, whenever it is stopped (Ctrl-C, kill, full
disk); whatever a stopped run left is cleared by the next command in --out.
While another process holds results.duckdb (a run storing, a DuckDB client) the
run waits for it (SCSIM_LOCK_TIMEOUT seconds, default 120).`,
  )
  .action(async (file: string | undefined, opts) => {
    if (file && opts.preset)
      throw new UserError("give either a scenario file or --preset, not both");
    const loaded = file ? loadScenarioFile(file) : loadPreset(opts.preset ?? DEFAULT_PRESET);
    const given = {
      agents: opts.agents,
      steps: opts.steps,
      burnIn: opts.burnIn,
      seed: opts.seed,
      set: opts.set,
    };
    const scenario = applyOverrides(loaded.scenario, given);
    const maxMemory = opts.maxMemory ? parseBytes(opts.maxMemory) : undefined;
    const storeEvery = countFlag("--store-every", opts.storeEvery, 1);
    const quiet = Boolean(opts.quiet);
    const agentsText =
      scenario.model === "scs"
        ? `${scenario.agents.toLocaleString("en-US")} agents`
        : `${scenario.epstein.width}×${scenario.epstein.height} grid`;
    // Loaded here, not at the top: DuckDB takes half a second to load, which
    // `presets`, `schema` and `validate` do not need.
    const { runScenario } = await import("../node/run.js");
    const announce = () => {
      if (quiet) return;
      errOut(
        `scsim ${ENGINE_VERSION}: ${loaded.source}, ${agentsText}, ${scenario.model === "scs" && scenario.burnIn > 0 ? `${scenario.burnIn} burn-in + ` : ""}${scenario.steps} steps, seed ${scenario.seed} (needs ~${formatBytes(estimateBytes(scenario))})\n`,
      );
      errOut(
        scenario.model === "scs"
          ? "building the population and its network...\n"
          : "placing citizens and cops...\n",
      );
    };
    const progress = progressFor(process.stderr, quiet);
    // Ctrl-C keeps Node's default: the process ends at once, even inside the
    // step loop. Nothing of an unstored run is visible (its staging directory
    // is cleared by the next command); a stored run is whole.
    const res = await runScenario(scenario, {
      out: resolve(opts.out),
      preset: loaded.preset,
      baseDir: loaded.baseDir,
      maxMemory,
      storeEvery,
      onChecked: announce,
      progress,
      report: opts.report !== false,
      provenance: {
        command: COMMAND_LINE,
        overrides: overrideList(given),
        scenarioFile: loaded.file,
      },
      onLockWait: (m) => errOut(`scsim: ${m}\n`),
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
    out(`\n${table}\n\n`);
    out(
      `built in ${res.buildSeconds.toFixed(2)} s, ${scenario.steps} steps in ${res.stepSeconds.toFixed(2)} s; run ${res.record.runId}, state hash ${res.record.stateHash}\n`,
    );
    for (const f of res.files) out(`wrote ${f}\n`);
  });

program
  .command("compare")
  .description(
    "Run several scenarios on the same seeds and compare their harms and benefits (B2) side by side.",
  )
  .argument("<scenarios...>", "presets (see `scsim presets`) or scenario files (YAML or JSON)")
  .option("-n, --agents <n>", "number of agents, for every scenario")
  .option("-t, --steps <t>", "number of recorded steps (the horizon), for every scenario")
  .option("--burn-in <t>", "warm-up steps before the horizon, not recorded, for every scenario")
  .option("-k, --seeds <k>", "number of seeds each scenario (and its baseline) runs on", "10")
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
Every scenario runs on the same seeds, and so does its counterfactual: the same
society without the system (the no-system preset when it is in the list and is
that society, otherwise the scenario with its system switched off). The output:

  against the same society without the system: defaults avoided (the benefit the
    system claims), chilling and approval gap added; paired by seed, with 95% CIs
  harms and outcomes over the horizon: listed for lawful speech or protest, in
    error, for their contacts, wrongly listed, listed; list precision (and the
    regime's own, which counts speech as a violation); group disparity; detained;
    chilling by channel; approval gap; protest; children denied school; travel,
    jobs, posts and loans denied; ties cut; defaults and the default rate
  by group: each group's rates among its own agents
  calibration: the figures a preset is calibrated to, measured, against the
    documented range; what is uncalibrated

Results are read over the recorded horizon (--steps) after the burn-in
(--burn-in), both from the scenario unless given; compare warns when a stock is
still trending at the end of the horizon.

Examples:
  scsim compare no-system financial-only fragmented integrated rights-respecting
  scsim compare financial-only integrated --agents 2000 --burn-in 730 --steps 730 --seeds 5
  scsim compare integrated my-variant.yaml --set mechanisms.integration.level=0.5

Outputs in --out (runs accumulate, as with \`scsim run\`):
  runs/<run id>/   each run, whole (preset column: the preset name; null for a file)
  results.duckdb   tables runs and metrics of every run
  metrics.parquet/ Parquet dataset, one file per run
  compare.html     the table, time series (mean over seeds) and the scenarios' parameters
  compare.csv      tidy: scenario, table, group, measure, label, unit, better,
                   mean, sd, low, high, level, seeds`,
  )
  .action(async (args: string[], opts) => {
    const k = countFlag("--seeds", opts.seeds, 1);
    const first = countFlag("--seed", opts.seed, 0);
    if (!Number.isSafeInteger(first + k - 1)) throw new UserError("--seed: too large");
    const seeds = Array.from({ length: k }, (_, i) => first + i);
    const given = { agents: opts.agents, steps: opts.steps, burnIn: opts.burnIn, set: opts.set };
    const loaded = args.map((a) => {
      const l = loadPresetOrFile(a);
      const scenario = applyOverrides(l.scenario, given);
      return { ...l, scenario, overrides: overrideList(given) };
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
      command: COMMAND_LINE,
      progress: () => (quiet ? silentProgress : runBar(err)),
      onRunDone: (e) => {
        if (quiet) return;
        const w = String(e.total).length;
        errOut(
          `run ${String(e.index).padStart(w)}/${e.total}  ${e.scenario.padEnd(nameWidth)}  seed ${e.seed}: ` +
            `${e.agents.toLocaleString("en-US")} agents, ${e.steps} steps in ` +
            `${(e.buildSeconds + e.stepSeconds).toFixed(2)} s\n`,
        );
      },
    });
    const seedText = k === 1 ? `seed ${first}` : `seeds ${first}–${first + k - 1}`;
    const h = res.horizons[0];
    const sameHorizon = res.horizons.every((x) => x.burnIn === h.burnIn && x.steps === h.steps);
    const years = (d: number) => `${(d / 365).toFixed(1)} years`;
    out(
      `\n${sameHorizon ? `Horizon: ${h.steps} steps (${years(h.steps)}) after a burn-in of ${h.burnIn} steps (${years(h.burnIn)}). ` : "Horizons differ between scenarios (see compare.html). "}` +
        `Mean over ${seedText}${k > 1 ? " ± the half-width of the 95% t interval" : ""}; stocks are means over the horizon, flows per 1000 agents a year.\n`,
    );
    const baseline = formatBaselineText(res.table);
    if (baseline) {
      out(`\n${baseline}\n`);
      out(
        "Paired by seed against the same society without the system (the no-system preset, or each scenario with its system switched off), on the same seeds.\n",
      );
    }
    out(`\n${formatCompareText(res.table)}\n`);
    const groups = formatGroupText(res.table);
    if (groups) out(`\n${groups}\n`);
    for (const n of res.calibration) {
      const checks = n.checks.map(
        (c) =>
          `${c.target.label} ${formatValue(c.measured.mean, c.target.unit)} (documented ${formatValue(c.target.low, c.target.unit)}–${formatValue(c.target.high, c.target.unit)}${c.inside ? "" : ", OUTSIDE"})`,
      );
      out(
        `\ncalibration, ${n.scenario}: ${checks.length > 0 ? `${checks.join("; ")}. Uncalibrated: ` : ""}${n.uncalibrated}.`,
      );
    }
    out("\n");
    for (const w of compareWarnings(res)) errOut(`warning: ${w}\n`);
    out("\n");
    const runsDir = `${resolve(opts.out)}/runs/`;
    const parts = res.files.filter((f) => f.startsWith(runsDir));
    if (parts.length > 0) out(`stored ${parts.length} runs in ${runsDir}\n`);
    const dataset = `${resolve(opts.out)}/metrics.parquet/`;
    const inDataset = res.files.filter((f) => f.startsWith(dataset)).length;
    if (inDataset > 0) out(`wrote ${dataset} (${inDataset} files, one per run)\n`);
    for (const f of res.files) {
      if (!f.startsWith(runsDir) && !f.startsWith(dataset)) out(`wrote ${f}\n`);
    }
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
    out(`${file}: valid ${loaded.scenario.model} scenario "${loaded.scenario.name}"\n`);
    if (opts.print) process.stdout.write(`${safeJson(JSON.stringify(loaded.scenario, null, 2))}\n`);
  });

program
  .command("presets")
  .description("List the preset scenarios, one line each.")
  .action(() => {
    const ps = listPresets();
    const w = Math.max(...ps.map((p) => p.name.length));
    for (const p of ps) out(`${p.name.padEnd(w)}  ${p.description}\n`);
  });

program
  .command("schema")
  .description(
    "Print the JSON Schema of scenario files (for editors: yaml-language-server, VS Code).",
  )
  .action(() => {
    const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
    process.stdout.write(`${safeJson(JSON.stringify(schema, null, 2))}\n`);
  });

program
  .command("sync")
  .description(
    "Bring an output directory's results.duckdb, metrics.parquet/ and report.html up to date with its stored runs, and clear what stopped runs left behind (every run and compare does this too).",
  )
  .argument("[dir]", "output directory", "./scsim-out")
  .action(async (dir: string) => {
    const { syncStore } = await import("../node/store.js");
    const res = await syncStore(resolve(dir), { onWait: (m) => errOut(`scsim: ${m}\n`) });
    for (const b of res.bad) errOut(`scsim: warning: runs/${b.runId} left out: ${b.problem}\n`);
    const said = [
      `${res.runs.length} stored run${res.runs.length === 1 ? "" : "s"}`,
      res.added.length ? `${res.added.length} added to results.duckdb` : "",
      res.repaired.length ? `${res.repaired.length} repaired` : "",
      res.dropped.length ? `${res.dropped.length} without a part dropped` : "",
      res.migrated.length ? `${res.migrated.length} converted from scsim 0.1` : "",
      res.leftovers.length ? `${res.leftovers.length} leftovers of stopped runs removed` : "",
    ].filter((x) => x);
    out(`${resolve(dir)}: ${said.join(", ")}\n`);
  });

(await import("./explore.js")).registerExplore(program);
(await import("./experiment.js")).registerExperiment(program);
(await import("./queue.js")).registerQueueCommands(program);
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
    // A command that finished with a status of its own (experiment: units failed, or stopped).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
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
      errOut(`scsim: ${e.message}\n`);
      if (e.hint) errOut(`hint: ${e.hint}\n`);
      return 2;
    }
    // A full or read-only disk met somewhere unexpected: still the machine's state, not a bug.
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (code === "ENOSPC" || code === "EDQUOT" || code === "EROFS") {
      errOut(`scsim: ${(e as Error).message}\n`);
      errOut("hint: free some disk space, or choose another output directory\n");
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv);

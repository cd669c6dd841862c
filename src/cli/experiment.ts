/**
 * `scsim experiment FILE`: runs an experiment file (docs/EXPERIMENTS.md) on
 * a pool of worker threads, one stored part per unit, resumable after any
 * stop; prints the summaries and writes experiment.duckdb and
 * experiment.html at the end.
 */
import { availableParallelism } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { UserError } from "../core/errors.js";
import { ENGINE_VERSION } from "../core/version.js";
import type { ExperimentProgress } from "../node/experiment/runner.js";
import { parseBytes } from "../node/memory-guard.js";
import { QUEUE_OPTION_HELP, queueExecutor } from "./queue.js";
import { err as errOut, out } from "./terminal.js";

/**
 * Units done, failed, rate and ETA: a bar on a terminal; otherwise a plain
 * line at each 10% (and at the end), so logs stay readable.
 */
export function experimentProgress(stream: NodeJS.WriteStream, quiet: boolean): ExperimentProgress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  let total = 0;
  let t0 = 0;
  const rate = (done: number) => {
    const s = (performance.now() - t0) / 1000;
    return s > 0 ? done / s : 0;
  };
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | undefined;
    return {
      start(t) {
        total = t;
        t0 = performance.now();
        if (t === 0) return;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format:
              "units [{bar}] {percentage}% | {value}/{total} | failed {failed} | {rate}/s | {duration_formatted} elapsed, eta {eta_formatted}",
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(t, 0, { failed: 0, rate: "0" });
      },
      update(done, failed) {
        bar?.update(done, { failed, rate: rate(done).toFixed(1) });
      },
      stop() {
        bar?.stop();
      },
    };
  }
  let next = 0.1;
  return {
    start(t) {
      total = t;
      t0 = performance.now();
      next = 0.1;
    },
    update(done, failed) {
      // One line for the highest 10% mark reached, however many were passed at once.
      let reached = 0;
      while (total > 0 && done / total >= next - 1e-9) {
        reached = next;
        next += 0.1;
      }
      if (reached === 0) return;
      const r = rate(done);
      const eta = r > 0 ? Math.round((total - done) / r) : 0;
      stream.write(
        `units ${Math.round(reached * 100)}% (${done}/${total}), failed ${failed}, ${r.toFixed(1)}/s, eta ${eta} s\n`,
      );
    },
    stop() {},
  };
}

function workersOf(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const v = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < 1 || v > 1024) {
    throw new UserError(`--workers: expected a whole number from 1 to 1024, got "${text}"`);
  }
  return v;
}

export function registerExperiment(program: Command): void {
  program
    .command("experiment")
    .description(
      "Run an experiment file: a design of scenario variants (grid, Latin hypercube, Sobol', Morris, CSV) × replications on a pool of worker threads; summaries and sensitivity indices with intervals, in --out.",
    )
    .argument("<file>", "experiment file (YAML or JSON; see docs/EXPERIMENTS.md)")
    .option("-o, --out <dir>", "output directory (default: scsim-out/experiments/<file name>)")
    .option(
      "-w, --workers <k>",
      `worker threads (default: the available parallelism, here ${availableParallelism()})`,
    )
    .option(
      "--resume",
      "continue the experiment stored in --out: run only the units without a stored result (and the failed ones again)",
    )
    .option(
      "--worker-memory <size>",
      "heap limit of each worker thread, e.g. 2G (a unit that exceeds it fails alone)",
    )
    .option("--queue <url>", QUEUE_OPTION_HELP)
    .option("-q, --quiet", "no progress and no tables")
    .addHelpText(
      "after",
      `
A unit is one replication of one design point; its seed and id are derived from
the file (docs/EXPERIMENTS.md §3). Each unit's result is stored the moment it is
computed, whole or not at all, so an experiment stopped in any way (Ctrl-C, kill,
power cut) continues with --resume: only the missing units run, and the results
are the same, bit for bit, as those of an uninterrupted run, for any --workers.
A unit that fails (an error, a worker out of memory) is recorded; the others go
on, and --resume retries it. Ctrl-C once: the running units finish and are
stored, then scsim stops; twice: it stops at once.

Examples:
  scsim experiment experiments/deterrence-sweep.yaml
  scsim experiment sweep.yaml --out results/sweep --workers 4
  scsim experiment sweep.yaml --out results/sweep --resume     # after a stop
  scsim experiment sweep.yaml --queue redis://queue-host:6379/0  # workers: scsim worker --queue …

Outputs in --out:
  experiment.json     the manifest: the file's text, engine version, master seed, sizes
  units/<id>.bin      one stored result per unit (by unit id); failed/<id>.json a failure
  experiment.duckdb   tables experiment, factors, points, runs (a row per unit: every
                      factor, point, replication, seed, id, status), metrics, series,
                      summaries, series_summaries, differences, sobol, morris, warnings
  analysis.json       the analysis (summaries, indices, warnings) as JSON
  experiment.html     the report: curves with interval bands, heatmap, Sobol' bars,
                      Morris plot, the design table (one file, works offline)
The last three are rebuilt from units/ whenever a run completes the study.`,
    )
    .action(async (file: string, opts) => {
      const workers = workersOf(opts.workers);
      const quiet = Boolean(opts.quiet);
      const outDir = resolve(
        opts.out ?? join("scsim-out", "experiments", basename(file, extname(file))),
      );
      const workerMemoryMb = opts.workerMemory
        ? Math.max(16, Math.floor(parseBytes(opts.workerMemory) / 2 ** 20))
        : undefined;
      const { runExperiment, PiscinaExecutor } = await import("../node/experiment/index.js");
      const { writeExperimentReport } = await import("../report/experiment-html.js");
      const { formatExperimentText } = await import("../report/experiment-text.js");
      const executor = opts.queue
        ? await queueExecutor(opts.queue, quiet)
        : new PiscinaExecutor({ workers, workerMemoryMb });
      const stop = new AbortController();
      const onSigint = () => {
        if (stop.signal.aborted) {
          errOut("\nscsim: stopped; the units stored so far are kept (add --resume to continue)\n");
          process.exit(130);
        }
        stop.abort();
        errOut(
          "\nscsim: stopping: the running units finish and are stored (Ctrl-C again to stop at once)\n",
        );
      };
      process.on("SIGINT", onSigint);
      const t0 = performance.now();
      try {
        const res = await runExperiment(file, {
          out: outDir,
          resume: Boolean(opts.resume),
          executor,
          signal: stop.signal,
          progress: experimentProgress(process.stderr, quiet),
          writeReport: writeExperimentReport,
          concurrentUnits: workers,
          onStart: (i) => {
            if (quiet) return;
            errOut(
              `scsim ${ENGINE_VERSION}: ${i.units.toLocaleString("en-US")} units` +
                (i.distinct < i.units ? ` (${i.distinct.toLocaleString("en-US")} distinct)` : "") +
                `, ${i.stored.toLocaleString("en-US")} stored, ${i.toRun.toLocaleString("en-US")} to run on ${executor.description}\n`,
            );
          },
        });
        const seconds = (performance.now() - t0) / 1000;
        if (res.stopped) {
          errOut(
            `scsim: stopped: ${(res.alreadyStored + res.stored).toLocaleString("en-US")} of ${res.manifest.distinctUnits.toLocaleString("en-US")} units stored in ${outDir}\n`,
          );
          errOut(`hint: scsim experiment ${file} --out ${outDir} --resume continues it\n`);
          process.exitCode = 130;
          return;
        }
        if (!quiet && res.finished)
          out(`\n${formatExperimentText(res.prepared, res.finished)}\n\n`);
        if (!quiet) {
          out(
            `${res.stored.toLocaleString("en-US")} units run in ${seconds.toFixed(1)} s` +
              (res.alreadyStored > 0 ? ` (${res.alreadyStored} were stored already)` : "") +
              `; ${outDir}\n`,
          );
          for (const f of res.files) out(`wrote ${f}\n`);
        }
        const failures = res.finished ? res.finished.units.failures.size : res.failed.length;
        if (failures > 0) {
          for (const f of res.failed.slice(0, 10))
            errOut(`scsim: unit ${f.index} failed: ${f.message}\n`);
          errOut(
            `scsim: ${failures} unit${failures === 1 ? "" : "s"} failed (left out of the summaries; listed in the runs table and ${join(outDir, "failed")}/)\n`,
          );
          errOut(`hint: scsim experiment ${file} --out ${outDir} --resume retries them\n`);
          process.exitCode = 1;
        }
      } finally {
        process.off("SIGINT", onSigint);
        await executor.close();
      }
    });
}

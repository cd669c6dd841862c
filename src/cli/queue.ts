/**
 * Experiments across machines (docs/CLUSTER.md): `scsim worker` (a queue
 * worker, or one array task), `scsim queue status`, and the executor that
 * `scsim experiment FILE --queue URL` uses instead of its thread pool.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { UserError } from "../core/errors.js";
import { ENGINE_VERSION } from "../core/version.js";
import type { UnitExecutor } from "../node/experiment/executor.js";
import { parseBytes } from "../node/memory-guard.js";
import { err as errOut, out, safeJson } from "./terminal.js";

const EXAMPLE_URL = "redis://queue-host:6379/0";

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UserError(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  }
  return v;
}

/**
 * The executor of `scsim experiment FILE --queue URL`, connected (so that a
 * bad URL or an unreachable Redis is reported before anything else happens).
 */
export async function queueExecutor(url: string, quiet: boolean): Promise<UnitExecutor> {
  const { QueueExecutor } = await import("../node/queue/queue-executor.js");
  const executor = new QueueExecutor(url, {
    notice: quiet ? undefined : (line) => errOut(`scsim: ${line}\n`),
  });
  await executor.connect();
  return executor;
}

/** Help text of the experiment command's --queue option. */
export const QUEUE_OPTION_HELP =
  "run the units on the workers of a Redis queue (scsim worker --queue URL, on any machine) instead of this machine's threads; URL redis://[:password@]host:port/db or rediss:// (TLS); see docs/CLUSTER.md";

export function registerQueueCommands(program: Command): void {
  program
    .command("worker")
    .description(
      "Compute units of experiments on this machine: from a Redis queue (--queue), or one task of a cluster array job (--experiment … --unit … --out …).",
    )
    .option("--queue <url>", `Redis URL of the queue, e.g. ${EXAMPLE_URL}`)
    .option(
      "-c, --concurrency <k>",
      `units run at once, each in its own thread (default: the available parallelism, here ${availableParallelism()})`,
    )
    .option(
      "--lock-duration <seconds>",
      "how long a unit stays claimed by this worker without a renewal; after a crash of the worker its units are retried elsewhere after about this long",
      "60",
    )
    .option(
      "--worker-memory <size>",
      "heap limit of each unit's thread, e.g. 2G (a unit above it fails alone)",
    )
    .option("--experiment <file>", "array task: the experiment file (on a shared file system)")
    .option(
      "--unit <index>",
      "array task: the task index (default: $SLURM_ARRAY_TASK_ID, else $JOB_COMPLETION_INDEX)",
    )
    .option("--batch <m>", "array task: units per task; task i runs units i·m … i·m+m−1", "1")
    .option("-o, --out <dir>", "array task: the shared output directory")
    .option("--count", "print the number of units of --experiment (to size an array) and exit")
    .option("-v, --verbose", "a line per unit finished")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText(
      "after",
      `
With --queue, the worker takes units of any experiment queued by
"scsim experiment FILE --queue URL" (on this or another machine), runs them in
--concurrency threads and sends their results back through Redis; it needs no
shared file system and runs until stopped (Ctrl-C or SIGTERM: the running
units finish first; twice: at once). A worker killed in any way loses nothing:
its units are retried by another worker after --lock-duration. A worker whose
scsim engine differs from the experiment's refuses its units and exits with
code 2 (units of two engines are never mixed).

Without --queue, it is one task of an array job: it computes the units of
--unit (or the array index) into --out, a directory every task shares; then
"scsim experiment FILE --resume --out DIR" collects them (and computes any
missing unit).

Examples:
  scsim worker --queue ${EXAMPLE_URL}
  scsim worker --queue rediss://:PASSWORD@queue-host:6380/0 --concurrency 8
  scsim worker --experiment sweep.yaml --count
  scsim worker --experiment sweep.yaml --unit 17 --out /shared/sweep
  SLURM_ARRAY_TASK_ID=17 scsim worker --experiment sweep.yaml --out /shared/sweep
See docs/CLUSTER.md for a Slurm sbatch script and a Kubernetes Indexed Job.`,
    )
    .action(async (opts) => {
      if (opts.queue !== undefined) {
        if (opts.experiment || opts.unit || opts.out || opts.count) {
          throw new UserError(
            "--queue and --experiment/--unit/--out/--count are two ways to run: give one",
          );
        }
        await queueWorker(opts);
        return;
      }
      if (!opts.experiment) {
        throw new UserError(
          "give --queue URL (a queue worker) or --experiment FILE (an array task)",
          `e.g. scsim worker --queue ${EXAMPLE_URL}`,
        );
      }
      const { runArrayUnit, experimentUnitCount, taskIndex } = await import(
        "../node/queue/array-unit.js"
      );
      if (opts.count) {
        const c = experimentUnitCount(opts.experiment);
        const batch = wholeNumber("--batch", opts.batch, 1, 1e9);
        out(`${Math.ceil(c.units / batch)}\n`);
        if (!opts.quiet) {
          errOut(
            `${c.units} units (${c.distinct} distinct)${batch > 1 ? `, ${batch} per task` : ""}: array indices 0 to ${Math.ceil(c.units / batch) - 1}\n`,
          );
        }
        return;
      }
      if (!opts.out) throw new UserError("an array task needs --out DIR (the shared directory)");
      const outcomes = await runArrayUnit({
        file: opts.experiment,
        out: opts.out,
        index: taskIndex(opts.unit),
        batch: wholeNumber("--batch", opts.batch, 1, 1e9),
      });
      for (const o of outcomes) {
        if (o.status === "failed") errOut(`scsim: unit ${o.index} failed: ${o.message}\n`);
        else if (!opts.quiet)
          errOut(`unit ${o.index} ${o.status} (${(o.ms / 1000).toFixed(2)} s), id ${o.id}\n`);
      }
      if (outcomes.some((o) => o.status === "failed")) process.exitCode = 1;
    });

  program
    .command("queue")
    .description("Look at a Redis queue of experiment units (scsim experiment --queue).")
    .command("status")
    .description(
      "Units waiting, running, retrying and failed in the queue; the experiments using it; the workers seen.",
    )
    .requiredOption("--queue <url>", `Redis URL of the queue, e.g. ${EXAMPLE_URL}`)
    .option("--json", "as JSON")
    .addHelpText(
      "after",
      `
Examples:
  scsim queue status --queue ${EXAMPLE_URL}
  scsim queue status --queue rediss://:PASSWORD@queue-host:6380/0 --json
Workers report every 5 s; one not heard of for a minute is shown as gone.`,
    )
    .action(async (opts) => {
      const { queueStatus } = await import("../node/queue/status.js");
      const s = await queueStatus(opts.queue);
      if (opts.json) {
        out(`${safeJson(JSON.stringify(s, null, 2))}\n`);
        return;
      }
      const { textTable } = await import("../report/summary.js");
      const live = s.workers.filter((w) => w.ago <= 60);
      out(
        `queue ${s.url}: ${s.waiting} waiting, ${s.active} running, ${s.delayed} to retry, ${s.failed} failed; ${s.done} done by the workers seen; ${live.length} worker${live.length === 1 ? "" : "s"} live\n`,
      );
      if (s.experiments.length > 0) {
        out(
          `\n${textTable(
            [
              "experiment",
              "fingerprint",
              "engine",
              "to run",
              "remaining",
              "uncollected",
              "coordinator seen",
            ],
            s.experiments.map((e) => [
              e.name,
              e.fingerprint.slice(0, 12),
              e.engine,
              String(e.toRun),
              String(e.remaining),
              String(e.uncollected),
              `${e.ago} s ago`,
            ]),
          )}\n`,
        );
      }
      if (s.workers.length > 0) {
        out(
          `\n${textTable(
            ["worker", "engine", "threads", "done", "failed", "seen"],
            s.workers.map((w) => [
              w.id,
              w.engine,
              String(w.concurrency),
              String(w.done),
              String(w.failed),
              w.ago <= 60 ? `${w.ago} s ago` : `gone (${w.ago} s ago)`,
            ]),
          )}\n`,
        );
      }
    });
}

async function queueWorker(opts: Record<string, string | boolean | undefined>): Promise<void> {
  const concurrency =
    opts.concurrency === undefined
      ? availableParallelism()
      : wholeNumber("--concurrency", String(opts.concurrency), 1, 1024);
  const lockS = wholeNumber("--lock-duration", String(opts.lockDuration), 1, 86_400);
  const workerMemoryMb = opts.workerMemory
    ? Math.max(16, Math.floor(parseBytes(String(opts.workerMemory)) / 2 ** 20))
    : undefined;
  const quiet = Boolean(opts.quiet);
  const { runQueueWorker } = await import("../node/queue/worker.js");
  const { parseQueueUrl } = await import("../node/queue/redis-url.js");
  const url = parseQueueUrl(String(opts.queue));
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    if (!quiet) errOut("scsim worker: stopping after the running units (again to stop at once)\n");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const started = runQueueWorker({
      url: String(opts.queue),
      concurrency,
      lockDurationMs: lockS * 1000,
      workerMemoryMb,
      signal: stop.signal,
      onReady: () => {
        if (!quiet)
          errOut(
            `scsim worker: engine ${ENGINE_VERSION}, ${concurrency} thread${concurrency === 1 ? "" : "s"}, taking units from ${url.display}\n`,
          );
      },
      log: (line) => {
        if (/^unit .* done/.test(line) ? opts.verbose : !quiet) errOut(`scsim worker: ${line}\n`);
      },
    });
    const r = await started;
    if (r.engineMismatch) {
      throw new UserError(
        `refusing the queue's units: ${r.engineMismatch.replace(/^engine mismatch: /, "")}`,
        `Run this worker with scsim of the experiment's engine (this one is ${ENGINE_VERSION}); units of two engines are never mixed.`,
      );
    }
    if (!quiet)
      errOut(`scsim worker: stopped; ${r.done} units done, ${r.failed} failed attempts\n`);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

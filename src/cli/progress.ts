import cliProgress from "cli-progress";
import type { ProgressSink } from "../node/run.js";

/**
 * A progress bar on a terminal; plain lines ("steps 30% (110/365)") every 10%
 * when stderr is not a TTY (CI logs, pipes), so logs stay readable.
 */
export function progressFor(stream: NodeJS.WriteStream, quiet: boolean): ProgressSink {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (stream.isTTY) return terminalBar(stream, false);
  let total = 0;
  let label = "";
  let next = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      next = 0.1;
    },
    update(done) {
      // One line for the highest 10% mark reached, however many were passed at once.
      let reached = 0;
      while (total > 0 && done / total >= next - 1e-9) {
        reached = next;
        next += 0.1;
      }
      if (reached > 0) stream.write(`${label} ${Math.round(reached * 100)}% (${done}/${total})\n`);
    },
    stop() {},
  };
}

/**
 * A cli-progress bar on a terminal. `clear` removes it when done (for
 * `compare`, which runs many), otherwise it stays with its elapsed time.
 */
export function terminalBar(stream: NodeJS.WriteStream, clear: boolean): ProgressSink {
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(label, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label.padEnd(6)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: clear,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

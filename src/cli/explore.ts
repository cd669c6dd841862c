/**
 * `scsim explore`: the browser explorer. Serves it on 127.0.0.1 (or writes
 * it as one self-contained HTML file with --export).
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { UserError } from "../core/errors.js";

const DEFAULT_PORT = 8377;

function portOf(text: string): number {
  const p = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isInteger(p) || p > 65535) {
    throw new UserError(
      `--port: expected a port number 0..65535 (0: any free port), got "${text}"`,
    );
  }
  return p;
}

export function registerExplore(program: Command): void {
  program
    .command("explore")
    .description(
      "Open the explorer in a browser: the system live, two designs side by side on the same seed (serves it on 127.0.0.1, or writes one file with --export).",
    )
    .option("--port <port>", `port to serve on (0: any free port)`, String(DEFAULT_PORT))
    .option(
      "--host <address>",
      "address to listen on instead of 127.0.0.1 (anyone who can reach it can use the page)",
    )
    .option("--export <file>", "write the explorer as one self-contained HTML file and exit")
    .addHelpText(
      "after",
      `
The explorer runs the model of \`scsim run\` (the same code, in Web Workers) in the
browser: press play, move a control, compare two designs on the same seed, click an
agent to read its synthetic history. Nothing leaves the browser; the page's address
holds the scenarios, so copying it shares the set-up.

Examples:
  scsim explore                         # serves http://127.0.0.1:${DEFAULT_PORT}/ until Ctrl-C
  scsim explore --port 0                # any free port
  scsim explore --export explorer.html  # one file (under 1 MB) that opens from file://, no server`,
    )
    .action(async (opts: { port: string; host?: string; export?: string }) => {
      // A missing page is an error below (explorerPage), with its hint, if it cannot be built here.
      const { ensureExplorerBuilt } = await import("../node/explore/first-build.js");
      ensureExplorerBuilt();
      if (opts.export) {
        const { exportExplorer } = await import("../node/explore/export.js");
        const file = resolve(opts.export);
        const bytes = exportExplorer(file);
        process.stdout.write(
          `wrote ${file} (${(bytes / 1024).toFixed(0)} KiB): open it in a browser, no server needed\n`,
        );
        return;
      }
      const { startServer, isLoopback } = await import("../node/explore/server.js");
      const host = opts.host ?? "127.0.0.1";
      if (!isLoopback(host)) {
        process.stderr.write(
          `warning: serving on ${host}, not only on this machine: anyone who can reach it can load the explorer\n`,
        );
      }
      const s = await startServer({ host, port: portOf(opts.port) });
      process.stdout.write(`scsim explorer: ${s.url}  (Ctrl-C stops it)\n`);
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

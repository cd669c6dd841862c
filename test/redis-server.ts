/**
 * A private redis-server for a test file (Debian's /usr/bin/redis-server;
 * scripts/ensure-redis.sh installs it): on a free loopback port, in a
 * temporary directory, with an append-only file (so a restart keeps its
 * data) and no eviction (BullMQ's requirement). stop() in afterAll.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { tmpDir } from "./tmp-dir.js";

export const REDIS_SERVER = process.env.SCSIM_REDIS_SERVER ?? "/usr/bin/redis-server";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** A client (for looking at keys). */
  client(): Redis;
  /** Kills the server (SIGKILL by default) and starts it again on the same port and files. */
  restart(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(extraArgs: string[] = []): Promise<TestRedis> {
  if (!fs.existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: run scripts/ensure-redis.sh (as root)`);
  }
  const dir = tmpDir("scsim-redis-");
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const clients: Redis[] = [];
  const launch = async () => {
    proc = spawn(
      REDIS_SERVER,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--appendonly",
        "yes",
        "--maxmemory-policy",
        "noeviction",
        "--save",
        "",
        "--logfile",
        path.join(dir, "redis.log"),
        ...extraArgs,
      ],
      { stdio: "ignore" },
    );
    const t0 = Date.now();
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, "127.0.0.1", () => {
          s.end();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (up) return;
      if (Date.now() - t0 > 10_000) throw new Error(`redis-server did not start on ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once("exit", r));
    p.kill(signal);
    await gone;
  };
  await launch();
  const password = extraArgs.includes("--requirepass")
    ? extraArgs[extraArgs.indexOf("--requirepass") + 1]
    : undefined;
  return {
    port,
    dir,
    url: `redis://127.0.0.1:${port}/0`,
    client() {
      const c = new Redis({ port, host: "127.0.0.1", password, maxRetriesPerRequest: 3 });
      c.on("error", () => {});
      clients.push(c);
      return c;
    },
    async restart(signal = "SIGKILL", downMs = 500) {
      await kill(signal);
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      for (const c of clients.splice(0)) c.disconnect();
      await kill("SIGKILL");
    },
  };
}

/**
 * The explorer's web server: static files of the built explorer
 * (dist/web/), nothing else. Loopback only unless another host is asked for;
 * GET and HEAD only, no request bodies; paths are resolved inside the web
 * directory and anything that would leave it (../, encoded or not, NUL) is
 * refused; the Host header must name this server (against DNS rebinding);
 * every response carries the page's Content-Security-Policy (the one the
 * build wrote into index.html) and no-sniff, no-referrer and same-origin
 * headers. The explorer uses no SharedArrayBuffer, so it needs no COEP.
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { UserError } from "../../core/errors.js";
import { packageRoot } from "../paths.js";

/** The built explorer's folder (`npm run web:build` writes it). */
export function webDir(): string {
  return join(packageRoot(), "dist", "web");
}

/** The built explorer page; a clear error when it has not been built. */
export function explorerPage(dir = webDir()): string {
  const file = join(dir, "index.html");
  if (!existsSync(file)) {
    throw new UserError(
      `the explorer is not built: ${file} is missing`,
      "Run `npm run web:build` once (it builds web/ with vite).",
    );
  }
  return file;
}

/** The Content-Security-Policy the build put in the page's meta tag. */
export function pagePolicy(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!m) throw new Error("scsim: the explorer page has no Content-Security-Policy");
  return m[1];
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Longest request target accepted (the page's state travels in the fragment, never sent). */
const MAX_URL = 2048;

export interface ServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  dir?: string;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Whether an address is on the loopback interface. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The file a request path names inside `root` (a real path), or null when it
 * names none or would leave it.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (p.includes("\0") || p.includes("\\") || !p.startsWith("/")) return null;
  if (p.split("/").some((seg) => seg === "..")) return null;
  if (p.endsWith("/")) p += "index.html";
  const file = resolve(root, `.${p}`);
  if (!file.startsWith(root + sep)) return null;
  if (!existsSync(file)) return null;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return null;
  }
  // A symbolic link out of the folder is refused as well.
  if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
  return real;
}

function refuse(
  res: ServerResponse,
  code: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(code, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
  res.end(`${text}\n`);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const dir = opts.dir ?? webDir();
  const root = realpathSync(dir);
  const page = readFileSync(explorerPage(dir), "utf8");
  const headers: Record<string, string> = {
    "Content-Security-Policy": pagePolicy(page),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
  };
  let allowedHosts = new Set<string>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "";
    if (method !== "GET" && method !== "HEAD") {
      refuse(res, 405, "static files only: GET or HEAD", { ...headers, Allow: "GET, HEAD" });
      return;
    }
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > 0 || req.headers["transfer-encoding"]) {
      refuse(res, 413, "no request bodies", headers);
      return;
    }
    const url = req.url ?? "/";
    if (url.length > MAX_URL) {
      refuse(res, 414, "request target too long", headers);
      return;
    }
    if (allowedHosts.size > 0 && !allowedHosts.has(String(req.headers.host ?? "").toLowerCase())) {
      refuse(res, 421, "unknown host", headers);
      return;
    }
    const path = url.split("?")[0].split("#")[0];
    const file = resolveInside(root, path);
    if (!file) {
      refuse(res, 404, "not found", headers);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      ...headers,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": String(body.length),
    });
    res.end(method === "HEAD" ? undefined : body);
  };
  const server = createServer(handle);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((ok, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      fail(
        e.code === "EADDRINUSE"
          ? new UserError(
              `port ${opts.port} is in use`,
              "Pick another with --port, or --port 0 for any free one.",
            )
          : e,
      );
    });
    server.listen(opts.port, opts.host, () => {
      const port = (server.address() as AddressInfo).port;
      const shown = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
      // With a loopback address, only these names may appear in Host.
      if (isLoopback(opts.host)) {
        allowedHosts = new Set([
          `127.0.0.1:${port}`,
          `localhost:${port}`,
          `[::1]:${port}`,
          `${shown}:${port}`,
        ]);
      }
      ok({
        url: `http://${shown}:${port}/`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

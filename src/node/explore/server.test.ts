import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../core/errors.js";
import { exportExplorer } from "./export.js";
import { isLoopback, type RunningServer, startServer } from "./server.js";

const POLICY = "default-src 'none'; script-src 'sha256-abc' 'wasm-unsafe-eval'; worker-src blob:";
const PAGE = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}" /></head><body>explorer</body></html>`;

let base: string;
let web: string;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "scsim-serve-"));
  web = join(base, "web");
  mkdirSync(join(web, "sub"), { recursive: true });
  writeFileSync(join(web, "index.html"), PAGE);
  writeFileSync(join(web, "sub", "a.js"), "export {};\n");
  writeFileSync(join(base, "secret.txt"), "not to be served\n");
  symlinkSync(join(base, "secret.txt"), join(web, "link.txt"));
  server = await startServer({ host: "127.0.0.1", port: 0, dir: web });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent as given (fetch would normalise "../"). */
function get(
  path: string,
  opts: { method?: string; host?: string; body?: string } = {},
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        headers: {
          host: opts.host ?? `127.0.0.1:${port}`,
          ...(opts.body ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}),
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => (body += d));
        res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", fail);
    req.end(opts.body);
  });
}

describe("the explorer's server", () => {
  it("serves the page on loopback with its CSP and hardening headers", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/`);
    const r = await get("/");
    expect(r.status).toBe(200);
    expect(r.body).toBe(PAGE);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["content-security-policy"]).toBe(POLICY);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("no-referrer");
    expect(r.headers["cross-origin-opener-policy"]).toBe("same-origin");
    const js = await get("/sub/a.js?v=1");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await get("/", { host: `localhost:${port}` })).status).toBe(200);
  });

  it("refuses every way out of its folder", async () => {
    for (const p of [
      "/../secret.txt",
      "/sub/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/sub/..%5c..%5csecret.txt",
      "/link.txt",
      "/%00",
      "/%E0%A4%A",
      "/sub/",
      "/missing.html",
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain("not to be served");
    }
  });

  it("serves static files only: no other method, no request body, no foreign Host, no huge target", async () => {
    expect((await get("/", { method: "POST" })).status).toBe(405);
    expect((await get("/", { method: "PUT", body: "x" })).status).toBe(405);
    expect((await get("/", { body: "payload" })).status).toBe(413);
    expect((await get("/", { host: "attacker.example" })).status).toBe(421);
    expect((await get(`/${"a".repeat(3000)}`)).status).toBe(414);
    const head = await get("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("says how to build the explorer when it is missing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "scsim-serve-empty-"));
    await expect(startServer({ host: "127.0.0.1", port: 0, dir: empty })).rejects.toThrow(
      UserError,
    );
    expect(() => exportExplorer(join(empty, "x.html"), empty)).toThrow(
      /npm run web:build|not built/,
    );
    rmSync(empty, { recursive: true, force: true });
  });

  it("exports the page as one file", () => {
    const out = join(base, "explorer.html");
    expect(exportExplorer(out, web)).toBe(PAGE.length);
    expect(readFileSync(out, "utf8")).toBe(PAGE);
  });

  it("knows the loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1"])
      expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "192.168.1.2", "::", "example.org"])
      expect(isLoopback(h)).toBe(false);
  });
});

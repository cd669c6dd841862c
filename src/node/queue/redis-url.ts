/**
 * The `--queue` URL: `redis://[[user]:password@]host[:port][/db]`, or
 * `rediss://…` for TLS. Parsed here (not by ioredis) so that a mistake is a
 * clear message, and so that every message and progress line shows the URL
 * with its password replaced (redactedUrl): the URL is a secret the user
 * typed, never printed, logged or stored.
 */
import type { RedisOptions } from "ioredis";
import { UserError } from "../../core/errors.js";

export interface QueueUrl {
  /** The URL as shown: password (and user name) replaced by "***". */
  display: string;
  /** ioredis options (host, port, db, credentials, TLS). */
  options: RedisOptions;
  tls: boolean;
}

const EXAMPLE = "redis://HOST:6379/0 (or rediss://:PASSWORD@HOST:6380/0 for TLS)";

/** `text` with the credentials of any redis:// or rediss:// URL in it replaced by "***". */
export function redact(text: string): string {
  return text.replace(/(rediss?:\/\/)[^@\s/]*@/gi, "$1***@");
}

export function parseQueueUrl(text: string): QueueUrl {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(`--queue: not a URL: "${redact(text)}"`, `Give ${EXAMPLE}.`);
  }
  const protocol = u.protocol.toLowerCase();
  if (protocol !== "redis:" && protocol !== "rediss:") {
    throw new UserError(
      `--queue: expected a redis:// or rediss:// URL, got ${protocol}//…`,
      `Give ${EXAMPLE}.`,
    );
  }
  const tls = protocol === "rediss:";
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new UserError("--queue: the URL has no host", `Give ${EXAMPLE}.`);
  const port = u.port === "" ? 6379 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`--queue: bad port "${u.port}"`);
  }
  const path = u.pathname.replace(/^\//, "");
  if (path !== "" && !/^[0-9]{1,4}$/.test(path)) {
    throw new UserError(
      `--queue: the path must be a database number (e.g. /0), got "/${path}"`,
      `Give ${EXAMPLE}.`,
    );
  }
  const db = path === "" ? 0 : Number(path);
  if (u.search || u.hash) {
    throw new UserError(
      "--queue: the URL takes no query or fragment",
      "For a private certificate authority, set NODE_EXTRA_CA_CERTS=/path/ca.pem.",
    );
  }
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const options: RedisOptions = {
    host,
    port,
    db,
    username: username || undefined,
    password: password || undefined,
    tls: tls ? { servername: host } : undefined,
  };
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const display = `${tls ? "rediss" : "redis"}://${username || password ? "***@" : ""}${shownHost}:${port}/${db}`;
  return { display, options, tls };
}

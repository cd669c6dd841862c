/**
 * Sharing: the URL's fragment carries the page's state (both designs'
 * scenarios as the user states them, whether they are compared, the sample
 * size and the speed), compressed (deflate-raw) and base64url-encoded, so a
 * link reproduces the page. Nothing is sent anywhere: the fragment never
 * leaves the browser.
 */

/** Most characters of a decoded state (the import limit). */
export const MAX_STATE = 256 * 1024;

export interface PageState {
  a: Record<string, unknown>;
  b: Record<string, unknown>;
  compare: boolean;
  /** Whether the no-system baseline runs (absent in older links: it does). */
  baseline?: boolean;
  sample: number;
  speed: number;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(stream as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeState(s: PageState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  return `s=${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

/** The state in a fragment, or null when there is none; throws a plain message when it is broken. */
export async function decodeState(hash: string): Promise<PageState | null> {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return null;
  if (m[1].length > MAX_STATE) throw new Error("the link's scenario is too long");
  let text: string;
  try {
    const bytes = await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw"));
    if (bytes.length > MAX_STATE) throw new Error("too long");
    text = new TextDecoder().decode(bytes);
  } catch {
    throw new Error("the link's scenario could not be read (truncated or altered?)");
  }
  const s = JSON.parse(text) as Partial<PageState>;
  const obj = (v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  return {
    a: obj(s.a),
    b: obj(s.b),
    compare: s.compare !== false,
    sample: Number.isFinite(s.sample) ? Number(s.sample) : 400,
    speed: Number.isFinite(s.speed) ? Number(s.speed) : 30,
  };
}

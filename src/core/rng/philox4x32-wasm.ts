/**
 * WebAssembly batch forms of Philox4x32-10: the same blocks as `philox4x32Fill`
 * and `philox4x32Gather`, several times faster, because `i64.mul` yields the
 * 64-bit product of two 32-bit words directly where JS needs four 16-bit
 * partial products. The module (philox4x32.wat, embedded as base64 by
 * scripts/build-wasm.mjs) is compiled synchronously on first use; where
 * WebAssembly is missing or refuses to compile (or on a big-endian host), the
 * JS reference is used instead, so results never depend on it.
 */

import { philox4x32Fill, philox4x32Gather } from "./philox4x32.js";
import { PHILOX4X32_WASM_BASE64 } from "./philox4x32-wasm.generated.js";

/**
 * Blocks per call into the module: 1 MiB of output, 16 pages of memory (20 for
 * a gather, whose ids, 4 bytes a block, sit after the output).
 */
const CHUNK_BLOCKS = 65536;
const PAGE_BYTES = 65536;

type FillFn = (
  k0: number,
  k1: number,
  start: number,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  outPtr: number,
) => void;

/** As FillFn, with the first counter words read from idsPtr instead of counted. */
type GatherFn = (
  k0: number,
  k1: number,
  idsPtr: number,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  outPtr: number,
) => void;

// The slice of the WebAssembly JS API used here, typed locally: the project
// compiles against ES2022 and @types/node, neither of which declares it.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
/** The web platform's base64 decoder (Node and browsers have it; core declares no DOM types). */
const atob = (globalThis as { atob?: (s: string) => string }).atob;

interface PhiloxWasm {
  memory: WasmMemory;
  fill: FillFn;
  gather: GatherFn;
}

/**
 * True where the WebAssembly API (and `atob`) exists, so `philox4x32FillFast`
 * and `philox4x32GatherFast` take the compiled path. Should compilation still
 * fail (say, a browser Content-Security-Policy without 'wasm-unsafe-eval'), the
 * fast paths quietly fall back to the JS reference on first use.
 */
export const hasWasmPhilox: boolean =
  typeof WA === "object" &&
  typeof WA.Module === "function" &&
  typeof WA.Instance === "function" &&
  typeof atob === "function";

/** undefined: not tried yet; null: unavailable, use the JS reference. */
let wasm: PhiloxWasm | null | undefined;

function decodeBase64(s: string): Uint8Array {
  const bin = (atob as (s: string) => string)(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function instantiate(): PhiloxWasm | null {
  // Wasm memory is little-endian; a Uint32Array view of it reads native order.
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  if (!hasWasmPhilox || WA === undefined || !littleEndian) return null;
  try {
    const module = new WA.Module(decodeBase64(PHILOX4X32_WASM_BASE64));
    const { exports } = new WA.Instance(module, {});
    return {
      memory: exports.memory as WasmMemory,
      fill: exports.fill as FillFn,
      gather: exports.gather as GatherFn,
    };
  } catch {
    return null;
  }
}

/** Views of the module's memory, made again only when growing replaces its buffer. */
let views: { buffer: ArrayBuffer; u32: Uint32Array; i32: Int32Array } | undefined;

/**
 * Grows the module's memory to at least `bytes` and returns views of it. The
 * views are cached, so a call in the step loop allocates nothing.
 */
function memoryFor(w: PhiloxWasm, bytes: number): { u32: Uint32Array; i32: Int32Array } {
  const have = w.memory.buffer.byteLength;
  if (bytes > have) w.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  const buffer = w.memory.buffer;
  if (views === undefined || views.buffer !== buffer) {
    views = { buffer, u32: new Uint32Array(buffer), i32: new Int32Array(buffer) };
  }
  return views;
}

/** Copies `words` words from the start of the module's memory to out[at..]. */
function copyOut(mem: Uint32Array, out: Uint32Array, at: number, words: number): void {
  for (let k = 0; k < words; k++) out[at + k] = mem[k];
}

/**
 * Fills `out[4*j .. 4*j+3]` with the block of counter
 * [(start + j) mod 2^32, c1, c2, c3] under key (k0, k1), for j = 0..count-1:
 * word for word what `philox4x32Fill` writes (keys and counter words are
 * integers taken modulo 2^32; the first counter word wraps past 2^32 - 1).
 * Unlike the reference, which silently drops writes past the end, throws a
 * RangeError when `out` holds fewer than 4 * count words.
 */
export function philox4x32FillFast(
  k0: number,
  k1: number,
  start: number,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
): void {
  if (!(count > 0)) return;
  count = Math.ceil(count);
  if (out.length < count * 4) {
    throw new RangeError(`philox4x32FillFast: out holds ${out.length} words, need ${count * 4}`);
  }
  if (wasm === undefined) wasm = instantiate();
  if (wasm === null) {
    philox4x32Fill(k0, k1, start, count, c1, c2, c3, out);
    return;
  }
  const chunk = Math.min(count, CHUNK_BLOCKS);
  const mem = memoryFor(wasm, chunk * 16);
  for (let done = 0; done < count; done += CHUNK_BLOCKS) {
    const n = Math.min(CHUNK_BLOCKS, count - done);
    wasm.fill(k0, k1, (start + done) | 0, n, c1, c2, c3, 0);
    copyOut(mem.u32, out, done * 4, n * 4);
  }
}

/**
 * Fills `out[4*j .. 4*j+3]` with the block of counter [ids[j], c1, c2, c3]
 * under key (k0, k1), for j = 0..count-1: word for word what
 * `philox4x32Gather` writes (keys and counter words are integers taken modulo
 * 2^32; ids are agent indices, non-negative, though a negative one would name
 * counter id + 2^32 in both). The ids are copied into the module's memory a
 * chunk at a time. Unlike the reference,
 * which reads missing ids as 0 and silently drops writes past the end, throws
 * a RangeError when `ids` holds fewer than `count` entries or `out` fewer than
 * 4 * count words.
 */
export function philox4x32GatherFast(
  k0: number,
  k1: number,
  ids: Int32Array,
  count: number,
  c1: number,
  c2: number,
  c3: number,
  out: Uint32Array,
): void {
  if (!(count > 0)) return;
  count = Math.ceil(count);
  if (ids.length < count) {
    throw new RangeError(`philox4x32GatherFast: ids holds ${ids.length} entries, need ${count}`);
  }
  if (out.length < count * 4) {
    throw new RangeError(`philox4x32GatherFast: out holds ${out.length} words, need ${count * 4}`);
  }
  if (wasm === undefined) wasm = instantiate();
  if (wasm === null) {
    philox4x32Gather(k0, k1, ids, count, c1, c2, c3, out);
    return;
  }
  // Output at 0 (as for the fill), ids right after the chunk's output.
  const chunk = Math.min(count, CHUNK_BLOCKS);
  const idsAt = chunk * 4; // in 32-bit words
  const mem = memoryFor(wasm, chunk * 20);
  for (let done = 0; done < count; done += CHUNK_BLOCKS) {
    const n = Math.min(CHUNK_BLOCKS, count - done);
    const i32 = mem.i32;
    for (let k = 0; k < n; k++) i32[idsAt + k] = ids[done + k];
    wasm.gather(k0, k1, idsAt * 4, n, c1, c2, c3, 0);
    copyOut(mem.u32, out, done * 4, n * 4);
  }
}

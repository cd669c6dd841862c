/**
 * The compact bytes of one unit's result, what a worker hands back (moved,
 * not copied) and what a unit's part holds:
 *
 *   u32 magic "SCU1" | u32 number of outputs K | K × u32 length | (pad to 8)
 *   | the values as float64, output after output, in p.outputs order
 *
 * little-endian. A scalar output has length 1; an every-step output its
 * series length. The bytes depend only on the values, so the same unit gives
 * the same bytes on any worker, and a store compares them bit for bit.
 */
import type { OutputDef } from "../../core/experiment/index.js";

const MAGIC = 0x31554353; // "SCU1" read as a little-endian u32

/** Outputs of one unit, by output name: a number, or a series for every-step outputs. */
export type UnitOutputs = Record<string, number | ArrayLike<number>>;

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encodes a unit's outputs (every output of `defs`, in order) into a fresh ArrayBuffer. */
export function encodeUnitResult(defs: readonly OutputDef[], outputs: UnitOutputs): Uint8Array {
  const K = defs.length;
  const lengths = defs.map((d) => {
    const v = outputs[d.name];
    if (v === undefined) throw new Error(`unit result: output "${d.name}" is missing`);
    if (d.scalar) {
      if (typeof v !== "number") throw new Error(`unit result: output "${d.name}" is not a number`);
      return 1;
    }
    return typeof v === "number" ? 1 : v.length;
  });
  const headerBytes = Math.ceil(((2 + K) * 4) / 8) * 8;
  const values = lengths.reduce((a, b) => a + b, 0);
  const buf = new ArrayBuffer(headerBytes + values * 8);
  const view = new DataView(buf);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, K, true);
  for (let i = 0; i < K; i++) view.setUint32(8 + 4 * i, lengths[i], true);
  let off = headerBytes;
  defs.forEach((d, i) => {
    const v = outputs[d.name];
    if (typeof v === "number") {
      view.setFloat64(off, v, true);
      off += 8;
    } else {
      for (let t = 0; t < lengths[i]; t++, off += 8) view.setFloat64(off, v[t], true);
    }
  });
  return new Uint8Array(buf);
}

/**
 * Decodes a unit's result. Throws an Error naming what is wrong when the
 * bytes are not a result of these outputs (another experiment's, or damaged).
 */
export function decodeUnitResult(defs: readonly OutputDef[], bytes: Uint8Array): UnitOutputs {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new Error("not a unit result (bad magic number)");
  }
  const K = view.getUint32(4, true);
  if (K !== defs.length) throw new Error(`holds ${K} outputs, the experiment has ${defs.length}`);
  const headerBytes = Math.ceil(((2 + K) * 4) / 8) * 8;
  if (bytes.byteLength < headerBytes) throw new Error("truncated header");
  const lengths: number[] = [];
  let total = 0;
  for (let i = 0; i < K; i++) {
    const n = view.getUint32(8 + 4 * i, true);
    if (defs[i].scalar && n !== 1) throw new Error(`output "${defs[i].name}" is not a number`);
    lengths.push(n);
    total += n;
  }
  if (bytes.byteLength !== headerBytes + total * 8) {
    throw new Error(`is ${bytes.byteLength} bytes, expected ${headerBytes + total * 8}`);
  }
  const out: UnitOutputs = {};
  let off = headerBytes;
  defs.forEach((d, i) => {
    if (d.scalar) {
      out[d.name] = view.getFloat64(off, true);
      off += 8;
    } else {
      const a = new Float64Array(lengths[i]);
      if (littleEndian && (bytes.byteOffset + off) % 8 === 0) {
        a.set(new Float64Array(bytes.buffer, bytes.byteOffset + off, lengths[i]));
      } else {
        for (let t = 0; t < a.length; t++) a[t] = view.getFloat64(off + 8 * t, true);
      }
      off += 8 * lengths[i];
      out[d.name] = a;
    }
  });
  return out;
}

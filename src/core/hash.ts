/**
 * FNV-1a 64 (Fowler, Noll, Vo; IETF draft-eastlake-fnv) over the bytes of
 * typed arrays, computed in two 32-bit halves so no BigInt is needed in the
 * loop. The prime 2^40 + 0x1b3 multiplies as h * 0x1b3 + (h << 40).
 * Used for state hashes: it need not be cryptographic, only fixed and
 * sensitive to every byte.
 */
export class Fnv1a64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  update(view: ArrayBufferView): this {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < bytes.length; i++) {
      lo ^= bytes[i];
      // (hi:lo) * 0x1b3: lo * 0x1b3 < 2^41 is exact in a double.
      const loProd = (lo >>> 0) * 0x1b3;
      const carry = Math.floor(loProd / 4294967296);
      const newLo = loProd >>> 0;
      // + (hi:lo) << 40 contributes (lo << 8) to the high word.
      hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
      lo = newLo;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** Adds a number as its 8 IEEE-754 bytes. */
  updateNumber(x: number): this {
    F64[0] = x;
    return this.update(F64);
  }

  hex(): string {
    return (
      (this.hi >>> 0).toString(16).padStart(8, "0") + (this.lo >>> 0).toString(16).padStart(8, "0")
    );
  }
}
const F64 = new Float64Array(1);

/** FNV-1a 64 of a string's UTF-8 bytes, as an unsigned 64-bit integer. */
export function fnv1a64(s: string): bigint {
  const h = new Fnv1a64().update(utf8(s)).hex();
  return BigInt(`0x${h}`);
}

/**
 * The UTF-8 bytes of a string (WHATWG Encoding: lone surrogates become
 * U+FFFD, as TextEncoder does). Core has no TextEncoder in its types: it
 * declares no platform, so it encodes by hand.
 */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

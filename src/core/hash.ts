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

import { philox4x32 } from "./philox4x32.js";
import type { Seed64 } from "./seed.js";

/**
 * A named stream of counter-based randomness. A draw is addressed by
 * (seed, stream, step, agent, index): counter = [agent, step, stream, index],
 * key = seed. Nothing is carried from one draw to the next, so results do not
 * depend on the order in which agents are visited nor on how work is split
 * between threads.
 *
 * For speed, one Philox block yields four 32-bit words; `u01(step, agent, i)`
 * computes block `i >> 2` and caches it, so asking for draws 0..3 of one agent
 * costs one block.
 */
export class Stream {
  private readonly k0: number;
  private readonly k1: number;
  private readonly buf = new Uint32Array(4);
  private cStep = -1;
  private cAgent = -1;
  private cBlock = -1;

  constructor(
    seed: Seed64,
    /** Stream id: each mechanism and purpose owns one (see streams.ts). */
    readonly id: number,
  ) {
    this.k0 = seed.lo;
    this.k1 = seed.hi;
  }

  /** The 32-bit word `i` of (step, agent). */
  word(step: number, agent: number, i: number): number {
    const block = i >>> 2;
    if (block !== this.cBlock || agent !== this.cAgent || step !== this.cStep) {
      philox4x32(agent, step, this.id, block, this.k0, this.k1, this.buf);
      this.cStep = step;
      this.cAgent = agent;
      this.cBlock = block;
    }
    return this.buf[i & 3];
  }

  /**
   * Loads block 0 of (step, agent) from words computed elsewhere (a batch
   * fill of the same stream and step), so the next draws of words 0..3 cost
   * nothing. The words must be the ones Philox gives for that address.
   */
  prime(step: number, agent: number, words: Uint32Array, offset: number): void {
    this.buf[0] = words[offset];
    this.buf[1] = words[offset + 1];
    this.buf[2] = words[offset + 2];
    this.buf[3] = words[offset + 3];
    this.cStep = step;
    this.cAgent = agent;
    this.cBlock = 0;
  }

  /** The seed key, for batch fills of this stream. */
  get key(): readonly [number, number] {
    return [this.k0, this.k1];
  }

  /** Uniform on the open interval (0, 1), 32 bits of resolution. */
  u01(step: number, agent: number, i: number): number {
    return (this.word(step, agent, i) + 0.5) * 2.3283064365386963e-10;
  }

  /** Uniform on [0, 1) with 53 bits of resolution; uses words i and i + 1. */
  u53(step: number, agent: number, i: number): number {
    const a = this.word(step, agent, i) >>> 5;
    const b = this.word(step, agent, i + 1) >>> 6;
    return (a * 67108864 + b) * 1.1102230246251565e-16;
  }

  /** true with probability p. */
  bernoulli(step: number, agent: number, i: number, p: number): boolean {
    return this.u01(step, agent, i) < p;
  }

  /** Integer uniform on 0..n-1 (n ≤ 2^32), by Lemire's multiply-shift; bias < n / 2^32. */
  int(step: number, agent: number, i: number, n: number): number {
    return Math.floor(this.word(step, agent, i) * n * 2.3283064365386963e-10);
  }

  /** Standard normal by Box–Muller (Box and Muller 1958); uses words i and i + 1. */
  normal(step: number, agent: number, i: number): number {
    const u1 = this.u01(step, agent, i);
    const u2 = this.u01(step, agent, i + 1);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(6.283185307179586 * u2);
  }
}

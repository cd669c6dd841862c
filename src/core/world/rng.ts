/**
 * The random-number service of a world. Every draw is a word of a Philox
 * block keyed by the seed and addressed by (agent, step, stream, block), as
 * a draw declaration (draws.ts) says; nothing is carried from one draw to the
 * next, so results do not depend on the order agents are visited in nor on
 * how work is split. Batches come from the WebAssembly kernel.
 */
import { philox4x32FillFast, philox4x32GatherFast } from "../rng/philox4x32-wasm.js";
import type { Seed64 } from "../rng/seed.js";
import { Stream } from "../rng/stream.js";
import type { BlockDraw, WordDraw } from "./draws.js";

export class Rng {
  private readonly words: Uint32Array;
  private readonly streams = new Map<number, Stream>();

  constructor(
    readonly seed: Seed64,
    n: number,
    /** The ids a gather reads (the scheduler's). */
    private readonly ids: Int32Array,
  ) {
    this.words = new Uint32Array(4 * n);
  }

  /**
   * The block of draw `d` at `step` for the `count` agents in ids: agent
   * ids[j]'s words at [4j .. 4j + 3], lane l at 4j + l.
   */
  gather(d: BlockDraw, step: number, count: number): Uint32Array {
    const s = this.seed;
    philox4x32GatherFast(s.lo, s.hi, this.ids, count, step, d.stream, d.block, this.words);
    return this.words;
  }

  /** The block of draw `d` at `step` for every agent: agent i's words at [4i .. 4i + 3]. */
  fill(d: BlockDraw, step: number): Uint32Array {
    const s = this.seed;
    philox4x32FillFast(s.lo, s.hi, 0, this.words.length >> 2, step, d.stream, d.block, this.words);
    return this.words;
  }

  /** The stream single words of draw `d` are taken from: `stream(d).u01(step, agent, word)`. */
  stream(d: WordDraw): Stream {
    let s = this.streams.get(d.stream);
    if (s === undefined) {
      s = new Stream(this.seed, d.stream);
      this.streams.set(d.stream, s);
    }
    return s;
  }
}

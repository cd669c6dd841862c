/**
 * The torus of Epstein's model, stored with a halo: ghost rows and columns
 * that repeat the cells across the seam, so the von Neumann ball around any
 * cell is one flat list of index offsets. A look at a ball is one branch-free
 * pass summing a packed counter (empty, cop, active); where a ball does not fit
 * in the torus (2 vision + 1 > W or > H), the scan reads wrapped, deduplicated
 * offsets instead.
 */
import { ACTIVE, COP, EMPTY } from "./rules.js";

/**
 * Packed scan increments by cell code: actives in bits 0-9, cops in 10-19,
 * empties in 20-29. A scan sums at most 1023 cells per packed word.
 */
const INC = Int32Array.of(1 << 20, 1 << 10, 0, 1, 0);
const CHUNK = 1023;
// 0/1 by cell code, for branch-free collecting (a ternary compiles to a branch).
const IS_EMPTY = Int32Array.of(1, 0, 0, 0, 0);
const IS_ACTIVE = Int32Array.of(0, 0, 0, 1, 0);

/** Number of cells at von Neumann distance 1..v: 2v(v + 1). */
export function vonNeumannSize(v: number): number {
  return 2 * v * (v + 1);
}

/**
 * Offsets (dx, dy) with 1 <= |dx| + |dy| <= v, wrapped into [0, W) x [0, H) and
 * deduplicated; the own cell (0, 0) excluded. Interleaved [dx0, dy0, dx1, ...].
 */
export function wrappedOffsets(v: number, W: number, H: number): Int32Array {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let dy = -v; dy <= v; dy++) {
    const r = v - Math.abs(dy);
    for (let dx = -r; dx <= r; dx++) {
      const dxw = ((dx % W) + W) % W;
      const dyw = ((dy % H) + H) % H;
      if (dxw === 0 && dyw === 0) continue;
      const key = dyw * W + dxw;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(dxw, dyw);
    }
  }
  return Int32Array.from(out);
}

/** How one kind of agent looks: flat halo offsets, or wrapped offsets. */
export interface Vision {
  readonly radius: number;
  /** Flat offsets in the haloed grid (the ball fits in the torus), or null. */
  readonly flat: Int32Array | null;
  /** Wrapped (dx, dy) pairs when the ball does not fit, or null. */
  readonly wrapped: Int32Array | null;
  /** Cells in the ball (after deduplication). */
  readonly size: number;
  /** 65536 mod size: Lemire's rejection threshold for 16-bit draws. */
  readonly lemire: number;
}

/** A haloed torus of cell codes, with the scans of a ball. */
export class TorusGrid {
  /** Halo width: ghost rows/columns on each side of the grid. */
  readonly halo: number;
  /** Row length of the haloed grid, width + 2 halo. */
  readonly stride: number;
  /**
   * Cell codes (EMPTY, COP, QUIET, ACTIVE, JAILED) on the haloed grid: cell
   * (x, y) is at (y + halo) * stride + x + halo; the halo repeats the cells
   * across the seam.
   */
  readonly grid: Uint8Array;
  /** colWrap[i] = i mod W for i < 2W (wrapped path). */
  private readonly colWrap: Int32Array;
  /** rowWrap[i] = i mod H for i < 2H (wrapped path). */
  private readonly rowWrap: Int32Array;
  /** Empty / active cells (haloed-grid indices) collected by a scan. */
  readonly emptyBuf: Int32Array;
  readonly activeBuf: Int32Array;
  // Results of the last scan.
  nEmpty = 0;
  nActive = 0;
  nCops = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    /** The visions the grid must serve; the halo fits the widest that fits the torus. */
    radii: readonly number[],
  ) {
    const W = width;
    const H = height;
    let halo = 0;
    for (const v of radii) if (this.fits(v)) halo = Math.max(halo, v);
    this.halo = halo;
    this.stride = W + 2 * halo;
    this.grid = new Uint8Array(this.stride * (H + 2 * halo));
    this.colWrap = new Int32Array(2 * W);
    for (let i = 0; i < 2 * W; i++) this.colWrap[i] = i % W;
    this.rowWrap = new Int32Array(2 * H);
    for (let i = 0; i < 2 * H; i++) this.rowWrap[i] = i % H;
    const nb = Math.max(
      ...radii.map((v) => (this.fits(v) ? vonNeumannSize(v) : wrappedOffsets(v, W, H).length / 2)),
    );
    this.emptyBuf = new Int32Array(nb);
    this.activeBuf = new Int32Array(nb);
  }

  /** Whether a ball of radius v fits in the torus (cannot reach around it). */
  fits(v: number): boolean {
    return 2 * v + 1 <= this.width && 2 * v + 1 <= this.height;
  }

  /** The offsets of a ball of radius v: flat in the haloed grid when it fits, wrapped otherwise. */
  vision(v: number): Vision {
    if (!this.fits(v)) {
      const wrapped = wrappedOffsets(v, this.width, this.height);
      const size = wrapped.length / 2;
      return { radius: v, flat: null, wrapped, size, lemire: 65536 % size };
    }
    const flat = new Int32Array(vonNeumannSize(v));
    let i = 0;
    for (let dy = -v; dy <= v; dy++) {
      const r = v - Math.abs(dy);
      for (let dx = -r; dx <= r; dx++) {
        if (dx !== 0 || dy !== 0) flat[i++] = dy * this.stride + dx;
      }
    }
    return { radius: v, flat, wrapped: null, size: flat.length, lemire: 65536 % flat.length };
  }

  /** Haloed-grid index of cell c = y * width + x. */
  gridIndex(c: number): number {
    const W = this.width;
    const x = c % W;
    return ((c - x) / W + this.halo) * this.stride + x + this.halo;
  }

  /** Cell y * width + x of haloed-grid index g (ghost cells map to their originals). */
  cellOf(g: number): number {
    const s = this.stride;
    const h = this.halo;
    const px = g % s;
    let x = px - h;
    let y = (g - px) / s - h;
    if (x < 0) x += this.width;
    else if (x >= this.width) x -= this.width;
    if (y < 0) y += this.height;
    else if (y >= this.height) y -= this.height;
    return y * this.width + x;
  }

  /** Writes cell c's code, and its ghost copies in the halo. */
  put(c: number, code: number): void {
    const W = this.width;
    const H = this.height;
    const h = this.halo;
    const s = this.stride;
    const x = c % W;
    const y = (c - x) / W;
    const g = (y + h) * s + x + h;
    const grid = this.grid;
    grid[g] = code;
    if (h === 0) return;
    // With 2h + 1 <= W, H a cell has at most one ghost column and one ghost row.
    const gx = x < h ? W : x >= W - h ? -W : 0;
    const gy = y < h ? H * s : y >= H - h ? -H * s : 0;
    if (gx !== 0) grid[g + gx] = code;
    if (gy !== 0) {
      grid[g + gy] = code;
      if (gx !== 0) grid[g + gx + gy] = code;
    }
  }

  /**
   * One branch-free pass over the ball around haloed index g: counts empty
   * cells, cops and actives (packed, CHUNK cells at a time) and, for cops,
   * collects the active cells into activeBuf.
   */
  scanFlat(g: number, flat: Int32Array, collectActive: boolean): void {
    const grid = this.grid;
    const size = flat.length;
    const act = this.activeBuf;
    let ne = 0;
    let nc = 0;
    let na = 0;
    for (let b = 0; b < size; b += CHUNK) {
      const e = Math.min(b + CHUNK, size);
      let acc = 0;
      if (collectActive) {
        for (let i = b; i < e; i++) {
          const d = g + flat[i];
          const k = grid[d];
          acc += INC[k];
          act[na] = d;
          na += IS_ACTIVE[k];
        }
      } else {
        for (let i = b; i < e; i++) acc += INC[grid[g + flat[i]]];
        na += acc & 1023;
      }
      nc += (acc >>> 10) & 1023;
      ne += acc >>> 20;
    }
    this.nEmpty = ne;
    this.nCops = nc;
    this.nActive = na;
  }

  /** Collects the empty cells of the ball around haloed index g into emptyBuf; returns their number. */
  collectEmpty(g: number, flat: Int32Array): number {
    const grid = this.grid;
    const emp = this.emptyBuf;
    let ne = 0;
    for (let i = 0; i < flat.length; i++) {
      const d = g + flat[i];
      emp[ne] = d;
      ne += IS_EMPTY[grid[d]];
    }
    return ne;
  }

  /** Scan through wrapped offsets (ball larger than the torus): counts and collects. */
  scanWrapped(c: number, wrapped: Int32Array): void {
    const W = this.width;
    const x = c % W;
    const y = (c - x) / W;
    const h = this.halo;
    const s = this.stride;
    const grid = this.grid;
    const emp = this.emptyBuf;
    const act = this.activeBuf;
    let ne = 0;
    let nc = 0;
    let na = 0;
    for (let i = 0; i < wrapped.length; i += 2) {
      const d = (this.rowWrap[y + wrapped[i + 1]] + h) * s + this.colWrap[x + wrapped[i]] + h;
      const k = grid[d];
      if (k === EMPTY) emp[ne++] = d;
      else if (k === COP) nc++;
      else if (k === ACTIVE) act[na++] = d;
    }
    this.nEmpty = ne;
    this.nCops = nc;
    this.nActive = na;
  }

  /** Code of cell y * width + x. */
  cellCode(c: number): number {
    return this.grid[this.gridIndex(c)];
  }
}

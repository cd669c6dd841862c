/**
 * Column declarations: what a mechanism says about each per-agent (or
 * per-tie) column it owns. The world allocates every declared column, hashes
 * the ones that carry state from one step to the next, counts their bytes for
 * the memory guard and, for event columns, keeps the scheduler's `nextAny` in
 * step with them. Nothing about a column is written twice.
 */

/** Element type of a column, named as its typed array. */
export type ColumnType = "i32" | "i16" | "u8" | "f32";

export interface ColumnSpec {
  readonly type: ColumnType;
  /** What the column holds, one line (MODEL.md §2.2 is generated from it). */
  readonly doc: string;
  /**
   * "agent": one value per agent (the default); "agentSub": one per agent and
   * sub-system, agent-major (i * K + k); "tie": one per CSR entry.
   */
  readonly per?: "agent" | "agentSub" | "tie";
  /** Initial value of every cell (default 0). */
  readonly fill?: number;
  /**
   * An event column holds the step of the agent's next event of a kind, and
   * the scheduler's `nextAny` is the minimum over all of them. "never": no
   * event is the value NEVER; "zero": no event is 0 and only values after the
   * current step count (so the column can double as a state, e.g. detained
   * until).
   */
  readonly event?: "never" | "zero";
}

/** The typed array of a column type. */
export type ArrayOf<T extends ColumnType> = T extends "i32"
  ? Int32Array
  : T extends "i16"
    ? Int16Array
    : T extends "u8"
      ? Uint8Array
      : Float32Array;

export const BYTES: Record<ColumnType, number> = { i32: 4, i16: 2, u8: 1, f32: 4 };

function spec<T extends ColumnType>(
  type: T,
  doc: string,
  opts: Omit<ColumnSpec, "type" | "doc"> = {},
): ColumnSpec & { readonly type: T } {
  return { type, doc, ...opts };
}

/** Column constructors, for declarations: `col.u8("1 while the agent is listed")`. */
export const col = {
  i32: (doc: string, opts?: Omit<ColumnSpec, "type" | "doc">) => spec("i32", doc, opts),
  i16: (doc: string, opts?: Omit<ColumnSpec, "type" | "doc">) => spec("i16", doc, opts),
  u8: (doc: string, opts?: Omit<ColumnSpec, "type" | "doc">) => spec("u8", doc, opts),
  f32: (doc: string, opts?: Omit<ColumnSpec, "type" | "doc">) => spec("f32", doc, opts),
  /** The step of the agent's next event of a kind, NEVER when there is none. */
  event: (doc: string) => spec("i32", doc, { event: "never" }),
};

/** Cells of a column for n agents, K sub-systems and E CSR entries. */
export function cellsOf(c: ColumnSpec, n: number, K: number, E: number): number {
  return c.per === "agentSub" ? n * K : c.per === "tie" ? E : n;
}

/**
 * Allocates a column. Byte columns are padded to whole 32-bit words, so that
 * the public flags can be packed four agents at a time (public-flags.ts).
 */
export function allocate(
  c: ColumnSpec,
  cells: number,
): Int32Array | Int16Array | Uint8Array | Float32Array {
  let a: Int32Array | Int16Array | Uint8Array | Float32Array;
  switch (c.type) {
    case "i32":
      a = new Int32Array(cells);
      break;
    case "i16":
      a = new Int16Array(cells);
      break;
    case "u8":
      a = new Uint8Array(new ArrayBuffer((cells + 3) & ~3), 0, cells);
      break;
    case "f32":
      a = new Float32Array(cells);
      break;
  }
  if (c.fill !== undefined && c.fill !== 0) a.fill(c.fill);
  return a;
}

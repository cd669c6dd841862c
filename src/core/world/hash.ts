/**
 * The state hash: FNV-1a 64 over everything that carries from one step to the
 * next — every declared column, in declaration order (the world's, then the
 * mechanisms' in registry order), then every declared model-level variable
 * (`carries`), then the step. Same seed and scenario, same hash, on any
 * machine and whatever the order agents are visited in.
 */
import { Fnv1a64 } from "../hash.js";
import type { MechanismSpec } from "../mechanisms/define.js";
import { DECLARATIONS, declaredColumns } from "./build.js";
import type { World } from "./world.js";

/** Hex FNV-1a 64 of the world's state. */
export function stateHash(w: World): string {
  const h = new Fnv1a64();
  const cols = w.state as unknown as Record<string, ArrayBufferView>;
  for (const { name } of declaredColumns()) h.update(cols[name]);
  const tables = w.tables as unknown as Record<string, Record<string, unknown>>;
  for (const d of DECLARATIONS as readonly MechanismSpec[]) {
    for (const field of d.carries ?? []) {
      const v = tables[d.id][field];
      if (typeof v === "number") h.updateNumber(v);
      else if (ArrayBuffer.isView(v)) h.update(v);
      else
        throw new Error(
          `scsim: ${d.id} carries ${field}, which is neither a number nor a typed array`,
        );
    }
  }
  h.updateNumber(w.t);
  return h.hex();
}

/**
 * Fills docs/MODEL.md's generated blocks (between `<!-- generated:ID -->` and
 * `<!-- /generated:ID -->`) with each declaration's tables. Run by
 * `npm run docs`; a test checks the committed file is current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { declarationTables } from "../../core/docs/declaration-tables.js";
import type { MechanismSpec } from "../../core/mechanisms/define.js";
import { MECHANISMS, PARAMS } from "../../core/mechanisms/registry.generated.js";
import { packageRoot } from "../paths.js";

/** MODEL.md's path in the package. */
export const MODEL_MD = join(packageRoot(), "docs", "MODEL.md");

/** The text with every generated block rewritten from the declarations. */
export function renderModelMd(text: string): string {
  let out = text;
  MECHANISMS.forEach((m, k) => {
    const open = `<!-- generated:${m.id} -->`;
    const close = `<!-- /generated:${m.id} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`docs/MODEL.md has no generated block for ${m.id}`);
    const body = declarationTables(m as MechanismSpec, PARAMS[k] as Record<string, z.ZodType>);
    out = `${out.slice(0, a + open.length)}\n${body}\n${out.slice(b)}`;
  });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2] ?? MODEL_MD;
  writeFileSync(path, renderModelMd(readFileSync(path, "utf8")));
}

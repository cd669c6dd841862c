// Compiles src/core/rng/philox4x32.wat with wabt and writes its bytes, base64-encoded, to
// src/core/rng/philox4x32-wasm.generated.ts, so core code can instantiate the module
// synchronously in Node and in browsers without reading files.
// Usage: node scripts/build-wasm.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import initWabt from "wabt";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const watPath = join(root, "src/core/rng/philox4x32.wat");
const outPath = join(root, "src/core/rng/philox4x32-wasm.generated.ts");

const wabt = await initWabt();
const mod = wabt.parseWat("philox4x32.wat", readFileSync(watPath, "utf8"));
try {
  mod.resolveNames();
  mod.validate();
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  const base64 = Buffer.from(buffer).toString("base64");
  writeFileSync(
    outPath,
    `// Generated from philox4x32.wat by scripts/build-wasm.mjs; do not edit.
// Regenerate after changing the .wat with: node scripts/build-wasm.mjs
// ${buffer.length} bytes of WebAssembly, base64-encoded.
export const PHILOX4X32_WASM_BASE64 =
  "${base64}";
`,
  );
  console.log(`wrote ${outPath} (${buffer.length} bytes of wasm)`);
} finally {
  mod.destroy();
}

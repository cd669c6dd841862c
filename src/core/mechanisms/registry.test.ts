import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { share } from "../metrics/define.js";
import { DECLARATIONS, undeclaredNames } from "../world/build.js";
import { MECHANISMS } from "./registry.generated.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const CORE = resolve(HERE, "..");
const ROOT = resolve(CORE, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return f.endsWith(".ts") && !f.endsWith(".test.ts") ? [p] : [];
  });
}

/** Relative imports of a file, resolved to .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)";/gms)) {
    if (m[1]) continue; // type-only imports vanish at run time
    out.push(resolve(dirname(file), m[2].replace(/\.js$/, ".ts")));
  }
  return out;
}

describe("the mechanism registry", () => {
  it("is what scripts/gen-registry.mjs writes (run `npm run gen` after adding a mechanism)", () => {
    const out = join(tmpdir(), `registry-${process.pid}.ts`);
    execFileSync(process.execPath, [join(ROOT, "scripts/gen-registry.mjs"), out]);
    expect(readFileSync(join(HERE, "registry.generated.ts"), "utf8")).toBe(
      readFileSync(out, "utf8"),
    );
  });

  it("holds every mechanism of MECHANISMS.md, M1–M18 then B1, B2, each once, in order", () => {
    const ids = MECHANISMS.map((m) => m.id);
    expect(ids.slice(0, 20)).toEqual([
      ...Array.from({ length: 18 }, (_, k) => `M${k + 1}`),
      "B1",
      "B2",
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every declaration has an article sentence (the M rows) and a title", () => {
    for (const m of MECHANISMS) {
      expect(m.title.length, m.id).toBeGreaterThan(3);
      if (m.id.startsWith("M")) expect((m as { article?: object }).article, m.id).toBeDefined();
    }
  });

  it("mechanisms import neither the model nor Node, and their run-time imports have no cycle", () => {
    const files = sources(CORE);
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    for (const f of sources(HERE)) {
      for (const dep of graph.get(f) ?? []) {
        expect(relative(CORE, dep), relative(CORE, f)).not.toBe("model.ts");
      }
    }
    const state = new Map<string, 1 | 2>();
    const cycle: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 2 || cycle.length) return;
      if (state.get(f) === 1) {
        cycle.push(...path.slice(path.indexOf(f)), f);
        return;
      }
      state.set(f, 1);
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 2);
    };
    for (const f of files) visit(f, []);
    expect(cycle.map((f) => relative(CORE, f))).toEqual([]);
  });

  it("a metric that reads an undeclared tally is reported", () => {
    expect(undeclaredNames()).toEqual([]);
    const typo = { id: "X", title: "typo", metrics: { m: share("lisetd", "a typo") } };
    expect(undeclaredNames([...DECLARATIONS, typo] as never)).toEqual([
      'X metric m: no tally "lisetd"',
    ]);
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { UserError } from "../core/errors.js";
import { parseScenario } from "../core/scenario/load.js";
import type { Scenario } from "../core/scenario/schema.js";
import { scenariosDir } from "./paths.js";

/** The default preset `scsim run` uses without arguments. */
export const DEFAULT_PRESET = "financial-only";

export interface LoadedScenario {
  scenario: Scenario;
  /** Preset name, or null for a user's file. */
  preset: string | null;
  /** Directory relative paths in the scenario resolve against. */
  baseDir: string;
  /** Where it came from, for messages. */
  source: string;
  /** The scenario file's absolute path, or null for a preset. */
  file: string | null;
  /** Command-line overrides applied to it, as `field=value` (set by the CLI). */
  overrides?: string[];
}

/** Largest scenario file read: a scenario is a page of YAML; anything far larger is a mistake. */
export const MAX_SCENARIO_BYTES = 1 << 20;

/** Reads and validates a scenario file (YAML or JSON). */
export function loadScenarioFile(path: string): LoadedScenario {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENARIO_BYTES) {
      throw new UserError(
        `scenario file ${path} is ${size.toLocaleString("en-US")} bytes: more than a scenario (at most ${MAX_SCENARIO_BYTES.toLocaleString("en-US")} bytes)`,
        "Give a scenario file (YAML or JSON); an edge list goes in network.path.",
      );
    }
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === "ENOENT"
        ? `scenario file not found: ${path}`
        : `cannot read scenario file ${path}: ${code}`,
      "Give a path to a .yaml or .json scenario, or use --preset NAME (see `scsim presets`).",
    );
  }
  return {
    scenario: parseScenario(text, path),
    preset: null,
    baseDir: dirname(resolve(path)),
    source: path,
    file: resolve(path),
  };
}

export interface PresetInfo {
  name: string;
  description: string;
  path: string;
}

/** Every preset in scenarios/, with the first sentence of its description. */
export function listPresets(): PresetInfo[] {
  const dir = scenariosDir();
  return readdirSync(dir)
    .filter((f) => extname(f) === ".yaml")
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const doc = parseDocument(readFileSync(path, "utf8")).toJS() as { description?: string };
      return {
        name: basename(f, ".yaml"),
        description: firstSentence(String(doc?.description ?? "")),
        path,
      };
    });
}

/** The first sentence of a text (up to ". " or the end), on one line. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.(\s+[A-Z]|$)/);
  return end < 0 ? flat : flat.slice(0, end + 1);
}

export function loadPreset(name: string): LoadedScenario {
  const presets = listPresets();
  const p = presets.find((x) => x.name === name);
  if (!p) {
    throw new UserError(
      `unknown preset "${name}"; presets: ${presets.map((x) => x.name).join(", ")}`,
      "Run `scsim presets` to see what each one is.",
    );
  }
  const loaded = loadScenarioFile(p.path);
  return { ...loaded, preset: name, source: `preset ${name}`, file: null };
}

/** A preset name or a file path: a path if it exists or looks like one. */
export function loadPresetOrFile(arg: string): LoadedScenario {
  if (/[\\/]|\.(ya?ml|json)$/i.test(arg)) return loadScenarioFile(arg);
  return loadPreset(arg);
}

/**
 * The preset scenarios (scenarios/*.yaml), available without a file system:
 * their texts are compiled into core (presets.generated.ts), so the CLI and
 * the browser read the same presets.
 */
import { parseDocument } from "yaml";
import { UserError } from "../errors.js";
import { parseScenario } from "./load.js";
import { PRESET_TEXTS } from "./presets.generated.js";
import type { Scenario } from "./schema.js";

/** The preset names, sorted. */
export function presetNames(): string[] {
  return Object.keys(PRESET_TEXTS).sort();
}

/** The YAML text of a preset (as in scenarios/NAME.yaml). */
export function presetText(name: string): string {
  const text = PRESET_TEXTS[name];
  if (text === undefined) {
    throw new UserError(
      `unknown preset "${name}"; presets: ${presetNames().join(", ")}`,
      "Run `scsim presets` to see what each one is.",
    );
  }
  return text;
}

/** A preset, validated, with every default filled in. */
export function presetScenario(name: string): Scenario {
  return parseScenario(presetText(name), `scenarios/${name}.yaml`);
}

/** A preset's description (its first sentence is what `scsim presets` shows). */
export function presetDescription(name: string): string {
  const doc = parseDocument(presetText(name)).toJS() as { description?: unknown };
  return String(doc?.description ?? "");
}

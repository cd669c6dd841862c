/** The title of a run as reports show it: the scenario, where it came from, and what was overridden. */

export interface TitleInput {
  /** The scenario's name. */
  name: string;
  /** The preset it was loaded as, or null for a file. */
  preset: string | null;
  /** The scenario file (as given), for a file. */
  scenarioFile?: string | null;
  /** Overrides applied, as `field=value`. */
  overrides?: readonly string[];
}

/**
 * E.g. "integrated (preset)", "integrated (preset, with overrides:
 * network.meanDegree=10)", "my variant (file my.yaml, with overrides:
 * agents=500)": a run changed on the command line never carries the
 * preset's title alone.
 */
export function runTitle(t: TitleInput): string {
  const from = t.preset
    ? t.preset === t.name
      ? "preset"
      : `preset ${t.preset}`
    : t.scenarioFile
      ? `file ${t.scenarioFile}`
      : "";
  const over =
    t.overrides && t.overrides.length > 0 ? `with overrides: ${t.overrides.join(", ")}` : "";
  const paren = [from, over].filter((x) => x !== "").join(", ");
  return paren ? `${t.name} (${paren})` : t.name;
}

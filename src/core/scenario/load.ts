import { UserError } from "../errors.js";
import { describe, formatIssue, readYaml } from "../yaml/index.js";
import { epsteinScenarioSchema, type Scenario, scsScenarioSchema } from "./schema.js";

/**
 * Reads a scenario from YAML or JSON text (JSON is YAML), validates it and
 * fills in every default. Any problem becomes a UserError whose message names
 * the file, the line and column, the field and what is allowed, e.g.
 *
 *   scenario.yaml:7:5: mechanisms.tiers.cutofA: unknown field; allowed: cutoffA, cutoffB, …
 */
export function parseScenario(text: string, file = "scenario"): Scenario {
  const { raw, where } = readYaml(text, file, { maxAliasCount: MAX_ALIAS_COUNT });
  if (raw === null) {
    throw new UserError(
      `${file}: the file is empty (or only comments): a scenario states at least one field`,
      "Write e.g. `name: my-scenario`; every other field has a default (`scsim schema` lists them, `scsim presets` the ready-made scenarios).",
    );
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new UserError(
      `${file}:1:1: a scenario is a mapping of fields (name: value), not ${describe(raw)}`,
    );
  }
  return validateScenario(raw, where);
}

/**
 * Most alias expansions a scenario may make: a scenario needs few, if any,
 * and a "billion laughs" file would otherwise expand to gigabytes. The yaml
 * library's own default.
 */
export const MAX_ALIAS_COUNT = 100;

/** Validates an already-parsed object (e.g. from the browser or a test). */
export function validateScenario(
  raw: unknown,
  where: (path: readonly PropertyKey[], key?: string) => string = () => "scenario",
): Scenario {
  const model = (raw as { model?: unknown })?.model;
  if (model !== undefined && model !== "scs" && model !== "epstein") {
    throw new UserError(
      `${where(["model"])}: model: must be one of scs, epstein; got ${JSON.stringify(model)}`,
    );
  }
  const schema = model === "epstein" ? epsteinScenarioSchema : scsScenarioSchema;
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const messages = result.error.issues
    .slice(0, 5)
    .map((issue) => formatIssue(issue, schema, where, raw));
  const more =
    result.error.issues.length > 5 ? `\n(and ${result.error.issues.length - 5} more)` : "";
  throw new UserError(messages.join("\n") + more);
}

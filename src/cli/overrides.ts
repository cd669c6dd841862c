import { parse as parseYamlScalar } from "yaml";
import { UserError } from "../core/errors.js";
import { validateScenario } from "../core/scenario/load.js";
import type { Scenario } from "../core/scenario/schema.js";

export interface Overrides {
  agents?: string;
  steps?: string;
  seed?: string;
  set?: string[];
}

/**
 * Applies command-line overrides to a validated scenario and validates the
 * result again, so a flag gets the same checks (and messages) as a file.
 * `--set a.b.c=value` reaches any field; the value is read as YAML
 * (numbers, true/false, text, [lists]).
 */
export function applyOverrides(s: Scenario, o: Overrides): Scenario {
  const raw = structuredClone(s) as Record<string, unknown>;
  const origin = new Map<string, string>();
  const put = (path: string, value: unknown, flag: string) => {
    const keys = path.split(".");
    let obj = raw;
    for (const k of keys.slice(0, -1)) {
      if (typeof obj[k] !== "object" || obj[k] === null) obj[k] = {};
      obj = obj[k] as Record<string, unknown>;
    }
    obj[keys[keys.length - 1]] = value;
    origin.set(path, flag);
  };
  if (o.agents !== undefined) {
    if (s.model === "epstein") {
      throw new UserError(
        "--agents does not apply to the epstein model: its agents are set by the grid",
        "Use --set epstein.width=W --set epstein.height=H (and the densities).",
      );
    }
    put("agents", integerFlag("--agents", o.agents), "--agents");
  }
  if (o.steps !== undefined) put("steps", integerFlag("--steps", o.steps), "--steps");
  if (o.seed !== undefined) {
    put(
      "seed",
      /^(0|[1-9][0-9]{0,15})$/.test(o.seed) && Number.isSafeInteger(Number(o.seed))
        ? Number(o.seed)
        : o.seed,
      "--seed",
    );
  }
  for (const item of o.set ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0)
      throw new UserError(
        `--set ${item}: write --set field.path=value, e.g. --set network.meanDegree=10`,
      );
    const path = item.slice(0, eq).trim();
    let value: unknown;
    try {
      value = parseYamlScalar(item.slice(eq + 1));
    } catch {
      value = item.slice(eq + 1);
    }
    put(path, value, `--set ${path}`);
  }
  return validateScenario(raw, (path, key) => {
    const dotted = [...path.map(String), ...(key === undefined ? [] : [key])].join(".");
    for (const [p, flag] of origin) {
      if (dotted === p || dotted.startsWith(`${p}.`) || p.startsWith(`${dotted}.`)) return flag;
    }
    return "command line";
  });
}

function integerFlag(flag: string, text: string): number {
  const cleaned = text.replace(/_/g, "");
  const v = /^[0-9]+(\.[0-9]+)?e[0-9]+$/i.test(cleaned) ? Number(cleaned) : Number(cleaned);
  if (!/^-?[0-9][0-9_]*(\.[0-9]+)?(e[0-9]+)?$/i.test(text) || !Number.isFinite(v)) {
    throw new UserError(`${flag}: expected a whole number, got "${text}"`);
  }
  if (!Number.isInteger(v)) throw new UserError(`${flag}: expected a whole number, got ${text}`);
  return v;
}

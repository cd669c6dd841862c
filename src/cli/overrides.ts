import { parse as parseYamlScalar } from "yaml";
import { UserError } from "../core/errors.js";
import { validateScenario } from "../core/scenario/load.js";
import type { Scenario } from "../core/scenario/schema.js";

export interface Overrides {
  agents?: string;
  steps?: string;
  burnIn?: string;
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
    const keys = fieldPath(path, flag);
    let obj = raw;
    for (const k of keys.slice(0, -1)) {
      // Own fields only: an inherited one (a prototype) is never walked into.
      const next = Object.hasOwn(obj, k) ? obj[k] : undefined;
      if (typeof next !== "object" || next === null || Array.isArray(next)) {
        obj[k] = {};
      }
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
  if (o.burnIn !== undefined) {
    if (s.model === "epstein") {
      throw new UserError("--burn-in does not apply to the epstein model: it records every step");
    }
    put("burnIn", integerFlag("--burn-in", o.burnIn), "--burn-in");
  }
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

/** Path segments that name an object's machinery, not a field: `--set __proto__.x=1` would reach every object. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Splits `a.b.c` into its fields, refusing empty and forbidden segments. */
function fieldPath(path: string, flag: string): string[] {
  const keys = path.split(".");
  for (const k of keys) {
    if (k === "" || FORBIDDEN_KEYS.has(k)) {
      throw new UserError(
        `${flag}: ${k === "" ? `"${path}" has an empty field name` : `"${k}" is not a scenario field`}`,
        "Write --set field.path=value with the fields of `scsim schema`, e.g. --set network.meanDegree=10.",
      );
    }
  }
  return keys;
}

/**
 * The overrides as `field=value` texts, in the order given (--agents,
 * --steps, --burn-in, --seed, then each --set): what a run records and its title shows.
 */
export function overrideList(o: Overrides): string[] {
  const list: string[] = [];
  if (o.agents !== undefined) list.push(`agents=${o.agents}`);
  if (o.steps !== undefined) list.push(`steps=${o.steps}`);
  if (o.burnIn !== undefined) list.push(`burnIn=${o.burnIn}`);
  if (o.seed !== undefined) list.push(`seed=${o.seed}`);
  for (const item of o.set ?? []) {
    const eq = item.indexOf("=");
    list.push(eq > 0 ? `${item.slice(0, eq).trim()}=${item.slice(eq + 1)}` : item);
  }
  return list;
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

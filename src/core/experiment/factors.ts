import { normalCdf, normalQuantile } from "../stats/normal.js";
import type { Factor, FactorValue } from "./schema.js";

/**
 * A factor's value at a coordinate u ∈ [0, 1] of the unit cube, by the
 * inverse of the factor's distribution function (the quantile transform), so
 * every design is built in the unit cube and mapped to values last:
 *
 * - uniform: min + u (max − min);
 * - log-uniform: exp(log min + u (log max − log min));
 * - normal (mean, sd) truncated to [min, max]: mean + sd Φ⁻¹(Φ(α) + u (Φ(β) − Φ(α))),
 *   α, β the standardised bounds;
 * - integer: min + ⌊u (max − min + 1)⌋, capped at max (each whole number equally likely);
 * - levels: levels[⌊u L⌋], capped at the last (each level equally likely).
 *
 * u = 1 (a grid's or a Morris trajectory's top level) gives max, or the last level.
 */
export function factorValue(f: Factor, u: number): FactorValue {
  if (f.levels) {
    const L = f.levels.length;
    return f.levels[Math.min(L - 1, Math.floor(u * L))];
  }
  const [min, max] = f.range!;
  switch (f.distribution) {
    case "uniform":
      return u >= 1 ? max : min + u * (max - min);
    case "log-uniform":
      return u >= 1
        ? max
        : u <= 0
          ? min
          : Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    case "integer":
      return Math.min(max, min + Math.floor(u * (max - min + 1)));
    case "normal": {
      if (u <= 0) return min;
      if (u >= 1) return max;
      const mean = f.mean!;
      const sd = f.sd!;
      const lo = normalCdf((min - mean) / sd);
      const hi = normalCdf((max - mean) / sd);
      const x = mean + sd * normalQuantile(lo + u * (hi - lo));
      return Math.min(max, Math.max(min, x));
    }
  }
}

/** A factor's label: its name, or its path. */
export function factorLabel(f: Factor): string {
  return f.name ?? f.path;
}

/**
 * The values a grid gives a factor: every level, or for a range `count`
 * values at u = 0, 1/(count−1), …, 1 (quantiles, so a normal or log-uniform
 * factor is spaced by probability), duplicates (an integer range narrower
 * than count) dropped.
 */
export function gridValues(f: Factor, count: number): FactorValue[] {
  if (f.levels) return [...f.levels];
  const out: FactorValue[] = [];
  const seen = new Set<string>();
  for (let j = 0; j < count; j++) {
    const v = factorValue(f, count === 1 ? 0.5 : j / (count - 1));
    const key = JSON.stringify(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/** Whether a given value (a CSV point) is one the factor can take. */
export function factorAllows(f: Factor, v: FactorValue): boolean {
  if (f.levels) return f.levels.some((l) => l === v);
  if (typeof v !== "number") return false;
  const [min, max] = f.range!;
  if (f.distribution === "integer" && !Number.isInteger(v)) return false;
  return v >= min && v <= max;
}

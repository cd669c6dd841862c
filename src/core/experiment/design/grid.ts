import { UserError } from "../../errors.js";
import { gridValues } from "../factors.js";
import type { Factor, FactorValue } from "../schema.js";
import type { Design } from "./types.js";

/**
 * Full factorial design: every combination of every factor's grid values
 * (its levels, or `levels` quantile-spaced values of its range), the last
 * factor varying fastest. `maxPoints` refuses an impossible size before
 * anything is built.
 */
export function gridDesign(factors: readonly Factor[], levels: number, maxPoints: number): Design {
  const axes = factors.map((f) => gridValues(f, levels));
  const points = axes.reduce((p, a) => p * a.length, 1);
  if (points > maxPoints) {
    throw new UserError(
      `design: a grid of ${axes.map((a) => a.length).join(" × ")} = ${points} points is more than the ${maxPoints} allowed`,
      "Use fewer levels, or a sobol, lhs or morris design.",
    );
  }
  const k = factors.length;
  const values: FactorValue[] = new Array(points * k);
  for (let p = 0; p < points; p++) {
    let rest = p;
    for (let i = k - 1; i >= 0; i--) {
      const n = axes[i].length;
      values[p * k + i] = axes[i][rest % n];
      rest = Math.floor(rest / n);
    }
  }
  return { type: "grid", k, points, u: null, values };
}

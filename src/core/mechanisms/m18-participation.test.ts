import { beforeAll, describe, expect, it } from "vitest";
import { expectEffect, merge, pair, preset, run, SEEDS, scenario } from "../../../test/effect.js";

/**
 * M18 — first voluntary, later compulsory. Before the mandate, participation
 * spreads by social contagion: it rises slowly, then fast, then slowly (an S);
 * from the mandate step on everyone takes part.
 */
const base = preset("voluntary-then-mandatory", { agents: 2000, burnIn: 0, steps: 300 });
const MANDATE = (base.mechanisms as { participation: { mandateStep: number } }).participation
  .mandateStep;

/** Least-squares line y = a + b x. */
function fitLine(x: number[], y: number[]): [number, number] {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
  }
  const b = sxy / sxx;
  return [my - b * mx, b];
}

/** Shares are kept this far from 0 and 1 before taking their logit (half an agent of 2000). */
const EPS = 1 / (2 * (base.agents as number));

/** Sum of squared errors of a linear and of a logistic fit (a line through logit p) to p(t). */
function fits(p: number[]): { linear: number; logistic: number } {
  const t = p.map((_, k) => k);
  const [a, b] = fitLine(t, p);
  const [la, lb] = fitLine(
    t,
    p.map((v) => {
      const q = Math.min(Math.max(v, EPS), 1 - EPS);
      return Math.log(q / (1 - q));
    }),
  );
  let linear = 0;
  let logistic = 0;
  for (let k = 0; k < p.length; k++) {
    linear += (p[k] - (a + b * k)) ** 2;
    logistic += (p[k] - 1 / (1 + Math.exp(-(la + lb * k)))) ** 2;
  }
  return { linear, logistic };
}

describe("M18 participation", () => {
  const series: Float64Array[] = [];
  beforeAll(() => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      series.push(run(scenario(merge(base, { seed }))).metrics.series("participation"));
    }
  });

  it("before the mandate it rises slowly, then fast, then slowly: the middle third grows at least 5 points more", () => {
    // Growth in each third of the voluntary period: the middle third grows most.
    const third = MANDATE / 3;
    const growth = (s: Float64Array, k: number) => s[(k + 1) * third - 1] - s[k * third];
    const middle = series.map((s) => growth(s, 1));
    const outer = series.map((s) => Math.max(growth(s, 0), growth(s, 2)));
    expectEffect(
      pair(outer, middle),
      "increase",
      0.05,
      "growth of participation, middle third − larger outer third",
    );
  });

  it("before the mandate a logistic curve fits better than a line: at least 20% less squared error", () => {
    const f = series.map((s) => fits(Array.from(s.subarray(0, MANDATE))));
    const rel = f.map((x) => x.logistic / x.linear - 1);
    expectEffect(
      pair(
        rel.map(() => 0),
        rel,
      ),
      "decrease",
      0.2,
      "logistic − linear squared error, relative",
    );
  });

  it("from the mandate step on everyone takes part; before it, not everyone did", () => {
    for (const s of series) {
      expect(s[MANDATE - 1]).toBeLessThan(1);
      for (let t = MANDATE; t < s.length; t++) expect(s[t], `step ${t}`).toBe(1);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { type Comparison, explain, merge, run, scenario } from "../../../test/effect.js";
import { oneSampleTTest, signTest } from "../stats/index.js";

/**
 * M18 — first voluntary, later compulsory. Before the mandate, participation
 * spreads by social contagion: it rises slowly, then fast, then slowly (an S);
 * from the mandate step on everyone takes part.
 */
const REPS = 8;
const MANDATE = 180;
const base = {
  agents: 2000,
  steps: 210,
  mechanisms: {
    subsystems: { financial: { enabled: true } },
    participation: { enabled: true, mandateStep: MANDATE },
  },
};

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
const EPS = 1 / (2 * base.agents);

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

/** Paired tests of b − a, one-sided for b > a, as `compare` reports them. */
function paired(a: number[], b: number[]): Comparison {
  const diff = b.map((v, k) => v - a[k]);
  return { a, b, diff, t: oneSampleTTest(diff, 0), sign: signTest(diff) };
}

function expectSignificant(c: Comparison): void {
  expect(c.t.p, explain(c)).toBeLessThan(0.01);
  expect(c.sign.p, explain(c)).toBeLessThan(0.01);
}

describe("M18 participation", () => {
  const series: Float64Array[] = [];
  beforeAll(() => {
    for (let seed = 1; seed <= REPS; seed++) {
      series.push(run(scenario(merge(base, { seed }))).metrics.series("participation"));
    }
  });

  it("before the mandate it rises slowly, then fast, then slowly (paired t-test and sign test, p < 0.01)", () => {
    // Growth in each third of the voluntary period: the middle third grows most.
    const third = MANDATE / 3;
    const growth = (s: Float64Array, k: number) => s[(k + 1) * third - 1] - s[k * third];
    const middle = series.map((s) => growth(s, 1));
    const outer = series.map((s) => Math.max(growth(s, 0), growth(s, 2)));
    expectSignificant(paired(outer, middle));
  });

  it("before the mandate a logistic curve fits better than a line (paired t-test and sign test, p < 0.01)", () => {
    const f = series.map((s) => fits(Array.from(s.subarray(0, MANDATE))));
    // a = logistic error, b = linear error: the tests ask "the line fits worse".
    expectSignificant(
      paired(
        f.map((x) => x.logistic),
        f.map((x) => x.linear),
      ),
    );
  });

  it("from the mandate step on everyone takes part; before it, not everyone did", () => {
    for (const s of series) {
      expect(s[MANDATE - 1]).toBeLessThan(1);
      for (let t = MANDATE; t < s.length; t++) expect(s[t], `step ${t}`).toBe(1);
    }
  });
});

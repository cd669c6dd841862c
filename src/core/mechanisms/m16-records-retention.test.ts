import { beforeAll, describe, expect, it } from "vitest";
import { type Comparison, explain, merge, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import { at } from "../metrics/define.js";
import type { ScsModel } from "../model.js";
import { oneSampleTTest, signTest } from "../stats/index.js";

/**
 * M16 — records and their retention. Longer retention → more listed agents
 * and slower recovery. Financial-only runs with a short listing term (30
 * steps), so that a listing is reviewed often and ends once the faded records
 * fall below the threshold. At step STOP the flow of records stops (every
 * agent pays from then on); by the end, short retention has let the listed
 * recover, long retention has not, and with records that never expire nobody
 * does.
 */
const REPS = 8;
const STOP = 180;
const base = {
  agents: 3000,
  steps: 300,
  mechanisms: {
    financial: { recordErrorRate: 0 },
    subsystems: { financial: { enabled: true, listThreshold: 2, listTerm: 30 } },
  },
};
const RETENTIONS = { never: 0, long: 365, short: 90 } as const;
type Arm = keyof typeof RETENTIONS;

interface Outcome {
  /** Share listed when the record flow stops. */
  listed: number;
  /** Share of those listed then who are no longer listed at the end. */
  recovered: number;
}

function runArm(arm: Arm, seed: number): Outcome {
  const s = scenario(
    merge(base, {
      seed,
      mechanisms: { subsystems: { financial: { retention: RETENTIONS[arm] } } },
    }),
  );
  const m = buildSimulation(s) as ScsModel;
  for (let t = 0; t < STOP; t++) m.step();
  const listedAtStop = Uint8Array.from(m.world.state.listed);
  const nListed = at(m.world.tally.listed, 0);
  // The record flow stops: from now on everyone meets every obligation.
  m.world.pop.reliability.fill(1);
  for (let t = STOP; t < s.steps; t++) m.step();
  let recovered = 0;
  for (let i = 0; i < m.world.n; i++) if (listedAtStop[i] && !m.world.state.listed[i]) recovered++;
  return { listed: nListed / m.world.n, recovered: nListed > 0 ? recovered / nListed : 0 };
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

describe("M16 records retention", () => {
  const out = { never: [], long: [], short: [] } as Record<Arm, Outcome[]>;
  beforeAll(() => {
    for (let seed = 1; seed <= REPS; seed++)
      for (const arm of Object.keys(RETENTIONS) as Arm[]) out[arm].push(runArm(arm, seed));
  });
  const listed = (arm: Arm) => out[arm].map((o) => o.listed);
  const recovered = (arm: Arm) => out[arm].map((o) => o.recovered);

  it("longer retention → more listed agents (paired t-test and sign test, p < 0.01)", () => {
    expectSignificant(paired(listed("short"), listed("long")));
    expectSignificant(paired(listed("long"), listed("never")));
  });

  it("longer retention → slower recovery once records stop (paired t-test and sign test, p < 0.01)", () => {
    // a = long retention, b = short: the one-sided tests ask "more recover with short retention".
    expectSignificant(paired(recovered("long"), recovered("short")));
  });

  it("records that never expire: nobody recovers", () => {
    for (const o of out.never) expect(o.listed).toBeGreaterThan(0);
    expect(recovered("never")).toEqual(new Array(REPS).fill(0));
  });
});

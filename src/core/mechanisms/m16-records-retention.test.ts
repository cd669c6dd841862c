import { beforeAll, describe, expect, it } from "vitest";
import { expectEffect, merge, pair, preset, SEEDS, scenario } from "../../../test/effect.js";
import { buildSimulation } from "../build.js";
import { at } from "../metrics/define.js";
import type { ScsModel } from "../model.js";

/**
 * M16 — records and their retention. Longer retention → more listed agents
 * and slower recovery. The financial-only preset (its own population and
 * threshold) with a short listing term (30 steps), so that a listing is
 * reviewed often and ends once the faded records fall below the threshold. At step STOP the flow of records stops (every
 * agent pays from then on); by the end, short retention has let the listed
 * recover, long retention has not, and with records that never expire nobody
 * does.
 */
const STOP = 365;
const base = preset(
  "financial-only",
  { agents: 6000, burnIn: 0, steps: 605 },
  {
    mechanisms: {
      financial: { recordErrorRate: 0 },
      subsystems: { financial: { listTerm: 30 } },
    },
  },
);
const RETENTIONS = { never: 0, long: 1460, short: 365 } as const;
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
  // The record flow stops: from now on everyone can pay and nobody chooses not to.
  m.world.pop.reliability.fill(1);
  m.world.pop.strategy.fill(0);
  for (let t = STOP; t < s.steps; t++) m.step();
  let recovered = 0;
  for (let i = 0; i < m.world.n; i++) if (listedAtStop[i] && !m.world.state.listed[i]) recovered++;
  return { listed: nListed / m.world.n, recovered: nListed > 0 ? recovered / nListed : 0 };
}

describe("M16 records retention", () => {
  const out = { never: [], long: [], short: [] } as Record<Arm, Outcome[]>;
  beforeAll(() => {
    for (let seed = 1; seed <= SEEDS; seed++)
      for (const arm of Object.keys(RETENTIONS) as Arm[]) out[arm].push(runArm(arm, seed));
  });
  const listed = (arm: Arm) => out[arm].map((o) => o.listed);
  const recovered = (arm: Arm) => out[arm].map((o) => o.recovered);

  it("longer retention → more listed agents: four years of records' life instead of one lists at least 1 point more", () => {
    expectEffect(
      pair(listed("short"), listed("long")),
      "increase",
      0.01,
      "listed share, retention 1460 − 365",
    );
    expectEffect(
      pair(listed("long"), listed("never")),
      "increase",
      0.0005,
      "listed share, never − 1460",
    );
  });

  it("longer retention → slower recovery once records stop: at least 20 points fewer of the listed recover", () => {
    expectEffect(
      pair(recovered("short"), recovered("long")),
      "decrease",
      0.2,
      "share recovered, retention 1460 − 365",
    );
  });

  it("records that never expire: nobody recovers", () => {
    for (const o of out.never) expect(o.listed).toBeGreaterThan(0);
    expect(recovered("never")).toEqual(new Array(SEEDS).fill(0));
  });
});

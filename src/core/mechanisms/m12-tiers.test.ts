import { beforeAll, describe, expect, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  explain,
  metric,
  pair,
  preset,
  SEEDS,
} from "../../../test/effect.js";
import type { ScsModel } from "../model.js";

/** The integrated preset (privileges on), smaller, against the same without privileges. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });
const noPrivileges = { mechanisms: { tiers: { privileges: false } } };

/** The most conformist fifth's share in the top tier. */
function conformistTop(m: ScsModel): number {
  const w = m.world;
  const order = Array.from({ length: w.n }, (_, i) => i).sort(
    (a, b) => w.pop.conformity[b] - w.pop.conformity[a],
  );
  const q = Math.floor(w.n / 5);
  let top = 0;
  for (let k = 0; k < q; k++) top += w.state.tier[order[k]] === 0 ? 1 : 0;
  return top / q;
}

describe("M12 tiers", () => {
  let c: Record<"acts" | "conformistTop" | "top", Comparison>;
  beforeAll(() => {
    c = compareMany(integrated, noPrivileges, {}, SEEDS, {
      acts: metric("rewarded_acts", "total"),
      conformistTop,
      top: metric("top_tier_share"),
    });
  });

  it("top-tier privileges are sought: agents who can reach them do at least 30% more rewarded acts", () => {
    // The incentive is offered to agents who can reach the top tier; the response is theirs.
    const rel = c.acts.b.map((v, k) => v / c.acts.a[k] - 1);
    expectEffect(
      pair(
        rel.map(() => 0),
        rel,
      ),
      "increase",
      0.3,
      "relative increase of rewarded acts, privileges vs none",
    );
  });

  it("privileges reward conformity: the most conformist fifth reaches the top tier at least 5 points more often", () => {
    expectEffect(
      c.conformistTop,
      "increase",
      0.05,
      "top-tier share of the most conformist fifth, privileges − none",
    );
  });

  it("the top tier is reached at the preset's cut-offs: privileges accrue to someone (at least 5% of agents)", () => {
    for (const v of c.top.b) expect(v, explain(c.top)).toBeGreaterThan(0.05);
  });
});

import { beforeAll, describe, it } from "vitest";
import {
  type Comparison,
  compareMany,
  expectEffect,
  metric,
  preset,
  SEEDS,
} from "../../../test/effect.js";

/** The integrated preset (public list), smaller, against the same with a private list. */
const integrated = preset("integrated", { agents: 2000, burnIn: 365, steps: 365 });
const privateList = { mechanisms: { visibility: { list: "private" } } };

describe("M10 blacklist visibility", () => {
  let c: Record<"seen" | "cut" | "degree", Comparison>;
  beforeAll(() => {
    c = compareMany(integrated, privateList, {}, SEEDS, {
      seen: metric("chilling_learned_sanctions"),
      cut: metric("ties_cut"),
      degree: metric("listed_degree"),
    });
  });

  it("a public list shows who was punished for speaking: at least 3 more points of dissenters silenced by what they see", () => {
    expectEffect(c.seen, "increase", 0.03, "chilling by sanctions seen, public − private");
  });

  it("a public list plus the association penalty: contacts who know respond, at least 20% more ties are cut per agent", () => {
    expectEffect(c.cut, "increase", 0.2 * 2000 * 0.1, "ties cut, public − private");
  });

  it("listed agents lose ties faster with a public list: they keep at least one tie fewer", () => {
    expectEffect(c.degree, "decrease", 1, "ties kept by a listed agent, public − private");
  });
});

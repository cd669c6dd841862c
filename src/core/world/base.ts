/**
 * The world's own declaration: what belongs to no mechanism. `nextAny` is the
 * scheduler's summary of every event column; `agents` the agents per group,
 * the denominator of every share.
 */
import { defineMechanism } from "../mechanisms/define.js";
import { at, metric } from "../metrics/define.js";
import { col } from "./columns.js";

export const WORLD = defineMechanism({
  id: "W",
  title: "The world",
  columns: {
    nextAny: col.i32(
      "No later than the agent's earliest event of any kind: one scan of this column finds who is due.",
    ),
  },
  tallies: { agents: "Agents." },
  metrics: {
    agents: metric(
      "Number of agents (of the group): the denominator of per-agent rates.",
      (w, grp): number => at(w.tally.agents, grp),
    ),
  },
});

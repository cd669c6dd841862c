import type { Scenario } from "../core/scenario/schema.js";
import { chartedMetrics } from "../core/world/build.js";
import type { ReportChart } from "./html.js";

/**
 * The time series a run report plots, by model: for the scs model, every
 * metric whose declaration asks for a chart, in declaration order.
 */
export function chartsFor(s: Scenario): ReportChart[] {
  if (s.model === "epstein") {
    return [
      { title: "Active citizens", metric: "active", grps: "all", yLabel: "agents" },
      { title: "Jailed citizens", metric: "jailed", grps: "all", yLabel: "agents" },
      { title: "Quiet citizens", metric: "quiet", grps: "all", yLabel: "agents" },
    ];
  }
  return chartedMetrics().map((c) => ({ title: c.title, metric: c.metric, yLabel: c.yLabel }));
}

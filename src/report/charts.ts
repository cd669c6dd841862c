import type { Scenario } from "../core/scenario/schema.js";
import type { ReportChart } from "./html.js";

/** The time series a run report plots, by model. */
export function chartsFor(s: Scenario): ReportChart[] {
  if (s.model === "epstein") {
    return [
      { title: "Active citizens", metric: "active", grps: "all", yLabel: "agents" },
      { title: "Jailed citizens", metric: "jailed", grps: "all", yLabel: "agents" },
      { title: "Quiet citizens", metric: "quiet", grps: "all", yLabel: "agents" },
    ];
  }
  return [
    { title: "Blacklisted", metric: "listed", yLabel: "share of agents" },
    {
      title: "Wrongly blacklisted (no true violation in the window)",
      metric: "wrongly_listed",
      yLabel: "share of agents",
    },
    { title: "Default rate", metric: "default_rate", yLabel: "defaults / obligations due" },
    { title: "Mean combined score", metric: "mean_score", yLabel: "score" },
    { title: "Top-tier share", metric: "top_tier_share", yLabel: "share of agents" },
    { title: "Loans denied", metric: "denied_loan", yLabel: "attempts this step" },
    { title: "Latent dissent", metric: "latent_dissent", yLabel: "share of agents" },
    { title: "Expressed dissent", metric: "expressed_dissent", yLabel: "share of agents" },
    { title: "Protest", metric: "protest", yLabel: "share of agents" },
    { title: "Private approval", metric: "approval_private", yLabel: "share of agents" },
    { title: "Expressed approval", metric: "approval_expressed", yLabel: "share of agents" },
    { title: "Detained", metric: "detained", yLabel: "share of agents" },
    { title: "Flights denied", metric: "denied_flight", yLabel: "attempts this step" },
    { title: "Children denied school", metric: "denied_school", yLabel: "attempts this step" },
    { title: "Ties cut (cumulative)", metric: "ties_cut", yLabel: "ties" },
  ];
}

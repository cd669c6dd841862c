/**
 * What each preset is calibrated to, and how far each figure is measured from
 * its target. A figure is a reduction of one run's metrics over the recorded
 * horizon (after the burn-in, at a steady state); its target is the range that
 * docs/calibration-facts.md documents, with the passage it comes from. What a
 * preset does not list here is uncalibrated, and compare says so.
 *
 * The same declarations drive test/calibration.test.ts (which asserts each
 * figure inside its range over seeds) and compare's calibration section, so
 * the two cannot disagree about what the targets are.
 */

import { reduceSeries } from "../metrics/reduce.js";
import type { MetricName } from "../world/world.js";
import type { CompareRun } from "./measures.js";
import { horizonMean, per1000y } from "./measures.js";

export interface CalibrationTarget {
  readonly id: string;
  readonly label: string;
  /** The documented range the figure must fall in. */
  readonly low: number;
  readonly high: number;
  /** Shown as a share (×100, %) or a number. */
  readonly unit: "share" | "number";
  /** Where the range comes from. */
  readonly source: string;
  /** The figure for one run. */
  value(run: CompareRun): number;
}

export interface PresetCalibration {
  readonly targets: readonly CalibrationTarget[];
  /** What the preset reports that no documented figure supports. */
  readonly uncalibrated: string;
  /** The preset was run with overrides: its targets are shown for reference, not checked. */
  readonly referenceOnly?: boolean;
}

const total = (r: CompareRun, m: MetricName) => reduceSeries(r.metrics, m, 0, "total");

/** New court listings per agent a year over the horizon. */
function courtInflow(r: CompareRun): number {
  return per1000y(r, "new_listings_court") / 1000;
}

/** Court listings ended per listed agent a year: (new − net growth of the stock) / mean stock. */
function courtExitHazard(r: CompareRun): number {
  const series = r.metrics.series("listed_in_court");
  const growth = (series[series.length - 1] - series[0]) * r.agents;
  const years = (r.metrics.recorded - 1) / 365;
  const stock = horizonMean(r, "listed_in_court") * r.agents;
  return stock > 0 ? (total(r, "new_listings_court") - growth) / years / stock : Number.NaN;
}

const COURT_INFLOW: CalibrationTarget = {
  id: "court_inflow",
  label: "new court listings (% of adults a year)",
  low: 0.002,
  high: 0.0035,
  unit: "share",
  source:
    "2.3–3.9 million new listings a year (2022–2025) against about 1.1 billion adults (calibration-facts.md, derived suggestions)",
  value: courtInflow,
};

const COURT_STOCK: CalibrationTarget = {
  id: "court_stock",
  label: "on the court list (% of adults)",
  low: 0.005,
  high: 0.01,
  unit: "share",
  source:
    "5.7 million (2020) to 8.54 million (2023) listed, about 0.5–0.8% of adults and 'about 1 per cent of working-age adults' (FT 2023, docs/calibration-facts.md)",
  value: (r) => horizonMean(r, "listed_in_court"),
};

const COURT_EXIT: CalibrationTarget = {
  id: "court_exit_hazard",
  label: "court listings ended (per listed person a year)",
  low: 0.2,
  high: 0.5,
  unit: "number",
  source:
    "2.7–2.8 million exits a year (2024–2025) against 5.7–8.5 million listed: about 0.3 a year (calibration-facts.md)",
  value: courtExitHazard,
};

const TRAVEL_PER_LISTING: CalibrationTarget = {
  id: "blocked_travel_per_listing",
  label: "flight and rail purchases blocked per court listing",
  low: 1,
  high: 2.3,
  unit: "number",
  source:
    "17.5 million flight and 5.5 million rail purchases blocked to end-2018 over 10.6–13 million listings: 'of the order of 1–2 per person' (calibration-facts.md §1)",
  value: (r) => {
    const listings = total(r, "new_listings_court");
    return listings > 0
      ? (total(r, "denied_flight") + total(r, "denied_rail")) / listings
      : Number.NaN;
  },
};

const CREDIT_LISTED: CalibrationTarget = {
  id: "credit_listed",
  label: "with a derogatory credit record (% of agents)",
  low: 0.03,
  high: 0.08,
  unit: "share",
  source:
    "5.3% of US adults with a credit file have non-mortgage debt reported past due (Urban Institute 2014, Delinquent Debt in America); no people share is published for China",
  value: (r) => horizonMean(r, "listed"),
};

const STRATEGIC_SHARE: CalibrationTarget = {
  id: "strategic_share",
  label: "strategic defaults (% of defaults)",
  low: 0.15,
  high: 0.3,
  unit: "share",
  source:
    "26% of US mortgage defaults strategic (Guiso, Sapienza & Zingales 2013); 16–20% (Experian–Oliver Wyman 2011); consumer credit not found",
  value: (r) => {
    const d = total(r, "defaults");
    return d > 0 ? total(r, "strategic_defaults") / d : Number.NaN;
  },
};

/** The calibrated figures of each preset that has any. */
export const PRESET_CALIBRATION: Readonly<Record<string, PresetCalibration>> = {
  fragmented: {
    targets: [COURT_INFLOW, COURT_STOCK, COURT_EXIT, TRAVEL_PER_LISTING],
    uncalibrated:
      "the credit-reporting list (it only denies loans), municipal points and their perks: no documented inflow or stock",
  },
  "financial-only": {
    targets: [CREDIT_LISTED, STRATEGIC_SHARE],
    uncalibrated: "loan denials: no documented rate",
  },
};

/** What compare says about a scenario that is not a calibrated preset as shipped. */
export function calibrationOf(
  preset: string | null | undefined,
  overrides: readonly string[] = [],
): PresetCalibration {
  if (!preset) return { targets: [], uncalibrated: "a scenario file: uncalibrated" };
  const c = PRESET_CALIBRATION[preset];
  if (!c) {
    return {
      targets: [],
      uncalibrated:
        preset === "no-system"
          ? "the baseline: its defaults rest on the population's reliability and strategy, calibrated with financial-only"
          : "uncalibrated: an illustration of the design, not a measured system",
    };
  }
  if (overrides.length > 0) {
    return {
      targets: c.targets,
      uncalibrated: `calibrated as shipped; run here with ${overrides.join(" ")}, so the targets are shown for reference only`,
      referenceOnly: true,
    };
  }
  return c;
}

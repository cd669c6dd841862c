/**
 * The B2 comparison, pure: measures of a run over its horizon (measures.ts),
 * the table of several scenarios with intervals and paired differences from
 * their counterfactuals (table.ts), trend checks (trend.ts) and the presets'
 * calibration targets (calibration.ts). Rendering is src/report/compare/.
 */
export * from "./calibration.js";
export * from "./measures.js";
export * from "./table.js";
export * from "./trend.js";

/**
 * The B2 comparison: harms and benefits of several scenarios side by side, at
 * the end of runs on the same seeds. Pure (no Node or DOM imports): computes
 * the table from the runs' metrics (measures.ts) and renders it as text
 * (text.ts), CSV (csv.ts) and one self-contained HTML page (html.ts).
 */
export { compareCsv, csvText } from "./csv.js";
export {
  type CompareReportInput,
  compareWarnings,
  DEFAULT_RATE_WINDOW,
  renderCompareReport,
} from "./html.js";
export * from "./measures.js";
export { flattenParams, parameterDifferences } from "./params.js";
export { meanSeries, trailingRate } from "./series.js";
export {
  formatBaselineText,
  formatCell,
  formatCompareText,
  formatGroupText,
  formatValue,
} from "./text.js";

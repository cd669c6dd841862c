/**
 * Statistics for tests and experiments: exact binomial tails and the sign
 * test, t-tests, the t and normal distributions with their quantiles, the
 * incomplete beta and gamma functions, replicate summaries with t intervals,
 * and the percentile bootstrap.
 */
export { binomialUpperTail, type SignTest, signTest } from "./binomial.js";
export {
  type BootstrapResult,
  bootstrapPercentile,
  resampleIndices,
} from "./bootstrap.js";
export { mean, meanVar, quantileSorted } from "./descriptive.js";
export { incompleteBeta } from "./incomplete-beta.js";
export { gammaP, gammaQ } from "./incomplete-gamma.js";
export { logGamma } from "./log-gamma.js";
export { normalCdf, normalPdf, normalQuantile } from "./normal.js";
export { studentTCdf, studentTPdf, studentTQuantile } from "./student-t.js";
export {
  type Difference,
  pairedDifference,
  type Summary,
  summarise,
  welchDifference,
} from "./summary.js";
export { oneSampleTTest, type TTest, welchTTest } from "./t-tests.js";

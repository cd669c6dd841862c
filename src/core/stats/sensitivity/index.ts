/** Global sensitivity analysis: Sobol' indices (Saltelli 2010 / Jansen 1999) and Morris elementary effects. */
export {
  MORRIS_FEW_TRAJECTORIES,
  type MorrisOutputs,
  type MorrisResult,
  morrisEffects,
} from "./morris-effects.js";
export {
  type SaltelliOutputs,
  SOBOL_SMALL_N,
  type SobolIndicesResult,
  sobolIndices,
} from "./sobol-indices.js";
export type { AnalysisWarning, Interval } from "./warnings.js";

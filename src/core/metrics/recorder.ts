/**
 * Records a step's metrics: every metric every declaration declares (as
 * Mesa's model_reporters), for grp "all" and each group, into the
 * preallocated metrics table.
 */

import type { MechanismSpec, MetricSpec } from "../mechanisms/define.js";
import { DECLARATIONS } from "../world/build.js";
import type { World } from "../world/world.js";

const SPECS = DECLARATIONS as readonly MechanismSpec[];
const BEFORE = SPECS.flatMap((d) => (d.beforeMetrics ? [d.beforeMetrics] : []));
const HORIZON = SPECS.flatMap((d) => (d.horizonStart ? [d.horizonStart] : []));
const VALUES: readonly MetricSpec["value"][] = SPECS.flatMap((d) =>
  Object.values(d.metrics ?? {}).map((m) => m.value),
);

/** Starts the recorded horizon: each mechanism's horizonStart, then row 0 (the state now). */
export function startHorizon(w: World): void {
  for (let h = 0; h < HORIZON.length; h++) HORIZON[h](w);
  recordMetrics(w, 0);
}

/** Records row t of the metrics (the state after burnIn + t steps). */
export function recordMetrics(w: World, t: number): void {
  for (let b = 0; b < BEFORE.length; b++) BEFORE[b](w, t);
  const tab = w.metrics;
  const W = w.G + 1;
  for (let m = 0; m < VALUES.length; m++) {
    const value = VALUES[m];
    for (let grp = 0; grp < W; grp++) tab.set(t, m, grp, value(w, grp));
  }
  tab.recorded = t + 1;
}

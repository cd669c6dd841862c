import { Stream } from "../rng/stream.js";
import { STREAM } from "../rng/streams.js";
import { meanVar } from "../stats/descriptive.js";
import {
  type MorrisResult,
  morrisEffects,
  type SobolIndicesResult,
  sobolIndices,
} from "../stats/sensitivity/index.js";
import { type AnalysisWarning, fmt } from "../stats/sensitivity/warnings.js";
import {
  type Difference,
  pairedDifference,
  type Summary,
  summarise,
  welchDifference,
} from "../stats/summary.js";
import { saltelliPoint } from "./design/saltelli.js";
import { factorLabel } from "./factors.js";
import type { PreparedExperiment } from "./prepare.js";
import type { FactorValue } from "./schema.js";
import { pointValues } from "./units.js";

/** What one unit produced: its outputs by name (numbers; series for every-step outputs). */
export interface UnitResult {
  point: number;
  replication: number;
  outputs: Record<string, number | ArrayLike<number>>;
}

/** Stream id of the analysis bootstrap (keyed by the master seed). */
export const BOOTSTRAP_STREAM = STREAM.bootstrap;

/**
 * Replication noise of one output: the pooled within-point variance s²_w
 * (mean over points of the variance over replications) against the
 * variance of the replicate-averaged outputs across the design. The
 * averaged output of a point carries noise of variance about s²_w / R, so
 * `share` = (s²_w / R) / Var(point means) is the part of the analysed
 * variance that is seed noise if the noise is independent between points.
 * With paired seeds a noise common to all points cancels from differences
 * and from the indices, so there `share` is an upper bound.
 */
export interface NoiseEstimate {
  withinVariance: number;
  betweenVariance: number;
  share: number;
}

/** The summary of one design point. */
export interface PointSummary {
  point: number;
  /** Factor values by factor label. */
  values: Record<string, FactorValue>;
  /** Per scalar output: mean, SD and t interval over replications. */
  outputs: Record<string, Summary>;
}

/** An every-step output of one point: per step, the mean and t interval over replications. */
export interface SeriesSummary {
  point: number;
  output: string;
  mean: Float64Array;
  low: Float64Array;
  high: Float64Array;
  sd: Float64Array;
  /** Replications that reached each step. */
  n: Int32Array;
}

export interface ExperimentReport {
  design: PreparedExperiment["design"]["type"];
  points: number;
  replications: number;
  paired: boolean;
  level: number;
  /** Units expected and received. */
  units: { expected: number; received: number };
  pointSummaries: PointSummary[];
  series: SeriesSummary[];
  noise: Record<string, NoiseEstimate>;
  /** Sobol' indices per scalar output (design sobol). */
  sobol?: Record<string, SobolIndicesResult>;
  /** Elementary effects per scalar output (design morris). */
  morris?: Record<string, MorrisResult>;
  warnings: AnalysisWarning[];
}

/** Replicate values of every (point, output), in replication order; NaN where a unit is missing. */
function collect(p: PreparedExperiment, results: Iterable<UnitResult>) {
  const R = p.replications;
  const P = p.design.points;
  const scalar = new Map<string, Float64Array>();
  const series = new Map<string, (ArrayLike<number> | undefined)[]>();
  for (const o of p.outputs) {
    if (o.scalar) scalar.set(o.name, new Float64Array(P * R).fill(Number.NaN));
    else series.set(o.name, new Array(P * R));
  }
  let received = 0;
  for (const r of results) {
    if (r.point < 0 || r.point >= P || r.replication < 0 || r.replication >= R) {
      throw new RangeError(
        `result for point ${r.point}, replication ${r.replication} is outside the design`,
      );
    }
    received++;
    for (const o of p.outputs) {
      const v = r.outputs[o.name];
      if (o.scalar)
        scalar.get(o.name)![r.point * R + r.replication] = typeof v === "number" ? v : Number.NaN;
      else series.get(o.name)![r.point * R + r.replication] = typeof v === "number" ? [v] : v;
    }
  }
  return { scalar, series, received };
}

/**
 * Summarises an experiment's results: per point and output the mean, SD and
 * Student t interval over replications; per every-step output the same per
 * step; and for sobol and morris designs the sensitivity measures.
 *
 * Replication noise is handled by averaging: the estimators see each point's
 * replicate-averaged output ȳ_p (NaN replications left out), so the indices
 * describe the mean response E[Y | x] over seeds (with paired seeds, the mean
 * over the R shared seeds). The noise that averaging leaves, about s²_w / R,
 * is reported per output (`noise`) and warned about when it exceeds 5% of the
 * analysed variance: independent noise lowers S1 and raises ST by about that
 * share. One replication per point of a stochastic model leaves the noise
 * inside the indices unseen, and is warned about too.
 */
export function analyseExperiment(
  p: PreparedExperiment,
  results: Iterable<UnitResult>,
): ExperimentReport {
  const R = p.replications;
  const P = p.design.points;
  const level = p.experiment.level;
  const { scalar, series, received } = collect(p, results);
  const warnings: AnalysisWarning[] = [];
  const labels = p.factors.map(factorLabel);
  const pointSummaries: PointSummary[] = [];
  const means = new Map<string, Float64Array>();
  for (const [name, vals] of scalar) {
    const m = new Float64Array(P);
    for (let q = 0; q < P; q++) m[q] = summarise(vals.subarray(q * R, (q + 1) * R), level).mean;
    means.set(name, m);
  }
  for (let q = 0; q < P; q++) {
    const values: Record<string, FactorValue> = {};
    pointValues(p, q).forEach((v, i) => {
      values[labels[i]] = v;
    });
    const outputs: Record<string, Summary> = {};
    for (const [name, vals] of scalar)
      outputs[name] = summarise(vals.subarray(q * R, (q + 1) * R), level);
    pointSummaries.push({ point: q, values, outputs });
  }
  const seriesSummaries: SeriesSummary[] = [];
  for (const [name, runs] of series) {
    for (let q = 0; q < P; q++)
      seriesSummaries.push(summariseSeries(q, name, runs.slice(q * R, (q + 1) * R), level));
  }
  const noise: Record<string, NoiseEstimate> = {};
  const deterministic = p.testModel !== null && p.testModel.noiseSd === 0;
  for (const [name, vals] of scalar) {
    const est = noiseEstimate(vals, means.get(name)!, P, R);
    noise[name] = est;
    if (R >= 2 && est.share > 0.05) {
      warnings.push({
        code: "replication-noise",
        output: name,
        message: `${name}: replication noise is about ${Math.round(est.share * 100)}% of the variance of the replicate-averaged outputs (within-point variance ${fmt(est.withinVariance)} over ${R} replications); independent noise lowers S1 and raises ST by about that share, so run more replications${p.paired ? "" : " or use pairedSeeds: true"}`,
      });
    }
  }
  if (R === 1 && !deterministic) {
    warnings.push({
      code: "single-replication",
      message:
        "one replication per point: seed noise cannot be told from the factors' effects; use replications: 2 or more to measure it",
    });
  }
  const report: ExperimentReport = {
    design: p.design.type,
    points: P,
    replications: R,
    paired: p.paired,
    level,
    units: { expected: p.units, received },
    pointSummaries,
    series: seriesSummaries,
    noise,
    warnings,
  };
  const d = p.experiment.design;
  if (p.design.saltelli && d.type === "sobol") {
    const L = p.design.saltelli;
    report.sobol = {};
    for (const [name, m] of means) {
      const fA = new Float64Array(L.n);
      const fB = new Float64Array(L.n);
      const fAB = new Float64Array(L.n * L.k);
      const fBA = L.secondOrder ? new Float64Array(L.n * L.k) : undefined;
      for (let j = 0; j < L.n; j++) {
        fA[j] = m[saltelliPoint(L, j, "A")];
        fB[j] = m[saltelliPoint(L, j, "B")];
        for (let i = 0; i < L.k; i++) {
          fAB[j * L.k + i] = m[saltelliPoint(L, j, "AB", i)];
          if (fBA) fBA[j * L.k + i] = m[saltelliPoint(L, j, "BA", i)];
        }
      }
      const res = sobolIndices(
        { n: L.n, k: L.k, fA, fB, fAB, fBA },
        new Stream(p.masterSeed, BOOTSTRAP_STREAM),
        { resamples: d.bootstrap, level, labels, output: name },
      );
      report.sobol[name] = res;
      warnings.push(...res.warnings);
    }
  }
  if (p.design.morris && d.type === "morris") {
    const L = p.design.morris;
    report.morris = {};
    for (const [name, m] of means) {
      const res = morrisEffects(
        { r: L.r, k: L.k, delta: L.delta, y: m, factor: L.factor, sign: L.sign },
        new Stream(p.masterSeed, BOOTSTRAP_STREAM),
        { resamples: d.bootstrap, level, output: name },
      );
      report.morris[name] = res;
      warnings.push(...res.warnings);
    }
  }
  if (received < p.units) {
    warnings.push({
      code: "non-finite",
      message: `${p.units - received} of ${p.units} units have no result; their points are summarised from the replications that did run`,
    });
  }
  return report;
}

function noiseEstimate(
  vals: Float64Array,
  means: Float64Array,
  P: number,
  R: number,
): NoiseEstimate {
  let within = 0;
  let counted = 0;
  if (R >= 2) {
    for (let q = 0; q < P; q++) {
      const s = summarise(vals.subarray(q * R, (q + 1) * R));
      if (s.n >= 2) {
        within += s.sd * s.sd;
        counted++;
      }
    }
  }
  const withinVariance = counted > 0 ? within / counted : Number.NaN;
  const finiteMeans = Array.from(means).filter(Number.isFinite);
  const betweenVariance = finiteMeans.length >= 2 ? meanVar(finiteMeans)[1] : Number.NaN;
  return { withinVariance, betweenVariance, share: withinVariance / R / betweenVariance };
}

function summariseSeries(
  point: number,
  output: string,
  runs: (ArrayLike<number> | undefined)[],
  level: number,
): SeriesSummary {
  const steps = runs.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  const mean = new Float64Array(steps);
  const low = new Float64Array(steps);
  const high = new Float64Array(steps);
  const sd = new Float64Array(steps);
  const n = new Int32Array(steps);
  const col = new Float64Array(runs.length);
  for (let t = 0; t < steps; t++) {
    runs.forEach((r, i) => {
      col[i] = r && t < r.length ? r[t] : Number.NaN;
    });
    const s = summarise(col, level);
    mean[t] = s.mean;
    low[t] = s.low;
    high[t] = s.high;
    sd[t] = s.sd;
    n[t] = s.n;
  }
  return { point, output, mean, low, high, sd, n };
}

/**
 * The difference of an output between points a and b (a − b) over their
 * replications: the paired t interval when seeds are paired (replication r
 * of a and of b share their seed, so seed noise cancels), Welch's otherwise.
 */
export function pointDifference(
  p: PreparedExperiment,
  results: Iterable<UnitResult>,
  a: number,
  b: number,
  output: string,
): Difference {
  const def = p.outputs.find((o) => o.name === output);
  if (!def?.scalar) {
    throw new RangeError(
      `no scalar output "${output}"; outputs: ${p.outputs
        .filter((o) => o.scalar)
        .map((o) => o.name)
        .join(", ")}`,
    );
  }
  const R = p.replications;
  const x = new Float64Array(R).fill(Number.NaN);
  const y = new Float64Array(R).fill(Number.NaN);
  for (const r of results) {
    const v = r.outputs[output];
    if (typeof v !== "number") continue;
    if (r.point === a) x[r.replication] = v;
    if (r.point === b) y[r.replication] = v;
  }
  return p.paired
    ? pairedDifference(x, y, p.experiment.level)
    : welchDifference(x, y, p.experiment.level);
}

/**
 * What `scsim experiment` prints at the end: the point summaries (mean and t
 * interval over replications, the first points of a large design), the
 * differences against point 0 of a grid, the Sobol' indices or Morris
 * measures with their intervals, and the analysis warnings.
 */
import { factorLabel, type PreparedExperiment } from "../core/experiment/index.js";
import type { FinishedExperiment } from "../node/experiment/runner.js";
import { formatNumber, textTable } from "./summary.js";

/** Points shown in the terminal; the rest are in experiment.duckdb. */
export const MAX_TEXT_POINTS = 12;

const ci = (low: number, high: number) =>
  Number.isFinite(low) && Number.isFinite(high)
    ? `[${formatNumber(low)}, ${formatNumber(high)}]`
    : "–";
const fv = (v: unknown) => (typeof v === "number" ? formatNumber(v) : String(v));
const idx = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");

export function formatExperimentText(p: PreparedExperiment, f: FinishedExperiment): string {
  const a = f.analysis;
  const labels = p.factors.map(factorLabel);
  const level = `${Math.round(a.level * 100)}%`;
  const parts: string[] = [];
  const scalars = p.outputs.filter((o) => o.scalar).map((o) => o.name);
  // A sensitivity design's points are a sample, not worth reading one by one.
  const sensitivity = p.design.type === "sobol" || p.design.type === "morris";
  const shown = sensitivity ? [] : a.pointSummaries.slice(0, MAX_TEXT_POINTS);
  if (scalars.length > 0 && shown.length > 0) {
    const rows: string[][] = [];
    for (const ps of shown) {
      for (const name of scalars) {
        const s = ps.outputs[name];
        if (!s) continue;
        rows.push([
          String(ps.point),
          labels.map((l) => fv(ps.values[l])).join(", "),
          name,
          String(s.n),
          formatNumber(s.mean),
          formatNumber(s.sd),
          ci(s.low, s.high),
        ]);
      }
    }
    parts.push(
      `Per point, over ${a.replications} replication${a.replications === 1 ? "" : "s"}${a.paired ? " (paired seeds)" : ""}: mean, SD and ${level} t interval.\n` +
        textTable(["point", labels.join(", "), "output", "n", "mean", "sd", `${level} CI`], rows) +
        (a.pointSummaries.length > shown.length
          ? `\n… ${a.pointSummaries.length - shown.length} more points: table summaries in experiment.duckdb`
          : ""),
    );
  }
  if (f.differences.length > 0) {
    const rows = f.differences
      .slice(0, MAX_TEXT_POINTS * scalars.length)
      .map((d) => [
        `${d.point} − ${d.baseline}`,
        d.output,
        d.difference.method,
        formatNumber(d.difference.mean),
        ci(d.difference.low, d.difference.high),
      ]);
    parts.push(
      `Differences against point 0 (${a.paired ? "paired by seed" : "Welch"}):\n` +
        textTable(["points", "output", "method", "difference", `${level} CI`], rows),
    );
  }
  for (const [output, r] of Object.entries(a.sobol ?? {})) {
    const rows = labels.map((l, j) => [
      l,
      idx(r.S1[j].estimate),
      `[${idx(r.S1[j].low)}, ${idx(r.S1[j].high)}]`,
      idx(r.ST[j].estimate),
      `[${idx(r.ST[j].low)}, ${idx(r.ST[j].high)}]`,
    ]);
    parts.push(
      `Sobol' indices of ${output} (N = ${r.n}, ${r.resamples} bootstrap resamples, ${level} intervals):\n` +
        textTable(["factor", "S1", "S1 CI", "ST", "ST CI"], rows),
    );
  }
  for (const [output, r] of Object.entries(a.morris ?? {})) {
    const rows = labels.map((l, j) => [
      l,
      formatNumber(r.muStar[j].estimate),
      ci(r.muStar[j].low, r.muStar[j].high),
      formatNumber(r.mu[j]),
      formatNumber(r.sigma[j]),
    ]);
    parts.push(
      `Morris elementary effects of ${output} (r = ${r.r} trajectories; per whole range of a factor):\n` +
        textTable(["factor", "μ*", `μ* ${level} CI`, "μ", "σ"], rows),
    );
  }
  if (a.warnings.length > 0) {
    parts.push(a.warnings.map((w) => `warning: ${w.message}`).join("\n"));
  }
  return parts.join("\n\n");
}

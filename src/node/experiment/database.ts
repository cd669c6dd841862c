/**
 * experiment.duckdb: everything of a finished study in tables, derived from
 * its parts (so it is rebuilt, whole, at the end of every run that completes
 * the study; written to a temporary name and renamed into place).
 *
 *   experiment        one row: name, design, sizes, master seed, engine, fingerprint, file text
 *   factors           position, name, path, levels or range
 *   points            point, one column per factor
 *   runs              unit, point, replication, seed, id, status (done|failed|missing), error, one column per factor
 *   metrics           unit, point, replication, output, value (scalar outputs)
 *   series            unit, output, step, value (every-step outputs)
 *   summaries         point, output, n, missing, mean, sd, low, high, level (t interval over replications)
 *   series_summaries  point, output, step, n, mean, sd, low, high
 *   differences       point, baseline, output, method, n, mean, sd, low, high, p (paired or Welch, vs point 0)
 *   sobol             output, factor, measure (S1|ST|S2), factor2, estimate, low, high
 *   morris            output, factor, mu, mu_star, mu_star_low, mu_star_high, sigma
 *   warnings          code, output, factor, message
 */
import fs from "node:fs";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import {
  type FactorValue,
  factorLabel,
  type PreparedExperiment,
  pointValues,
  unitAt,
} from "../../core/experiment/index.js";
import { seedValue } from "../../core/rng/seed.js";
import { fsyncPath, tempPathFor } from "../atomic-write.js";
import { DATABASE_FILE } from "./ledger.js";
import type { FinishedExperiment } from "./runner.js";

type Cell = number | string | boolean | null;
type ColType = "INTEGER" | "DOUBLE" | "VARCHAR" | "BOOLEAN";

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function table(
  c: DuckDBConnection,
  name: string,
  columns: readonly (readonly [string, ColType])[],
  rows: Iterable<readonly Cell[]>,
): Promise<void> {
  await c.run(`CREATE TABLE ${q(name)} (${columns.map(([n, t]) => `${q(n)} ${t}`).join(", ")})`);
  const a = await c.createAppender(name);
  for (const row of rows) {
    columns.forEach(([, t], i) => {
      const v = row[i];
      if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) {
        a.appendNull();
      } else if (t === "INTEGER") a.appendInteger(v as number);
      else if (t === "DOUBLE") a.appendDouble(v as number);
      else if (t === "BOOLEAN") a.appendBoolean(v as boolean);
      else a.appendVarchar(String(v));
    });
    a.endRow();
  }
  a.closeSync();
}

/** The column type of a factor: DOUBLE for numbers, BOOLEAN for true/false levels, else VARCHAR. */
function factorType(values: readonly FactorValue[]): ColType {
  if (values.every((v) => typeof v === "number")) return "DOUBLE";
  if (values.every((v) => typeof v === "boolean")) return "BOOLEAN";
  return "VARCHAR";
}

/** Writes DIR/experiment.duckdb from a finished study; returns its path. */
export async function writeExperimentDatabase(
  dir: string,
  p: PreparedExperiment,
  f: FinishedExperiment,
): Promise<string> {
  const target = path.join(dir, DATABASE_FILE);
  const tmp = tempPathFor(target, true);
  const instance = await DuckDBInstance.create(tmp, { threads: "1", memory_limit: "256MB" });
  try {
    const c = await instance.connect();
    try {
      await fill(c, p, f);
      await c.run("CHECKPOINT");
    } finally {
      c.closeSync();
    }
  } catch (err) {
    instance.closeSync();
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.wal`, { force: true });
    throw err;
  }
  instance.closeSync();
  fs.rmSync(`${tmp}.wal`, { force: true });
  fsyncPath(tmp, false);
  fs.renameSync(tmp, target);
  fsyncPath(dir, true);
  return target;
}

async function fill(c: DuckDBConnection, p: PreparedExperiment, f: FinishedExperiment) {
  const m = f.manifest;
  const a = f.analysis;
  const labels = p.factors.map(factorLabel);
  const k = p.factors.length;
  const P = p.design.points;
  const types = p.factors.map((_, j) => {
    const vals: FactorValue[] = [];
    for (let i = 0; i < P; i++) vals.push(p.design.values[i * k + j]);
    return factorType(vals);
  });
  const factorCols = labels.map((l, j) => [l, types[j]] as const);
  const cell = (v: FactorValue, j: number): Cell =>
    types[j] === "VARCHAR" ? String(v) : (v as number | boolean);

  await table(
    c,
    "experiment",
    [
      ["name", "VARCHAR"],
      ["description", "VARCHAR"],
      ["design", "VARCHAR"],
      ["points", "INTEGER"],
      ["replications", "INTEGER"],
      ["units", "INTEGER"],
      ["distinct_units", "INTEGER"],
      ["paired_seeds", "BOOLEAN"],
      ["master_seed", "VARCHAR"],
      ["level", "DOUBLE"],
      ["engine_version", "VARCHAR"],
      ["fingerprint", "VARCHAR"],
      ["file", "VARCHAR"],
      ["file_text", "VARCHAR"],
      ["created_at", "VARCHAR"],
    ],
    [
      [
        p.experiment.name,
        p.experiment.description,
        p.design.type,
        P,
        p.replications,
        p.units,
        m.distinctUnits,
        p.paired,
        m.masterSeed,
        p.experiment.level,
        m.engineVersion,
        m.fingerprint,
        m.file,
        m.text,
        m.createdAt,
      ],
    ],
  );
  await table(
    c,
    "factors",
    [
      ["position", "INTEGER"],
      ["name", "VARCHAR"],
      ["path", "VARCHAR"],
      ["levels", "VARCHAR"],
      ["low", "DOUBLE"],
      ["high", "DOUBLE"],
      ["distribution", "VARCHAR"],
    ],
    p.factors.map((fa, j) => [
      j,
      labels[j],
      fa.path,
      fa.levels ? JSON.stringify(fa.levels) : null,
      fa.range?.[0] ?? null,
      fa.range?.[1] ?? null,
      fa.levels ? null : (fa.distribution ?? "uniform"),
    ]),
  );
  function* pointRows() {
    for (let i = 0; i < P; i++) yield [i, ...pointValues(p, i).map(cell)];
  }
  await table(c, "points", [["point", "INTEGER"], ...factorCols], pointRows());

  const { ids, outputs, failures } = f.units;
  function* runRows() {
    for (let i = 0; i < p.units; i++) {
      const u = unitAt(p, i);
      const failure = outputs[i] ? undefined : failures.get(ids[i]);
      yield [
        i,
        u.point,
        u.replication,
        seedValue(u.seed),
        ids[i],
        outputs[i] ? "done" : failure ? "failed" : "missing",
        failure?.message ?? null,
        ...pointValues(p, u.point).map(cell),
      ];
    }
  }
  await table(
    c,
    "runs",
    [
      ["unit", "INTEGER"],
      ["point", "INTEGER"],
      ["replication", "INTEGER"],
      ["seed", "VARCHAR"],
      ["id", "VARCHAR"],
      ["status", "VARCHAR"],
      ["error", "VARCHAR"],
      ...factorCols,
    ],
    runRows(),
  );
  const scalars = p.outputs.filter((o) => o.scalar);
  const seriesOuts = p.outputs.filter((o) => !o.scalar);
  function* metricRows() {
    for (let i = 0; i < p.units; i++) {
      const o = outputs[i];
      if (!o) continue;
      const u = unitAt(p, i);
      for (const d of scalars) yield [i, u.point, u.replication, d.name, o[d.name] as number];
    }
  }
  await table(
    c,
    "metrics",
    [
      ["unit", "INTEGER"],
      ["point", "INTEGER"],
      ["replication", "INTEGER"],
      ["output", "VARCHAR"],
      ["value", "DOUBLE"],
    ],
    metricRows(),
  );
  function* seriesRows() {
    for (let i = 0; i < p.units; i++) {
      const o = outputs[i];
      if (!o) continue;
      for (const d of seriesOuts) {
        const s = o[d.name] as ArrayLike<number>;
        for (let t = 0; t < s.length; t++) yield [i, d.name, t, s[t]];
      }
    }
  }
  await table(
    c,
    "series",
    [
      ["unit", "INTEGER"],
      ["output", "VARCHAR"],
      ["step", "INTEGER"],
      ["value", "DOUBLE"],
    ],
    seriesRows(),
  );
  function* summaryRows() {
    for (const ps of a.pointSummaries) {
      for (const [name, s] of Object.entries(ps.outputs)) {
        yield [ps.point, name, s.n, s.missing, s.mean, s.sd, s.low, s.high, s.level];
      }
    }
  }
  await table(
    c,
    "summaries",
    [
      ["point", "INTEGER"],
      ["output", "VARCHAR"],
      ["n", "INTEGER"],
      ["missing", "INTEGER"],
      ["mean", "DOUBLE"],
      ["sd", "DOUBLE"],
      ["low", "DOUBLE"],
      ["high", "DOUBLE"],
      ["level", "DOUBLE"],
    ],
    summaryRows(),
  );
  function* seriesSummaryRows() {
    for (const s of a.series) {
      for (let t = 0; t < s.mean.length; t++) {
        yield [s.point, s.output, t, s.n[t], s.mean[t], s.sd[t], s.low[t], s.high[t]];
      }
    }
  }
  await table(
    c,
    "series_summaries",
    [
      ["point", "INTEGER"],
      ["output", "VARCHAR"],
      ["step", "INTEGER"],
      ["n", "INTEGER"],
      ["mean", "DOUBLE"],
      ["sd", "DOUBLE"],
      ["low", "DOUBLE"],
      ["high", "DOUBLE"],
    ],
    seriesSummaryRows(),
  );
  await table(
    c,
    "differences",
    [
      ["point", "INTEGER"],
      ["baseline", "INTEGER"],
      ["output", "VARCHAR"],
      ["method", "VARCHAR"],
      ["n", "INTEGER"],
      ["mean", "DOUBLE"],
      ["sd", "DOUBLE"],
      ["low", "DOUBLE"],
      ["high", "DOUBLE"],
      ["p", "DOUBLE"],
    ],
    f.differences.map((d) => [
      d.point,
      d.baseline,
      d.output,
      d.difference.method,
      d.difference.n,
      d.difference.mean,
      d.difference.sd,
      d.difference.low,
      d.difference.high,
      d.difference.p,
    ]),
  );
  function* sobolRows() {
    for (const [output, r] of Object.entries(a.sobol ?? {})) {
      for (const [measure, xs] of [
        ["S1", r.S1],
        ["ST", r.ST],
      ] as const) {
        for (let j = 0; j < xs.length; j++) {
          yield [output, labels[j], measure, null, xs[j].estimate, xs[j].low, xs[j].high];
        }
      }
      for (const s of r.S2 ?? []) {
        yield [output, labels[s.i], "S2", labels[s.j], s.estimate, s.low, s.high];
      }
    }
  }
  await table(
    c,
    "sobol",
    [
      ["output", "VARCHAR"],
      ["factor", "VARCHAR"],
      ["measure", "VARCHAR"],
      ["factor2", "VARCHAR"],
      ["estimate", "DOUBLE"],
      ["low", "DOUBLE"],
      ["high", "DOUBLE"],
    ],
    sobolRows(),
  );
  function* morrisRows() {
    for (const [output, r] of Object.entries(a.morris ?? {})) {
      for (let j = 0; j < r.k; j++) {
        yield [
          output,
          labels[j],
          r.mu[j],
          r.muStar[j].estimate,
          r.muStar[j].low,
          r.muStar[j].high,
          r.sigma[j],
        ];
      }
    }
  }
  await table(
    c,
    "morris",
    [
      ["output", "VARCHAR"],
      ["factor", "VARCHAR"],
      ["mu", "DOUBLE"],
      ["mu_star", "DOUBLE"],
      ["mu_star_low", "DOUBLE"],
      ["mu_star_high", "DOUBLE"],
      ["sigma", "DOUBLE"],
    ],
    morrisRows(),
  );
  await table(
    c,
    "warnings",
    [
      ["code", "VARCHAR"],
      ["output", "VARCHAR"],
      ["factor", "VARCHAR"],
      ["message", "VARCHAR"],
    ],
    a.warnings.map((w) => [w.code, w.output ?? null, w.factor ?? null, w.message]),
  );
}

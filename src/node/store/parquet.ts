/**
 * Writes one run's metrics as a tidy Parquet file (run_id, step, metric, grp,
 * value) by DuckDB's COPY, streaming: a table function hands DuckDB the
 * metrics table a vector at a time, straight from its Float64Array, so no
 * row objects and no copy of the table exist at any moment (memory stays a
 * few MiB whatever the length of the run; measured by the memory tests).
 */
import {
  DOUBLE,
  DuckDBInstance,
  DuckDBTableFunction,
  type DuckDBVector,
  INTEGER,
  UINTEGER,
} from "@duckdb/node-api";
import type { MetricsTable } from "../../core/metrics/table.js";
import { sqlString } from "./schema.js";

/** DuckDB's vector size: rows per call of the table function. */
const CHUNK = 2048;

/** Settings of the short-lived in-memory DuckDB that writes the file: one thread, bounded memory. */
export const WRITER_CONFIG = { threads: "1", memory_limit: "128MB" } as const;

/** Called now and then with the number of stored steps written so far, of the total. */
export type ParquetProgress = (stepsDone: number, stepsTotal: number) => void;

/** The steps of a run that are stored: every `every`-th from 0, and the last one. */
export function storedSteps(recorded: number, every: number): number {
  if (recorded <= 0) return 0;
  return Math.floor((recorded - 1) / every) + 1 + ((recorded - 1) % every === 0 ? 0 : 1);
}

/** Number of rows writeMetricsParquet writes: the non-NaN cells of the stored steps. */
export function countStoredRows(t: MetricsTable, every = 1): number {
  const cells = t.metrics.length * t.grps.length;
  let n = 0;
  forEachStoredStep(t.recorded, every, (step) => {
    const base = step * cells;
    for (let c = 0; c < cells; c++) if (!Number.isNaN(t.values[base + c])) n++;
  });
  return n;
}

function forEachStoredStep(recorded: number, every: number, fn: (step: number) => void): void {
  for (let s = 0; s < recorded; s += every) fn(s);
  if (recorded > 0 && (recorded - 1) % every !== 0) fn(recorded - 1);
}

let functionCounter = 0;

/**
 * Writes the non-NaN cells of `t` (steps 0, every, 2·every, …, and the last
 * step) to `file` as Parquet (zstd), in step, metric, grp order. Returns the
 * number of rows written. Throws DuckDB's error (e.g. a full disk) as is.
 */
export async function writeMetricsParquet(
  file: string,
  runId: string,
  t: MetricsTable,
  every = 1,
  progress?: ParquetProgress,
): Promise<number> {
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`store every ${every} steps`);
  const cells = t.metrics.length * t.grps.length;
  const G = t.grps.length;
  const values = t.values;
  const stepsTotal = storedSteps(t.recorded, every);
  const last = t.recorded - 1;
  // Scan position: the stored step being read and the cell within it.
  let step = 0;
  let cell = 0;
  let stepsDone = 0;
  let rows = 0;
  const advanceStep = () => {
    stepsDone++;
    if (progress && stepsDone % 1024 === 0) progress(stepsDone, stepsTotal);
    cell = 0;
    step = step === last ? t.recorded : Math.min(step + every, last);
  };

  const steps = new Int32Array(CHUNK);
  const cellIdx = new Uint32Array(CHUNK);
  const vals = new Float64Array(CHUNK);
  const name = `scsim_metric_cells_${++functionCounter}`;
  const fn = DuckDBTableFunction.create({
    name,
    bindFunction: (info) => {
      info.addResultColumn("step", INTEGER);
      info.addResultColumn("cell", UINTEGER);
      info.addResultColumn("value", DOUBLE);
    },
    initFunction: (info) => info.setMaxThreads(1),
    mainFunction: (info, out) => {
      try {
        let n = 0;
        while (n < CHUNK && step < t.recorded) {
          const v = values[step * cells + cell];
          if (!Number.isNaN(v)) {
            steps[n] = step;
            cellIdx[n] = cell;
            vals[n] = v;
            n++;
          }
          if (++cell === cells) advanceStep();
        }
        out.rowCount = n;
        if (n === 0) return;
        const [vs, vc, vv] = [0, 1, 2].map((i) => out.getColumnVector(i)) as DuckDBVector[];
        for (let k = 0; k < n; k++) {
          vs.setItem(k, steps[k]);
          vc.setItem(k, cellIdx[k]);
          vv.setItem(k, vals[k]);
        }
        vs.flush();
        vc.flush();
        vv.flush();
        rows += n;
      } catch (err) {
        info.setError(err instanceof Error ? err.message : String(err));
      }
    },
  });

  const list = (xs: readonly string[]) => `[${xs.map(sqlString).join(", ")}]`;
  const instance = await DuckDBInstance.create(":memory:", WRITER_CONFIG);
  try {
    const c = await instance.connect();
    try {
      c.registerTableFunction(fn);
      await c.run(
        `COPY (
           SELECT ${sqlString(runId)} AS run_id, step,
             ${list(t.metrics)}[cell // ${G} + 1] AS metric,
             ${list(t.grps)}[cell % ${G} + 1] AS grp,
             value
           FROM ${name}()
         ) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      c.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  progress?.(stepsTotal, stepsTotal);
  return rows;
}

/** Reading stored runs back: from the parts, which need no lock (results.duckdb may be busy). */
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { UserError } from "../../core/errors.js";
import { listParts, partDir } from "./dir.js";
import { WRITER_CONFIG } from "./parquet.js";
import { PART_METRICS, RESULTS_DB_FILE, RUNS_DIR, type StoredRun, sqlString } from "./schema.js";

/** One tidy metrics row of a stored run. */
export interface MetricRow {
  step: number;
  metric: string;
  grp: string;
  value: number;
}

function checkStore(dir: string): void {
  if (!fs.existsSync(path.join(dir, RUNS_DIR)) && !fs.existsSync(path.join(dir, RESULTS_DB_FILE))) {
    throw new UserError(
      `no stored runs in ${dir} (neither ${RUNS_DIR}/ nor ${RESULTS_DB_FILE} exists)`,
      "Give the output directory of an earlier run.",
    );
  }
}

/** All runs stored in DIR, oldest first (parts that cannot be read are left out). */
export async function readRuns(dir: string): Promise<StoredRun[]> {
  checkStore(dir);
  return listParts(dir).runs;
}

/** The tidy metrics rows of one stored run, ordered by step, metric, grp; [] for an unknown run. */
export async function readMetrics(dir: string, runId: string): Promise<MetricRow[]> {
  checkStore(dir);
  if (!listParts(dir).runs.some((r) => r.runId === runId)) return [];
  const file = path.join(partDir(dir, runId), PART_METRICS);
  const instance = await DuckDBInstance.create(":memory:", WRITER_CONFIG);
  try {
    const c = await instance.connect();
    try {
      const reader = await c.runAndReadAll(
        `SELECT step, metric, grp, value FROM read_parquet(${sqlString(file)}) ORDER BY step, metric, grp`,
      );
      const [steps, names, grps, values] = reader.getColumnsJS();
      const out: MetricRow[] = new Array(steps?.length ?? 0);
      for (let i = 0; i < out.length; i++) {
        out[i] = {
          step: Number(steps[i]),
          metric: String(names[i]),
          grp: String(grps[i]),
          value: Number(values[i]),
        };
      }
      return out;
    } finally {
      c.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * One run's part: written in DIR/.staging/<run id>.<host>.<pid>/, fsynced,
 * then renamed to DIR/runs/<run id>/ in one step. Until that rename nothing
 * of the run is visible; after it, all of it is.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../../core/errors.js";
import type { MetricsTable } from "../../core/metrics/table.js";
import { fsyncPath } from "../atomic-write.js";
import { recordJson, stagingName } from "./dir.js";
import { storeError } from "./errors.js";
import { type ParquetProgress, writeMetricsParquet } from "./parquet.js";
import {
  checkRunId,
  PART_METRICS,
  PART_RECORD,
  PART_REPORT,
  RUNS_DIR,
  STAGING_DIR,
  type StoredRun,
} from "./schema.js";

export class StagedPart {
  private done = false;
  private files: string[] = [];
  /** Removes the staging directory if the process exits (e.g. Ctrl-C) before the commit. */
  private readonly onExit = () => this.abort();

  private constructor(
    readonly outDir: string,
    readonly runId: string,
    /** The staging directory. */
    readonly path: string,
  ) {
    process.on("exit", this.onExit);
  }

  /** Creates the staging directory (DIR/.staging must exist: see ensureOutputDir). */
  static create(outDir: string, runId: string): StagedPart {
    checkRunId(runId);
    const p = path.join(outDir, STAGING_DIR, stagingName(runId));
    try {
      fs.mkdirSync(p);
    } catch (err) {
      throw storeError(p, err);
    }
    return new StagedPart(outDir, runId, p);
  }

  /** Where the part's metrics go. */
  get metricsPath(): string {
    return path.join(this.path, PART_METRICS);
  }

  /** Counts a file written into the part by other means (fsynced at commit). */
  adopt(file: string): void {
    this.files.push(file);
  }

  /** Writes the run's metrics (every `every`-th step and the last); returns the rows written. */
  async writeMetrics(t: MetricsTable, every = 1, progress?: ParquetProgress): Promise<number> {
    const file = this.metricsPath;
    try {
      const rows = await writeMetricsParquet(file, this.runId, t, every, progress);
      this.files.push(file);
      return rows;
    } catch (err) {
      throw storeError(`${file} (the run's metrics)`, err);
    }
  }

  /** Writes the run's report. */
  writeReport(html: string): void {
    const file = path.join(this.path, PART_REPORT);
    try {
      fs.writeFileSync(file, html, { flag: "wx" });
      this.files.push(file);
    } catch (err) {
      throw storeError(`${file} (the run's report)`, err);
    }
  }

  /**
   * Stores the part: run.json, fsync of every file and of the directory,
   * then the rename into DIR/runs/ (the commit point), and an fsync of
   * DIR/runs so the rename survives a power cut. Returns the part's path.
   */
  commit(record: StoredRun): string {
    if (this.done) throw new Error("scsim: part already committed or aborted");
    if (record.runId !== this.runId) throw new Error("scsim: record of another run");
    const target = path.join(this.outDir, RUNS_DIR, this.runId);
    try {
      const file = path.join(this.path, PART_RECORD);
      fs.writeFileSync(file, recordJson(record), { flag: "wx" });
      for (const f of [...this.files, file]) fsyncPath(f, false);
      fsyncPath(this.path, true);
      if (fs.existsSync(target)) {
        throw new UserError(
          `run "${this.runId}" is already stored in ${this.outDir}`,
          "Use another run id or output directory.",
        );
      }
      fs.renameSync(this.path, target);
    } catch (err) {
      this.abort();
      throw storeError(`the run's part in ${this.outDir}`, err);
    }
    this.done = true;
    process.off("exit", this.onExit);
    fsyncPath(path.dirname(target), true);
    return target;
  }

  /** Removes the staging directory (nothing of the run is stored). Safe to call twice. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    process.off("exit", this.onExit);
    fs.rmSync(this.path, { recursive: true, force: true });
  }
}

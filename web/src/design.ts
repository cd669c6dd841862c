/**
 * The page's side of one design: its worker, its scenario (as the user wrote
 * it, and as resolved with every default), the metric rows received so far
 * and the sampled agents' latest flags. Rows arrive in batches and are copied
 * into a core MetricsTable of steps + 1 rows (the layout the worker's has),
 * which core's B2 measures read. A design may be a baseline: the society of
 * another design with no system (`counterfactual`).
 */
import { MetricsTable } from "../../src/core/metrics/table.js";
import type { RunSource } from "./measures.js";
import type { FromWorker, Sample, ToWorker } from "./protocol.js";

type Loaded = Extract<FromWorker, { type: "loaded" }>;
type Reply<T extends FromWorker["type"]> = Extract<FromWorker, { type: T }>;

/** A sampled agent's history, as the worker's tracer gives it. */
export type History = Omit<Reply<"history">, "type">;

export class Design implements RunSource {
  readonly worker: Worker;
  /** The scenario as the user states it (what the URL and the YAML export carry). */
  raw: Record<string, unknown> = {};
  /** The resolved scenario (every default filled in), once loaded. */
  scenario: Record<string, unknown> | null = null;
  error: string | null = null;
  metrics: string[] = [];
  grps: string[] = [];
  grpAgents: number[] = [];
  steps = 0;
  burnIn = 0;
  agents = 0;
  buildMs = 0;
  burnInMs = 0;
  /** Burn-in progress while loading (steps done of steps), null when not burning in. */
  burning: { done: number; of: number } | null = null;
  /** Last step of the horizon received (-1: nothing loaded, or still burning in). */
  t = -1;
  stepMs = 0;
  meanDegree = Number.NaN;
  table: MetricsTable | null = null;
  sample: Sample | null = null;
  flags: Uint8Array = new Uint8Array(0);
  ties: Uint8Array = new Uint8Array(0);
  /** Called after every batch of rows and every load. */
  onChange: () => void = () => {};
  private index = new Map<string, number>();
  private width = 0;
  private loadId = 0;
  /** Whether the last load was a counterfactual (the baseline). */
  counterfactual = false;
  private waiting = new Map<string, ((m: FromWorker) => void)[]>();
  private loading: { id: number; resolve: (ok: boolean) => void } | null = null;

  constructor(
    readonly name: string,
    workerUrl: string,
  ) {
    this.worker = new Worker(workerUrl, { name: `scsim design ${name}` });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      this.error = `worker error: ${ev.message}`;
      this.onChange();
    };
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** Sends a request and resolves with the first reply of its type. */
  request<T extends FromWorker["type"]>(m: ToWorker, reply: T): Promise<Reply<T>> {
    return new Promise((resolve) => {
      const list = this.waiting.get(reply) ?? [];
      list.push(resolve as (m: FromWorker) => void);
      this.waiting.set(reply, list);
      this.send(m);
    });
  }

  /** Builds the design in its worker; resolves false (with `error` set) when the scenario is refused. */
  load(raw: Record<string, unknown>, sample: number, counterfactual = false): Promise<boolean> {
    this.raw = raw;
    this.counterfactual = counterfactual;
    const id = ++this.loadId;
    this.t = -1;
    this.burning = null;
    this.loading?.resolve(false);
    return new Promise((resolve) => {
      this.loading = { id, resolve };
      this.send({ type: "load", id, raw, sample, counterfactual });
    });
  }

  run(until: number): void {
    if (this.t >= 0) this.send({ type: "run", until });
  }

  history(agent: number): Promise<History> {
    return this.request({ type: "history", agent }, "history");
  }

  async hash(): Promise<{ t: number; hash: string }> {
    const r = await this.request({ type: "hash" }, "hash");
    return { t: r.t, hash: r.hash };
  }

  get done(): boolean {
    return this.t >= 0 && this.t >= this.steps;
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case "loaded":
        if (m.id === this.loadId) this.loaded(m);
        return;
      case "load-error":
        if (m.id !== this.loadId) return;
        this.error = m.message;
        this.scenario = null;
        this.t = -1;
        this.settle(m.id, false);
        return;
      case "burn-in":
        if (m.id !== this.loadId) return;
        this.burning = { done: m.done, of: m.of };
        this.onChange();
        return;
      case "rows": {
        if (this.t < 0 || !this.table) return;
        this.table.values.set(m.rows, m.from * this.width);
        this.t = m.t;
        this.table.recorded = m.t + 1;
        this.flags = m.flags;
        this.ties = m.ties;
        this.stepMs = m.stepMs;
        this.meanDegree = m.meanDegree;
        this.onChange();
        return;
      }
      case "error":
        this.error = m.message;
        this.onChange();
        return;
      default: {
        const list = this.waiting.get(m.type);
        const next = list?.shift();
        if (next) next(m);
      }
    }
  }

  private loaded(m: Loaded): void {
    this.error = null;
    this.scenario = m.scenario as Record<string, unknown>;
    this.metrics = m.metrics;
    this.grps = m.grps;
    this.grpAgents = m.grpAgents;
    this.steps = m.steps;
    this.burnIn = m.burnIn;
    this.agents = m.agents;
    this.buildMs = m.buildMs;
    this.burnInMs = m.burnInMs;
    this.burning = null;
    this.meanDegree = m.meanDegree;
    this.index = new Map(m.metrics.map((name, i) => [name, i]));
    this.width = m.metrics.length * m.grps.length;
    this.table = new MetricsTable(m.metrics, m.grps, m.steps + 1);
    this.table.values.set(m.rows, 0);
    this.table.recorded = 1;
    this.sample = m.sample;
    this.flags = m.flags;
    this.ties = m.ties;
    this.t = 0;
    this.stepMs = 0;
    this.settle(m.id, true);
  }

  private settle(id: number, ok: boolean): void {
    if (this.loading?.id === id) {
      this.loading.resolve(ok);
      this.loading = null;
    }
    this.onChange();
  }

  get(metric: string, step: number, grp: number): number {
    const m = this.index.get(metric);
    if (m === undefined || step < 0 || step > this.t || !this.table) return Number.NaN;
    return this.table.get(step, m, grp);
  }

  /** Tidy CSV rows (design, step, metric, grp, value) of the steps received, NaN cells left out. */
  csvRows(out: string[]): void {
    this.table?.forEachTidy((t, metric, grp, v) => {
      out.push(`${this.name},${t},${metric},${grp},${v}`);
    });
  }
}

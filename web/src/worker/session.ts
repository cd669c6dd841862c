/**
 * One design running in a worker: the model of `src/core` (no fork), the
 * sampled sub-network the page draws, and a tracer on the sampled agents so
 * that a click shows an agent's whole history over the recorded horizon.
 *
 * A scenario's `burnIn` steps run first, unrecorded, exactly as in `scsim
 * run` (so the state hash is the CLI's); the horizon's step t is metrics row
 * t, the model's step burnIn + t. The tracer starts with the horizon.
 */
import { buildSimulation } from "../../../src/core/build.js";
import { UserError } from "../../../src/core/errors.js";
import { ScsModel } from "../../../src/core/model.js";
import { systemOff } from "../../../src/core/scenario/counterfactual.js";
import { validateScenario } from "../../../src/core/scenario/load.js";
import type { ScsScenario } from "../../../src/core/scenario/schema.js";
import { Tracer } from "../../../src/core/world/tracer.js";
import { FLAG, type Sample } from "../protocol.js";
import { sampleNetwork } from "./sample.js";

/** Most agents the explorer builds (a worker holds ~1 KB per agent with degree 20). */
export const MAX_BROWSER_AGENTS = 2_000_000;

export class Session {
  readonly model: ScsModel;
  readonly sample: Sample;
  /** Set when the burn-in ends (the horizon starts). */
  tracer: Tracer | null = null;
  readonly buildMs: number;
  private readonly entries: Int32Array;
  /** Width of one metrics row: metrics × grps. */
  readonly rowWidth: number;

  /**
   * `counterfactual`: run the scenario's society with no system instead
   * (`systemOff`, the baseline `scsim compare` measures benefits against).
   */
  constructor(raw: unknown, sampleSize: number, counterfactual = false) {
    const v = validateScenario(raw);
    if (v.model !== "scs") {
      throw new UserError("the explorer runs the social credit system model (model: scs) only");
    }
    const s = counterfactual ? systemOff(v) : v;
    if (s.agents > MAX_BROWSER_AGENTS) {
      throw new UserError(
        `agents: ${s.agents.toLocaleString("en-US")} is more than the ${MAX_BROWSER_AGENTS.toLocaleString("en-US")} the explorer builds in a browser; use \`scsim run\` for larger runs`,
      );
    }
    if (s.network.kind === "edge-list") {
      throw new UserError(
        "network.kind: edge-list needs a file; the explorer generates networks only",
      );
    }
    const t0 = performance.now();
    const m = buildSimulation(s);
    if (!(m instanceof ScsModel)) throw new Error("expected the SCS model");
    this.model = m;
    this.buildMs = performance.now() - t0;
    const w = m.world;
    const seedWord = w.seed.lo ^ w.seed.hi;
    const net = sampleNetwork(w.graph, w.pop.group, sampleSize, seedWord);
    this.entries = net.entries;
    this.sample = {
      agents: net.agents,
      group: net.group,
      x: net.x,
      y: net.y,
      src: net.src,
      dst: net.dst,
    };
    this.rowWidth = w.metrics.metrics.length * w.metrics.grps.length;
    if (m.burnIn === 0) this.startTracer();
  }

  private startTracer(): void {
    this.tracer = new Tracer(this.model.world, this.sample.agents, { maxEvents: 2_000_000 });
  }

  /** The horizon's step (metrics row); negative during the burn-in. */
  get t(): number {
    return this.model.t - this.model.burnIn;
  }

  /** Recorded steps of the horizon. */
  get steps(): number {
    return this.model.scenario.steps;
  }

  get burnIn(): number {
    return this.model.burnIn;
  }

  /** Steps of the burn-in run so far. */
  get burnedIn(): number {
    return Math.min(this.model.t, this.model.burnIn);
  }

  step(): void {
    this.model.step();
    if (this.tracer) this.tracer.observe();
    else if (this.t === 0) this.startTracer();
  }

  /**
   * Mean ties kept per agent, as `scsim compare` counts them for the
   * relative-ties measure (src/node/compare.ts, meanActiveDegree).
   */
  meanDegree(): number {
    const kept = this.model.world.state.keptTies;
    let d = 0;
    for (let i = 0; i < kept.length; i++) d += kept[i];
    return kept.length > 0 ? d / kept.length : Number.NaN;
  }

  /**
   * What identifies the society of this scenario: its no-system
   * counterfactual without name and description. Two designs with the same
   * key share one baseline run.
   */
  static societyKey(raw: unknown): string | null {
    try {
      const v = validateScenario(raw);
      if (v.model !== "scs") return null;
      const { name: _n, description: _d, ...rest } = systemOff(v as ScsScenario);
      return JSON.stringify(rest);
    } catch {
      return null;
    }
  }

  /** Metric rows of steps from .. to (inclusive), as one array. */
  rows(from: number, to: number): Float64Array {
    const v = this.model.metrics.values;
    return v.slice(from * this.rowWidth, (to + 1) * this.rowWidth);
  }

  /** The sampled agents' flags (FLAG bits), one byte each. */
  flags(): Uint8Array {
    const { tier, listed, detained, protest, latent, expressed, targeted } = this.model.world.state;
    const a = this.sample.agents;
    const out = new Uint8Array(a.length);
    for (let k = 0; k < a.length; k++) {
      const i = a[k];
      out[k] =
        (tier[i] & FLAG.tierMask) |
        (listed[i] ? FLAG.listed : 0) |
        (detained[i] ? FLAG.detained : 0) |
        (protest[i] ? FLAG.protest : 0) |
        (latent[i] ? FLAG.latent : 0) |
        (expressed[i] ? FLAG.expressed : 0) |
        (targeted[i] ? FLAG.targeted : 0);
    }
    return out;
  }

  /** 1 per sampled tie while it is kept, 0 once cut (M9). */
  ties(): Uint8Array {
    const active = this.model.world.state.edgeActive;
    return Uint8Array.from(this.entries, (e) => active[e]);
  }

  /** Agents per grp: "all", then each group. */
  grpAgents(): number[] {
    const a = this.model.world.tally.agents;
    return [a.reduce((x, y) => x + y, 0), ...a];
  }
}

/**
 * The messages between the page and a simulation worker. One worker runs one
 * design; the page steps two of them together. Bulk data (metric rows, the
 * sampled agents' flags) travels in typed arrays whose buffers are
 * transferred, not copied.
 */
import type { TraceEvent, TraceValue } from "../../src/core/world/tracer.js";

/** Bits of a sampled agent's flags byte (tier in bits 0–1). */
export const FLAG = {
  tierMask: 0b11,
  listed: 1 << 2,
  detained: 1 << 3,
  protest: 1 << 4,
  latent: 1 << 5,
  expressed: 1 << 6,
  targeted: 1 << 7,
} as const;

export interface PresetInfo {
  name: string;
  description: string;
  /** The preset's YAML text, parsed (what the user edits from). */
  raw: Record<string, unknown>;
}

export interface MechanismInfo {
  id: string;
  title: string;
  article: { de: string; en: string } | null;
  /** Its keys under the scenario's `mechanisms`. */
  params: string[];
}

export interface MetricInfo {
  name: string;
  doc: string;
}

/** What the page needs to draw its controls, sent once. */
export interface Meta {
  presets: PresetInfo[];
  mechanisms: MechanismInfo[];
  metrics: MetricInfo[];
  /** JSON Schema (input side) of an SCS scenario, with every field's description and default. */
  schema: unknown;
  /** The scheduler's columns (when each next event falls): hidden in histories by default. */
  scheduling: string[];
  engineVersion: string;
  /** Whether the WASM Philox runs (it falls back to JS, same numbers, when CSP forbids it). */
  wasm: boolean;
}

/** The sampled sub-network: agents, layout and the ties among them. */
export interface Sample {
  agents: Int32Array;
  group: Uint8Array;
  x: Float32Array;
  y: Float32Array;
  /** Tie k joins sample indices src[k] and dst[k]. */
  src: Int32Array;
  dst: Int32Array;
}

export type ToWorker =
  | { type: "meta" }
  | {
      type: "load";
      id: number;
      raw: unknown;
      sample: number;
      /** Run the scenario's society with no system (`systemOff`): the baseline. */
      counterfactual: boolean;
    }
  /** The society key of each scenario (null where it is refused): equal keys share a baseline. */
  | { type: "society"; raws: unknown[] }
  | { type: "run"; until: number }
  | { type: "history"; agent: number }
  | { type: "hash" }
  | { type: "yaml"; raw: unknown }
  | { type: "parse"; text: string; file: string };

export type FromWorker =
  | ({ type: "meta" } & Meta)
  | {
      type: "loaded";
      id: number;
      scenario: unknown;
      steps: number;
      burnIn: number;
      agents: number;
      metrics: string[];
      grps: string[];
      /** Agents per grp ("all", then each group). */
      grpAgents: number[];
      buildMs: number;
      /** Milliseconds the burn-in took. */
      burnInMs: number;
      sample: Sample;
      /** Row 0 of the horizon (the state when the burn-in ends). */
      rows: Float64Array;
      flags: Uint8Array;
      ties: Uint8Array;
      /** Mean ties kept per agent (for the relative-ties measure). */
      meanDegree: number;
    }
  /** Progress of the burn-in (steps run before the recorded horizon). */
  | { type: "burn-in"; id: number; done: number; of: number }
  | { type: "society"; keys: (string | null)[] }
  | { type: "load-error"; id: number; message: string }
  | {
      type: "rows";
      /** The step of the last row. */
      t: number;
      /** First step of `rows`. */
      from: number;
      rows: Float64Array;
      flags: Uint8Array;
      ties: Uint8Array;
      /** Mean milliseconds per step of the batch. */
      stepMs: number;
      meanDegree: number;
    }
  | {
      type: "history";
      agent: number;
      since: number;
      baseline: TraceValue[];
      events: TraceEvent[];
      dropped: number;
      current: TraceValue[];
    }
  | { type: "hash"; t: number; hash: string }
  | { type: "yaml"; text: string }
  | { type: "parsed"; raw: unknown; error: string | null }
  | { type: "error"; message: string };

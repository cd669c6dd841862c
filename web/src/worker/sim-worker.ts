/**
 * The simulation worker: runs one design with `src/core` (or its society
 * with no system, the baseline of the benefit measures), runs its burn-in as
 * fast as it can right after the build (unrecorded, with progress messages),
 * then steps it up to the step the page asks for, and sends back each batch
 * of metric rows and the sampled agents' flags. Stepping yields to the message queue between
 * batches (through a MessageChannel, which, unlike setTimeout, is not
 * clamped), so a pause or a new target is seen within one batch.
 */
import { parseDocument, stringify } from "yaml";
import { z } from "zod";
import { UserError } from "../../../src/core/errors.js";
import { MECHANISMS, PARAMS } from "../../../src/core/mechanisms/registry.generated.js";
import { parseScenario } from "../../../src/core/scenario/load.js";
import { presetDescription, presetNames, presetText } from "../../../src/core/scenario/presets.js";
import { scsScenarioSchema } from "../../../src/core/scenario/schema.js";
import { ENGINE_VERSION } from "../../../src/core/version.js";
import { DECLARATIONS, declaredColumns } from "../../../src/core/world/build.js";
import type { FromWorker, Meta, ToWorker } from "../protocol.js";
import { Session } from "./session.js";

/** Most characters of an imported scenario (the page checks too). */
const MAX_IMPORT = 256 * 1024;
/** A batch of steps ends after this long, so the worker keeps answering. */
const BATCH_MS = 12;

let session: Session | null = null;
/** The load the session belongs to (answered with "loaded" once its burn-in is done). */
let loadId = 0;
let warm = false;
let until = 0;
let looping = false;
let sent = 0;
/** When the last burn-in progress message was sent. */
let lastProgress = 0;

const post = (m: FromWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

function wasmAllowed(): boolean {
  try {
    // The smallest module: magic and version. A CSP without 'wasm-unsafe-eval' refuses it.
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

function meta(): Meta {
  const scsPresets = presetNames().filter((n) => !/^\s*model:\s*epstein/m.test(presetText(n)));
  return {
    presets: scsPresets.map((name) => ({
      name,
      description: presetDescription(name),
      raw: parseDocument(presetText(name)).toJS() as Record<string, unknown>,
    })),
    mechanisms: MECHANISMS.map((m, k) => ({
      id: m.id,
      title: m.title,
      article: "article" in m && m.article ? { de: m.article.de, en: m.article.en } : null,
      params: Object.keys(PARAMS[k]),
    })),
    metrics: DECLARATIONS.flatMap((d) =>
      Object.entries((d as { metrics?: Record<string, { doc: string }> }).metrics ?? {}).map(
        ([name, m]) => ({ name, doc: m.doc }),
      ),
    ),
    schema: z.toJSONSchema(scsScenarioSchema, { io: "input", unrepresentable: "any" }),
    scheduling: declaredColumns()
      .filter((c) => c.spec.event !== undefined || c.name === "nextAny")
      .map((c) => c.name),
    engineVersion: ENGINE_VERSION,
    wasm: wasmAllowed(),
  };
}

let steps: Set<string> | null = null;
/** Columns whose values are steps (when a listing ends, when each next event falls). */
function stepColumns(): Set<string> {
  steps ??= new Set([
    "listedUntil",
    ...declaredColumns()
      .filter((c) => c.spec.event !== undefined || c.name === "nextAny")
      .map((c) => c.name),
  ]);
  return steps;
}

function sendRows(s: Session, stepMs: number): void {
  const t = s.t;
  const rows = s.rows(sent + 1, t);
  const flags = s.flags();
  const ties = s.ties();
  const meanDegree = s.meanDegree();
  post({ type: "rows", t, from: sent + 1, rows, flags, ties, stepMs, meanDegree }, [
    rows.buffer,
    flags.buffer,
    ties.buffer,
  ]);
  sent = t;
}

const channel = new MessageChannel();
channel.port1.onmessage = () => loop();

function loop(): void {
  const s = session;
  if (!s) {
    looping = false;
    return;
  }
  const t0 = performance.now();
  if (!warm) {
    while (s.t < 0 && performance.now() - t0 < BATCH_MS) s.step();
    if (s.t < 0) {
      if (t0 - lastProgress > 100) {
        lastProgress = t0;
        post({ type: "burn-in", id: loadId, done: s.burnedIn, of: s.burnIn });
      }
      channel.port2.postMessage(0);
      return;
    }
    warm = true;
    sendLoaded(s);
  }
  const before = s.t;
  while (s.t < until && s.t < s.steps) {
    s.step();
    if (performance.now() - t0 >= BATCH_MS) break;
  }
  const done = s.t - before;
  if (done > 0) sendRows(s, (performance.now() - t0) / done);
  if (s.t < until && s.t < s.steps) channel.port2.postMessage(0);
  else looping = false;
}

function kick(): void {
  if (!looping && session) {
    looping = true;
    channel.port2.postMessage(0);
  }
}

/** The design is built and its burn-in done: the horizon's step 0. */
function sendLoaded(s: Session): void {
  sent = 0;
  const rows = s.rows(0, 0);
  const flags = s.flags();
  const ties = s.ties();
  const { sample } = s;
  post(
    {
      type: "loaded",
      id: loadId,
      scenario: s.model.scenario,
      steps: s.steps,
      burnIn: s.burnIn,
      agents: s.model.agents,
      metrics: [...s.model.metrics.metrics],
      grps: [...s.model.metrics.grps],
      grpAgents: s.grpAgents(),
      buildMs: s.buildMs,
      burnInMs: performance.now() - burnStart,
      sample,
      rows,
      flags,
      ties,
      meanDegree: s.meanDegree(),
    },
    [rows.buffer, flags.buffer, ties.buffer],
  );
}

let burnStart = 0;

function message(m: ToWorker): void {
  switch (m.type) {
    case "meta":
      post({ type: "meta", ...meta() });
      return;
    case "load": {
      session = null;
      until = 0;
      warm = false;
      loadId = m.id;
      try {
        session = new Session(m.raw, m.sample, m.counterfactual);
        burnStart = performance.now();
        lastProgress = 0;
        if (session.burnIn > 0) {
          post({ type: "burn-in", id: m.id, done: 0, of: session.burnIn });
        }
        // The burn-in (if any) runs in the loop, so that a new load is seen within a batch.
        kick();
      } catch (e) {
        post({ type: "load-error", id: m.id, message: errorText(e) });
      }
      return;
    }
    case "society":
      post({ type: "society", keys: m.raws.map((r) => Session.societyKey(r)) });
      return;
    case "run":
      until = m.until;
      if (warm) kick();
      return;
    case "history": {
      const tr = session?.tracer;
      if (!session || !tr) return;
      // Steps as the page counts them: from the end of the burn-in (the model counts from its start).
      const b = session.burnIn;
      const cols = stepColumns();
      const shift = (column: string, v: number) => (cols.has(column) && v > 0 ? v - b : v);
      post({
        type: "history",
        agent: m.agent,
        since: tr.since - b,
        baseline: tr.baseline(m.agent).map((v) => ({ ...v, value: shift(v.column, v.value) })),
        events: tr.history(m.agent).map((e) => ({
          ...e,
          step: e.step - b,
          before: shift(e.column, e.before),
          after: shift(e.column, e.after),
        })),
        dropped: tr.dropped,
        current: tr.current(m.agent).map((v) => ({ ...v, value: shift(v.column, v.value) })),
      });
      return;
    }
    case "hash":
      if (session && warm) post({ type: "hash", t: session.t, hash: session.model.stateHash() });
      return;
    case "yaml":
      post({
        type: "yaml",
        text: `# Exported by scsim explore (engine ${ENGINE_VERSION}); check it with \`scsim validate\`.\n${stringify(m.raw, { lineWidth: 0 })}`,
      });
      return;
    case "parse": {
      if (m.text.length > MAX_IMPORT) {
        post({
          type: "parsed",
          raw: null,
          error: `${m.file}: ${m.text.length} characters is more than the ${MAX_IMPORT} an imported scenario may have`,
        });
        return;
      }
      try {
        parseScenario(m.text, m.file);
        post({
          type: "parsed",
          raw: parseDocument(m.text).toJS({ maxAliasCount: 100 }),
          error: null,
        });
      } catch (e) {
        post({ type: "parsed", raw: null, error: errorText(e) });
      }
      return;
    }
  }
}

function errorText(e: unknown): string {
  if (e instanceof UserError) return e.hint ? `${e.message}\n${e.hint}` : e.message;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  try {
    message(ev.data);
  } catch (e) {
    post({ type: "error", message: errorText(e) });
  }
};

/**
 * The explorer page: two designs of the system (each in its own worker,
 * running `src/core`), stepped together on the same seed, agents,
 * population and network, with the same society without the system (the
 * baseline of the benefit measures, `systemOff`) stepping along; their harms
 * and benefits (core's B2 measures) charted and tabulated live; a sampled
 * sub-network and any sampled agent's history.
 */
import workerCode from "virtual:sim-worker";
import { Design, type History } from "./design.js";
import {
  BASELINE_MEASURES,
  baselineAt,
  formatDifference,
  formatMeasure,
  MEASURES,
  measureAt,
} from "./measures.js";
import type { Meta } from "./protocol.js";
import { decodeState, encodeState, MAX_STATE, type PageState } from "./share.js";
import { Charts } from "./ui/charts.js";
import { type Edit, mechanismControls, schemaForm } from "./ui/controls.js";
import { byId, download, h, setPath } from "./ui/dom.js";
import { renderHistory } from "./ui/history.js";
import { COLOURINGS, type ColourBy, NetworkView } from "./ui/network.js";
import "./styles.css";

/** Fields design B takes from design A, so that both run on the same people. */
const SHARED = ["seed", "agents", "steps", "burnIn", "population", "network"] as const;
const DEFAULT_A = "integrated";
const DEFAULT_B = "rights-respecting";
const SPEEDS = [1, 5, 10, 30, 60, 120, 0];

const workerUrl = URL.createObjectURL(new Blob([workerCode], { type: "text/javascript" }));
const A = new Design("A", workerUrl);
const B = new Design("B", workerUrl);
const designs = [A, B];
/** The no-system baselines: A's society; B's, when it differs from A's (else A's serves both). */
const ZA = new Design("A-no-system", workerUrl);
const ZB = new Design("B-no-system", workerUrl);

const page = {
  compare: true,
  /** Run the no-system baseline(s), for the benefit measures. */
  baseline: true,
  /** Whether B's society differs from A's (then B has its own baseline, ZB). */
  ownBaselineB: false,
  sample: 400,
  speed: 30,
  playing: false,
  target: 0,
  sentUntil: -1,
  loading: false,
  netDesign: 0,
  byGroup: false,
  showScheduling: false,
  history: null as { design: Design; agent: number; k: number } | null,
  dirty: { charts: true, table: true, net: true },
  /** Longest main-thread time of each kind of redraw so far, ms (the benchmark reads it). */
  slowest: { charts: 0, table: 0, net: 0 },
};

/** Runs a redraw and keeps its longest time. */
function timed(kind: keyof typeof page.slowest, fn: () => void): void {
  const t0 = performance.now();
  fn();
  page.slowest[kind] = Math.max(page.slowest[kind], performance.now() - t0);
}

const status = byId("status");
const say = (text: string) => {
  status.textContent = text;
};

function active(): Design[] {
  return page.compare ? designs : [A];
}

/** The baseline runs in use. */
function baselines(): Design[] {
  if (!page.baseline) return [];
  return page.compare && page.ownBaselineB ? [ZA, ZB] : [ZA];
}

/** Every design that steps: the compared ones and their baselines. */
function running(): Design[] {
  return [...active(), ...baselines()];
}

function baselineOf(d: Design): Design | null {
  if (!page.baseline) return null;
  if (d === A) return ZA;
  if (d === B) return page.ownBaselineB ? ZB : ZA;
  return null;
}

/** Design B's scenario as it runs: its own, with A's shared fields. */
function effectiveRaw(d: Design, raw: Record<string, unknown>): Record<string, unknown> {
  if (d === A) return raw;
  const out = { ...raw };
  for (const k of SHARED) {
    if (k in A.raw) out[k] = structuredClone(A.raw[k]);
    else delete out[k];
  }
  return out;
}

const meta: Meta = await A.request({ type: "meta" }, "meta");
const scheduling = new Set(meta.scheduling);
const presetRaw = (name: string): Record<string, unknown> => {
  const p = meta.presets.find((x) => x.name === name) ?? meta.presets[0];
  return structuredClone(p.raw);
};

// ---- the designs' panels --------------------------------------------------

interface Panel {
  preset: HTMLSelectElement;
  desc: HTMLElement;
  error: HTMLElement;
  importError: HTMLElement;
  sync(resolved: unknown): void;
}

const panels = new Map<Design, Panel>();
let rebuildTimer = 0;

function scheduleRebuild(delay = 200): void {
  clearTimeout(rebuildTimer);
  rebuildTimer = window.setTimeout(() => void rebuild(), delay);
}

function panelFor(d: Design): Panel {
  const root = byId(`design-${d.name}`);
  const prefix = `d${d.name}`;
  const edit: Edit = (path, value) => {
    setPath(d.raw, path, value);
    scheduleRebuild();
  };
  const preset = h(
    "select",
    { id: `preset-${d.name}` },
    ...meta.presets.map((p) => h("option", { value: p.name }, p.name)),
    h("option", { value: "" }, "(imported or edited)"),
  );
  const desc = h("p", { class: "preset-desc" });
  preset.addEventListener("change", () => {
    if (!preset.value) return;
    const keep = Object.fromEntries(
      (["seed", "agents", "steps", "burnIn"] as const)
        .filter((k) => k in d.raw)
        .map((k) => [k, d.raw[k]]),
    );
    d.raw = { ...presetRaw(preset.value), ...(d === A ? keep : {}) };
    scheduleRebuild(0);
  });
  const mech = mechanismControls(prefix, meta.mechanisms, edit);
  const adv = schemaForm(
    `${prefix}-adv`,
    meta.schema,
    edit,
    d === A ? ["model"] : ["model", ...SHARED],
  );
  const error = h("div", { class: "error", role: "alert", id: `error-${d.name}` });
  const importError = h("pre", { class: "error", role: "alert", id: `import-error-${d.name}` });
  const exportBtn = h("button", { type: "button", id: `export-yaml-${d.name}` }, "Export as YAML");
  exportBtn.addEventListener("click", async () => {
    const r = await d.request({ type: "yaml", raw: effectiveRaw(d, d.raw) }, "yaml");
    download(`scenario-${d.name}.yaml`, r.text, "application/yaml");
  });
  const file = h("input", {
    type: "file",
    id: `import-file-${d.name}`,
    accept: ".yaml,.yml,.json",
  });
  const paste = h("textarea", { id: `import-text-${d.name}`, rows: 6, spellcheck: "false" });
  const pasteBtn = h(
    "button",
    { type: "button", id: `import-button-${d.name}` },
    "Import the text",
  );
  const importText = async (text: string, name: string) => {
    importError.textContent = "";
    const r = await d.request({ type: "parse", text, file: name }, "parsed");
    if (r.error !== null) {
      importError.textContent = r.error;
      return;
    }
    d.raw = r.raw as Record<string, unknown>;
    scheduleRebuild(0);
  };
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > MAX_STATE) {
      importError.textContent = `${f.name}: ${f.size} bytes is more than the ${MAX_STATE} an imported scenario may have`;
      return;
    }
    await importText(await f.text(), f.name);
    file.value = "";
  });
  pasteBtn.addEventListener("click", () => void importText(paste.value, "pasted.yaml"));
  const parts = [
    h("div", { class: "preset" }, h("label", { for: preset.id }, "Preset"), preset),
    desc,
    error,
    d === B
      ? h(
          "p",
          { class: "hint" },
          "Design B runs on design A's seed, agents, steps, burn-in, population and network.",
        )
      : null,
    h(
      "details",
      { open: true },
      h("summary", {}, "Mechanisms, in the order of the article"),
      mech.el,
    ),
    h("details", {}, h("summary", {}, "Advanced: every parameter"), adv.el),
    h(
      "div",
      { class: "yaml" },
      exportBtn,
      h("label", { for: file.id }, "Import YAML file"),
      file,
      h(
        "details",
        {},
        h("summary", {}, "Paste YAML"),
        h("label", { for: paste.id }, "Scenario (YAML or JSON)"),
        paste,
        pasteBtn,
      ),
      importError,
    ),
  ];
  for (const p of parts) if (p) root.append(p);
  return {
    preset,
    desc,
    error,
    importError,
    sync: (r) => {
      mech.sync(r);
      adv.sync(r);
    },
  };
}

// ---- the run bar ------------------------------------------------------------

const seedIn = byId<HTMLInputElement>("seed");
const agentsIn = byId<HTMLInputElement>("agents");
const stepsIn = byId<HTMLInputElement>("steps");
const burnInIn = byId<HTMLInputElement>("burn-in");
const baselineIn = byId<HTMLInputElement>("baseline");
const sampleIn = byId<HTMLInputElement>("sample");
const speedIn = byId<HTMLSelectElement>("speed");
const compareIn = byId<HTMLInputElement>("compare");
const playBtn = byId<HTMLButtonElement>("play");
const stepBtn = byId<HTMLButtonElement>("step");
const resetBtn = byId<HTMLButtonElement>("reset");
const clock = byId("clock");

speedIn.replaceChildren(
  ...SPEEDS.map((s) => h("option", { value: s }, s === 0 ? "as fast as possible" : `${s} steps/s`)),
);

function runField(
  input: HTMLInputElement,
  key: "seed" | "agents" | "steps" | "burnIn",
  parse: (v: string) => unknown,
) {
  input.addEventListener("change", () => {
    if (input.value.trim() === "") return;
    A.raw[key] = parse(input.value.trim());
    scheduleRebuild(0);
  });
}
runField(seedIn, "seed", (v) =>
  /^[0-9]+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v,
);
runField(agentsIn, "agents", Number);
runField(stepsIn, "steps", Number);
runField(burnInIn, "burnIn", Number);
baselineIn.addEventListener("change", () => {
  page.baseline = baselineIn.checked;
  scheduleRebuild(0);
});
sampleIn.addEventListener("change", () => {
  page.sample = Math.max(50, Math.min(3000, Number(sampleIn.value) || 400));
  sampleIn.value = String(page.sample);
  scheduleRebuild(0);
});
speedIn.addEventListener("change", () => {
  page.speed = Number(speedIn.value);
  void saveState();
});
compareIn.addEventListener("change", () => {
  page.compare = compareIn.checked;
  byId("design-B").hidden = !page.compare;
  scheduleRebuild(0);
});

function setPlaying(on: boolean): void {
  page.playing = on;
  playBtn.textContent = on ? "Pause" : "Play";
  playBtn.setAttribute("aria-pressed", String(on));
  if (on) {
    page.target = Math.min(...running().map((d) => d.t));
    last = performance.now();
  } else {
    const t = Math.max(...running().map((d) => d.t));
    for (const d of running()) d.run(t);
    page.sentUntil = t;
  }
}
playBtn.addEventListener("click", () => setPlaying(!page.playing));
stepBtn.addEventListener("click", () => {
  setPlaying(false);
  const live = running();
  const until = Math.min(
    Math.max(...live.map((d) => d.t)) + 1,
    Math.min(...live.map((d) => d.steps)),
  );
  for (const d of live) d.run(until);
  page.sentUntil = until;
});
resetBtn.addEventListener("click", () => {
  setPlaying(false);
  void rebuild();
});
byId("csv").addEventListener("click", () => {
  const rows = ["design,step,metric,grp,value"];
  for (const d of running()) if (d.t >= 0) d.csvRows(rows);
  download("scsim-explorer-metrics.csv", `${rows.join("\n")}\n`, "text/csv");
});
byId("by-group").addEventListener("change", (e) => {
  page.byGroup = (e.target as HTMLInputElement).checked;
  charts.layout(active(), baselines(), baselineOf, page.byGroup);
  page.dirty.charts = true;
});

// ---- views ------------------------------------------------------------------

const charts = new Charts(byId("charts"));
const net = new NetworkView(byId("network-view"));
const colourBy = byId<HTMLSelectElement>("colour-by");
colourBy.replaceChildren(
  ...Object.entries(COLOURINGS).map(([k, c]) => h("option", { value: k }, c.title)),
);
colourBy.addEventListener("change", () => {
  net.colourBy = colourBy.value as ColourBy;
  page.dirty.net = true;
});
const netDesignIn = byId<HTMLSelectElement>("net-design");
netDesignIn.addEventListener("change", () => {
  page.netDesign = Number(netDesignIn.value);
  page.dirty.net = true;
  if (page.history) void showHistory(page.history.k);
});
const agentList = byId<HTMLSelectElement>("agent-list");
agentList.addEventListener("change", () => {
  if (agentList.value !== "") void showHistory(Number(agentList.value));
});
byId("show-scheduling").addEventListener("change", (e) => {
  page.showScheduling = (e.target as HTMLInputElement).checked;
  if (page.history) void showHistory(page.history.k);
});
net.onPick = (k) => {
  agentList.value = String(k);
  void showHistory(k);
};

function netSource(): Design {
  return page.compare && page.netDesign === 1 && B.t >= 0 ? B : A;
}

let lastHistory: History | null = null;
async function showHistory(k: number): Promise<void> {
  const d = netSource();
  if (!d.sample) return;
  const agent = d.sample.agents[k];
  page.history = { design: d, agent, k };
  net.select(k);
  lastHistory = await d.history(agent);
  renderHistory(byId("history"), d.name, lastHistory, page.showScheduling, scheduling);
}

function setupNetwork(): void {
  const d = A;
  if (!d.sample) return;
  const groups = d.grps.slice(1);
  net.setSample(d.sample, groups);
  agentList.replaceChildren(
    h("option", { value: "" }, "— pick a sampled agent —"),
    ...[...d.sample.agents].map((a, k) =>
      h("option", { value: k }, `agent ${a} (${groups[d.sample?.group[k] ?? 0] ?? ""})`),
    ),
  );
  netDesignIn.replaceChildren(
    h("option", { value: 0 }, "design A"),
    ...(page.compare ? [h("option", { value: 1 }, "design B")] : []),
  );
  netDesignIn.value = String(page.compare ? page.netDesign : 0);
  byId("history").replaceChildren(
    h("p", {}, "Click an agent in the network, or pick one from the list, to see its history."),
  );
  page.history = null;
}

const table = byId<HTMLTableElement>("b2-table");
/**
 * The B2 table: core's measures (MEASURES) at each design's current step,
 * with B − A and the no-system baseline's value; then the benefits and the
 * harms no single run shows (BASELINE_MEASURES), each design against its
 * baseline. Made once per set of designs, then only its cells' text changes
 * (rebuilding rows would make the browser shape all their text anew).
 */
let tableKey = "";
interface TableRow {
  values: HTMLElement[];
  diff: HTMLElement | null;
  base: HTMLElement | null;
}
let tableCells: { head: HTMLElement[]; baseHead: HTMLElement | null; rows: TableRow[] } = {
  head: [],
  baseHead: null,
  rows: [],
};
function updateTable(): void {
  const live = active().filter((d) => d.t >= 0);
  const zs = baselines().filter((d) => d.t >= 0);
  const withBase = zs.length > 0 && live.every((d) => (baselineOf(d)?.t ?? -1) >= 0);
  const key = `${live.map((d) => d.name).join()}|${zs.map((d) => d.name).join()}`;
  const two = live.length === 2;
  const row = (): TableRow => ({
    values: live.map(() => h("td", {})),
    diff: two ? h("td", { class: "diff" }) : null,
    base: withBase ? h("td", { class: "base" }) : null,
  });
  if (key !== tableKey) {
    tableKey = key;
    const head = live.map(() => h("th", { scope: "col" }));
    const baseHead = withBase ? h("th", { scope: "col" }) : null;
    const rows = [...MEASURES.map(row), ...(withBase ? BASELINE_MEASURES.map(row) : [])];
    tableCells = { head, baseHead, rows };
    const tr = (id: string, label: string, how: string, better: string, r: TableRow) =>
      h(
        "tr",
        { "data-measure": id },
        h("th", { scope: "row", title: how }, label),
        ...r.values,
        r.diff,
        r.base,
        h("td", {}, better),
      );
    const cols = 2 + live.length + (two ? 1 : 0) + (withBase ? 1 : 0);
    table.replaceChildren(
      h(
        "caption",
        {},
        "Harms and benefits (B2, the measures of scsim compare), over the horizon so far, all agents: shares are means over the steps run, counts per 1000 agents a year. Hover a measure for exactly how it is computed.",
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "measure"),
          ...head,
          two ? h("th", { scope: "col" }, "B − A") : null,
          baseHead,
          h("th", { scope: "col" }, "better"),
        ),
      ),
      h(
        "tbody",
        {},
        ...MEASURES.map((m, i) => tr(m.id, m.label, m.how, m.better, rows[i])),
        withBase
          ? h(
              "tr",
              { class: "section" },
              h(
                "th",
                { scope: "rowgroup", colspan: cols },
                "Against the same society with no system (same seed, same step): what the system avoids and what it adds",
              ),
            )
          : null,
        ...(withBase
          ? BASELINE_MEASURES.map((m, i) =>
              tr(m.id, m.label, m.how, m.better, rows[MEASURES.length + i]),
            )
          : []),
      ),
    );
  }
  const set = (el: HTMLElement | null, text: string) => {
    if (el && el.textContent !== text) el.textContent = text;
  };
  live.forEach((d, j) => {
    set(tableCells.head[j], `${d.name}: ${presetLabel(d)} (step ${d.t})`);
  });
  const z0 = baselineOf(A);
  if (withBase && z0) set(tableCells.baseHead, `no system, A's society (step ${z0.t})`);
  MEASURES.forEach((m, i) => {
    const v = live.map((d) => measureAt(m, d, d.t, 0));
    const r = tableCells.rows[i];
    v.forEach((x, j) => {
      set(r.values[j], formatMeasure(x, m.unit));
    });
    if (r.diff) set(r.diff, formatDifference(v[1] - v[0], m.unit));
    if (r.base && z0) set(r.base, formatMeasure(measureAt(m, z0, z0.t, 0), m.unit));
  });
  if (!withBase) return;
  BASELINE_MEASURES.forEach((m, i) => {
    const v = live.map((d) => {
      const z = baselineOf(d);
      return z ? baselineAt(m, d, z, Math.min(d.t, z.t)) : Number.NaN;
    });
    const r = tableCells.rows[MEASURES.length + i];
    v.forEach((x, j) => {
      set(r.values[j], formatMeasure(x, m.unit));
    });
    if (r.diff) set(r.diff, formatDifference(v[1] - v[0], m.unit));
    set(r.base, "");
  });
}

function presetLabel(d: Design): string {
  return String((d.scenario as { name?: unknown } | null)?.name ?? "");
}

// ---- state: load, rebuild, share -------------------------------------------

async function saveState(): Promise<void> {
  const s: PageState = {
    a: A.raw,
    b: B.raw,
    compare: page.compare,
    baseline: page.baseline,
    sample: page.sample,
    speed: page.speed,
  };
  history.replaceState(null, "", `#${await encodeState(s)}`);
}

let rebuildCount = 0;
async function rebuild(): Promise<void> {
  const n = ++rebuildCount;
  const wasPlaying = page.playing;
  page.loading = true;
  page.sentUntil = -1;
  say("Building the population and its network…");
  const live = active();
  if (page.baseline && page.compare) {
    // B gets a baseline of its own only when its society (what systemOff keeps) is not A's.
    const r = await A.request(
      { type: "society", raws: [effectiveRaw(A, A.raw), effectiveRaw(B, B.raw)] },
      "society",
    );
    if (n !== rebuildCount) return;
    page.ownBaselineB = r.keys[1] !== null && r.keys[1] !== r.keys[0];
  } else {
    page.ownBaselineB = false;
  }
  const loads = [
    ...live.map((d) => d.load(effectiveRaw(d, d.raw), page.sample)),
    ...baselines().map((z) =>
      z.load(effectiveRaw(z === ZA ? A : B, (z === ZA ? A : B).raw), page.sample, true),
    ),
  ];
  const oks = await Promise.all(loads);
  if (n !== rebuildCount) return;
  page.loading = false;
  for (const d of designs) {
    const p = panels.get(d);
    if (!p) continue;
    p.error.textContent = d.error ?? "";
    if (d.scenario) p.sync(d.scenario);
    const name = String(d.raw.name ?? "");
    p.preset.value = meta.presets.some((x) => x.name === name) ? name : "";
    p.desc.textContent = String(d.raw.description ?? "");
  }
  const s = A.scenario as {
    seed?: unknown;
    agents?: unknown;
    steps?: unknown;
    burnIn?: unknown;
  } | null;
  if (s) {
    seedIn.value = String(s.seed);
    agentsIn.value = String(s.agents);
    stepsIn.value = String(s.steps);
    burnInIn.value = String(s.burnIn);
  }
  void saveState();
  if (!oks.every(Boolean)) {
    setPlaying(false);
    say("A scenario was refused: see the message in its panel.");
    return;
  }
  charts.layout(live, baselines(), baselineOf, page.byGroup);
  setupNetwork();
  page.dirty = { charts: true, table: true, net: true };
  const z = baselines();
  say(
    `Ready: ${live.map((d) => `${d.name} ${d.agents.toLocaleString("en-US")} agents, built in ${(d.buildMs / 1000).toFixed(2)} s${d.burnIn ? `, burn-in of ${d.burnIn} steps (not recorded) in ${(d.burnInMs / 1000).toFixed(1)} s` : ""}`).join("; ")}${z.length ? `; the same society with no system runs alongside (${z.map((d) => d.name).join(", ")})` : ""}. Step 0 is the end of the burn-in.`,
  );
  if (wasPlaying) setPlaying(true);
}

for (const d of [...designs, ZA, ZB]) {
  d.onChange = () => {
    page.dirty.charts = true;
    page.dirty.table = true;
    page.dirty.net = true;
    if (page.loading && d.burning) burnInStatus();
  };
}

/** While the designs burn in: how far each has got (the burn-in runs as fast as it can). */
function burnInStatus(): void {
  const parts = running()
    .filter((d) => d.burning)
    .map((d) => `${d.name} ${d.burning?.done ?? 0} of ${d.burning?.of ?? 0}`);
  if (parts.length)
    say(
      `Burn-in, not recorded (the society settles before the horizon; measures are read after it): ${parts.join(" · ")} steps…`,
    );
}

// ---- the frame loop: the step target, then what changed is drawn --------------

let last = performance.now();
let lastNet = 0;
let lastCharts = 0;
/** Whether the network view is on screen: off screen it is not redrawn. */
let netVisible = true;
new IntersectionObserver((entries) => {
  for (const e of entries) netVisible = e.isIntersecting;
  // Off screen, the WebGL canvases are hidden too: without a GPU, Chromium reads a
  // visible WebGL canvas back to the main thread whenever it has been redrawn.
  net.setHidden(!netVisible);
  if (netVisible) page.dirty.net = true;
}).observe(byId("network-view"));
let lastTable = 0;
let rateT = 0;
let rateSteps = 0;
let rate = 0;

function clockText(live: Design[]): void {
  const parts = live.map(
    (d) =>
      `${d.name}: step ${d.t} of ${d.steps}${d.stepMs ? `, ${d.stepMs.toFixed(1)} ms/step` : ""}`,
  );
  clock.textContent = `${parts.join(" · ")}${page.playing ? ` · ${Math.max(0, rate).toFixed(0)} steps/s` : ""}`;
}

function frame(now: number): void {
  // Asked for first, so that a redraw that throws (reported on the console) does not stop the page.
  requestAnimationFrame(frame);
  const live = running();
  const ready = !page.loading && live.every((d) => d.t >= 0);
  if (page.playing && ready) {
    const tmin = Math.min(...live.map((d) => d.t));
    const steps = Math.min(...live.map((d) => d.steps));
    if (tmin >= steps) {
      setPlaying(false);
    } else {
      const dt = Math.min(0.25, (now - last) / 1000);
      const lead = page.speed === 0 ? 8 : Math.max(1, Math.ceil(page.speed * 0.2));
      page.target =
        page.speed === 0 ? tmin + lead : Math.min(page.target + page.speed * dt, tmin + lead);
      const until = Math.min(steps, Math.floor(page.target));
      if (until !== page.sentUntil) {
        for (const d of live) d.run(until);
        page.sentUntil = until;
      }
    }
  }
  last = now;
  if (ready) {
    if (now - rateT >= 1000) {
      const t = Math.min(...live.map((d) => d.t));
      rate = ((t - rateSteps) * 1000) / (now - rateT || 1);
      rateSteps = t;
      rateT = now;
    }
    // At most one kind of redraw per frame, so that no frame does them all: the charts
    // two at a time (each about ten times a second), the table four times a second.
    if (page.dirty.charts && now - lastCharts >= 30) {
      lastCharts = now;
      let round = false;
      timed("charts", () => {
        round = charts.update(2);
      });
      if (round) page.dirty.charts = false;
      clockText(live);
    } else if (page.dirty.table && now - lastTable > 250) {
      timed("table", updateTable);
      page.dirty.table = false;
      lastTable = now;
      // A WebGL redraw costs the most (without a GPU, the canvas is read back at every frame).
    } else if (page.dirty.net && netVisible && now - lastNet > (page.playing ? 500 : 100)) {
      const d = netSource();
      timed("net", () => net.update(d.flags, d.ties));
      page.dirty.net = false;
      lastNet = now;
    }
  }
}

// ---- start -----------------------------------------------------------------

let state: PageState | null = null;
try {
  state = await decodeState(location.hash);
} catch (e) {
  say(String((e as Error).message));
}
A.raw = state?.a && Object.keys(state.a).length ? state.a : presetRaw(DEFAULT_A);
B.raw = state?.b && Object.keys(state.b).length ? state.b : presetRaw(DEFAULT_B);
page.compare = state?.compare ?? true;
page.baseline = state?.baseline ?? true;
baselineIn.checked = page.baseline;
page.sample = state?.sample ?? 400;
page.speed = SPEEDS.includes(state?.speed ?? 30) ? (state?.speed ?? 30) : 30;
compareIn.checked = page.compare;
byId("design-B").hidden = !page.compare;
sampleIn.value = String(page.sample);
speedIn.value = String(page.speed);
for (const d of designs) panels.set(d, panelFor(d));
byId("engine").textContent =
  `engine ${meta.engineVersion}${meta.wasm ? "" : " (Philox in JS: WebAssembly not allowed here)"}`;
/** What the browser tests and the benchmark read (no effect on the page). */
Object.assign(window, {
  scsim: {
    A,
    B,
    ZA,
    ZB,
    page,
    net,
    /** Every shown design is built and idle-ready. */
    ready: () => !page.loading && running().every((d) => d.t >= 0),
    hash: (name: "A" | "B") => (name === "A" ? A : B).hash(),
    lastHistory: () => lastHistory,
    rebuild: () => rebuild(),
  },
});
await rebuild();
requestAnimationFrame(frame);

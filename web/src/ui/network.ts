/**
 * The network view: the sampled agents and their ties (sigma 3 on
 * graphology), coloured by tier, listing, detention, dissent or group with
 * the Okabe–Ito palette; ties that were cut (M9) fade. A click on an agent,
 * or picking it from the list beside the view (the keyboard's way in),
 * opens its history. A sentence under the view counts what the colours show
 * (the view's text alternative).
 */
import Graph from "graphology";
import Sigma from "sigma";
import { FLAG, type Sample } from "../protocol.js";
import { h } from "./dom.js";

export type ColourBy = "tier" | "listed" | "detained" | "dissent" | "group";

interface Legend {
  label: string;
  colour: string;
}

const GREY = "#BBBBBB";
const TIERS: Legend[] = [
  { label: "tier A", colour: "#009E73" },
  { label: "tier B", colour: "#56B4E9" },
  { label: "tier C", colour: "#E69F00" },
  { label: "tier D", colour: "#D55E00" },
];

/** Each colouring: its classes and the class of a flags byte. */
export const COLOURINGS: Record<
  ColourBy,
  {
    title: string;
    legend: (groups: string[]) => Legend[];
    classOf: (f: number, group: number) => number;
  }
> = {
  tier: { title: "tier", legend: () => TIERS, classOf: (f) => f & FLAG.tierMask },
  listed: {
    title: "listing",
    legend: () => [
      { label: "not listed", colour: GREY },
      { label: "listed", colour: "#D55E00" },
    ],
    classOf: (f) => (f & FLAG.listed ? 1 : 0),
  },
  detained: {
    title: "detention",
    legend: () => [
      { label: "free", colour: GREY },
      { label: "detained", colour: "#000000" },
    ],
    classOf: (f) => (f & FLAG.detained ? 1 : 0),
  },
  dissent: {
    title: "dissent",
    legend: () => [
      { label: "no dissent", colour: GREY },
      { label: "dissents, silent", colour: "#CC79A7" },
      { label: "dissents openly", colour: "#E69F00" },
      { label: "protesting", colour: "#D55E00" },
    ],
    classOf: (f) => (f & FLAG.protest ? 3 : f & FLAG.expressed ? 2 : f & FLAG.latent ? 1 : 0),
  },
  group: {
    title: "group",
    legend: (groups) =>
      groups.map((g, k) => ({
        label: g,
        colour: [
          "#0072B2",
          "#E69F00",
          "#009E73",
          "#CC79A7",
          "#56B4E9",
          "#D55E00",
          "#F0E442",
          "#000000",
        ][k % 8],
      })),
    classOf: (_f, group) => group,
  },
};

export class NetworkView {
  readonly el: HTMLElement;
  private sigma: Sigma | null = null;
  private sample: Sample | null = null;
  private flags: Uint8Array = new Uint8Array(0);
  private ties: Uint8Array = new Uint8Array(0);
  private colours: string[] = [];
  private classes = new Uint8Array(0);
  private selected = -1;
  private readonly canvas: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly summary: HTMLElement;
  colourBy: ColourBy = "tier";
  groups: string[] = [];
  /** Called with the sample index of a clicked agent. */
  onPick: (k: number) => void = () => {};

  constructor(el: HTMLElement) {
    this.el = el;
    this.canvas = h("div", {
      class: "sigma",
      role: "img",
      "aria-label": "Network of the sampled agents; the list beside it names them",
    });
    this.legend = h("ul", { class: "legend", "aria-label": "Colours" });
    this.summary = h("p", { class: "net-summary", "aria-live": "off" });
    el.append(this.canvas, this.legend, this.summary);
  }

  /** A new sample (after a load): rebuilds the graph. */
  setSample(sample: Sample, groups: string[]): void {
    this.sample = sample;
    this.groups = groups;
    this.selected = -1;
    const g = new Graph({ type: "undirected", multi: false });
    const n = sample.agents.length;
    const size = n > 1500 ? 2 : n > 500 ? 3 : 4;
    for (let k = 0; k < n; k++) {
      g.addNode(String(k), {
        x: sample.x[k],
        y: sample.y[k],
        size,
        label: `agent ${sample.agents[k]}`,
      });
    }
    for (let e = 0; e < sample.src.length; e++)
      g.addEdge(String(sample.src[e]), String(sample.dst[e]), { k: e });
    // One renderer for the page's life: a new WebGL context per rebuild would
    // compile its shaders again (hundreds of ms in a software renderer).
    if (this.sigma) {
      this.sigma.setGraph(g);
      this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      return;
    }
    this.sigma = new Sigma(g, this.canvas, {
      renderLabels: false,
      labelRenderedSizeThreshold: 1e9,
      defaultEdgeColor: "#cccccc",
      zIndex: true,
      nodeReducer: (node, data) => {
        const k = Number(node);
        const sel = k === this.selected;
        return {
          ...data,
          color: this.colours[this.classes[k]] ?? GREY,
          size: sel ? (data.size as number) * 2.5 : data.size,
          zIndex: sel ? 2 : 1,
          forceLabel: sel,
          highlighted: sel,
          label: sel ? (data.label as string) : "",
        };
      },
      edgeReducer: (_edge, data) => {
        const e = data.k as number;
        return this.ties[e]
          ? { ...data, color: "#c8c8c8", size: 0.6 }
          : { ...data, color: "rgba(220,220,220,0.25)", size: 0.3 };
      },
    });
    this.sigma.on("clickNode", ({ node }) => this.onPick(Number(node)));
  }

  /** New flags: recolour and redraw (positions do not change, so no re-indexing). */
  update(flags: Uint8Array, ties: Uint8Array): void {
    if (!this.sample || !this.sigma) return;
    this.flags = flags;
    this.ties = ties;
    const c = COLOURINGS[this.colourBy];
    const legend = c.legend(this.groups);
    this.colours = legend.map((l) => l.colour);
    if (this.classes.length !== flags.length) this.classes = new Uint8Array(flags.length);
    const counts = new Array<number>(legend.length).fill(0);
    for (let k = 0; k < flags.length; k++) {
      const cls = c.classOf(flags[k], this.sample.group[k]);
      this.classes[k] = cls;
      counts[cls]++;
    }
    let cut = 0;
    for (let e = 0; e < ties.length; e++) if (!ties[e]) cut++;
    this.legend.replaceChildren(
      ...legend.map((l, k) =>
        h(
          "li",
          {},
          h("span", { class: "swatch", style: null, "data-colour": l.colour }),
          `${l.label}: ${counts[k]}`,
        ),
      ),
    );
    for (const sw of this.legend.querySelectorAll<HTMLElement>(".swatch")) {
      sw.style.background = sw.dataset.colour ?? GREY;
    }
    this.summary.textContent =
      `${flags.length} sampled agents by ${c.title}: ` +
      legend.map((l, k) => `${counts[k]} ${l.label}`).join(", ") +
      `; ${ties.length} ties among them, ${cut} cut.`;
    this.sigma.refresh({ skipIndexation: true });
  }

  /** Hides the canvases (the page does so while the view is off screen). */
  setHidden(hidden: boolean): void {
    this.canvas.style.visibility = hidden ? "hidden" : "visible";
  }

  select(k: number): void {
    this.selected = k;
    this.update(this.flags, this.ties);
  }

  /** For tests and the keyboard list: the screen position of a sampled agent. */
  viewportOf(k: number): { x: number; y: number } | null {
    if (!this.sigma || !this.sample) return null;
    const g = this.sigma.getGraph();
    if (!g.hasNode(String(k))) return null;
    const a = g.getNodeAttributes(String(k));
    return this.sigma.graphToViewport({ x: a.x as number, y: a.y as number });
  }
}

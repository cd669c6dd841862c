/**
 * The sub-network the page draws: a few hundred to a few thousand agents,
 * sampled by a forest fire (Leskovec and Faloutsos 2006, "Sampling from large
 * graphs": from a start agent, each contact of a burning agent catches fire
 * with probability p), so that the sample keeps the network's local structure
 * (a uniform sample of a sparse network has almost no ties among its members).
 * The sample is a view, not part of the model: it draws from its own small
 * generator (not the model's Philox streams), seeded by the scenario's seed.
 */
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { Csr } from "../../../src/core/network/csr.js";
import type { Sample } from "../protocol.js";

/** Mulberry32 (Tommy Ettinger, public domain): a tiny 32-bit generator for views. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Burn probability of the forest fire: about a third of each agent's contacts. */
const BURN = 0.35;

/** The agents of a forest-fire sample of `size` agents (fewer if the network is smaller). */
export function forestFire(g: Csr, size: number, seed: number): Int32Array {
  const rand = mulberry32(seed);
  const n = g.n;
  const want = Math.min(size, n);
  const inSample = new Uint8Array(n);
  const out = new Int32Array(want);
  let count = 0;
  while (count < want) {
    // A new fire when the last one burnt out (a small component, or bad luck).
    let start = Math.floor(rand() * n);
    while (inSample[start]) start = (start + 1) % n;
    inSample[start] = 1;
    out[count++] = start;
    let head = count - 1;
    while (head < count && count < want) {
      const a = out[head++];
      for (let e = g.offsets[a]; e < g.offsets[a + 1] && count < want; e++) {
        const b = g.targets[e];
        if (!inSample[b] && rand() < BURN) {
          inSample[b] = 1;
          out[count++] = b;
        }
      }
    }
  }
  return out;
}

/**
 * The sample's ties (each once, as the CSR entry from the lower to the higher
 * sample index) and a ForceAtlas2 layout of them (Jacomy et al. 2014).
 */
export function sampleNetwork(
  g: Csr,
  group: Uint8Array,
  size: number,
  seed: number,
): Sample & { entries: Int32Array } {
  const agents = forestFire(g, size, seed);
  const index = new Map<number, number>();
  for (let i = 0; i < agents.length; i++) index.set(agents[i], i);
  const src: number[] = [];
  const dst: number[] = [];
  const entries: number[] = [];
  agents.forEach((a, i) => {
    for (let e = g.offsets[a]; e < g.offsets[a + 1]; e++) {
      const j = index.get(g.targets[e]);
      if (j !== undefined && j > i) {
        src.push(i);
        dst.push(j);
        entries.push(e);
      }
    }
  });
  const rand = mulberry32(seed ^ 0x9e3779b9);
  const graph = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < agents.length; i++) graph.addNode(i, { x: rand() * 100, y: rand() * 100 });
  for (let k = 0; k < src.length; k++) graph.addEdge(src[k], dst[k]);
  const settings = forceAtlas2.inferSettings(graph);
  forceAtlas2.assign(graph, {
    iterations: agents.length > 1500 ? 80 : 150,
    settings: { ...settings, barnesHutOptimize: agents.length > 500 },
  });
  const x = new Float32Array(agents.length);
  const y = new Float32Array(agents.length);
  graph.forEachNode((node, attr) => {
    x[Number(node)] = attr.x as number;
    y[Number(node)] = attr.y as number;
  });
  return {
    agents,
    group: Uint8Array.from(agents, (a) => group[a]),
    x,
    y,
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
    entries: Int32Array.from(entries),
  };
}

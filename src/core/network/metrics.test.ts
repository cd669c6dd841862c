import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCsr } from "./build-csr.js";
import type { Csr } from "./csr.js";
import {
  averageLocalClustering,
  degreeHistogram,
  degreeMoments,
  globalClustering,
  localClustering,
  meanDegree,
  triangleCount,
  withinShare,
} from "./metrics.js";

function graph(n: number, pairs: [number, number][]): Csr {
  return buildCsr(
    n,
    Int32Array.from(pairs, (p) => p[0]),
    Int32Array.from(pairs, (p) => p[1]),
    pairs.length,
  );
}

function complete(n: number): Csr {
  const pairs: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push([a, b]);
  return graph(n, pairs);
}

describe("metrics on small known graphs", () => {
  it("complete graphs are fully clustered", () => {
    const k5 = complete(5);
    expect(triangleCount(k5)).toBe(10);
    expect(globalClustering(k5)).toBe(1);
    expect(averageLocalClustering(k5)).toBe(1);
    expect(meanDegree(k5)).toBe(4);
  });

  it("a star has no triangles; leaves count 0 in the local average", () => {
    const star = graph(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    expect(triangleCount(star)).toBe(0);
    expect(globalClustering(star)).toBe(0);
    expect(averageLocalClustering(star)).toBe(0);
    expect(Array.from(degreeHistogram(star))).toEqual([0, 4, 0, 0, 1]);
    expect(degreeMoments(star).mean).toBe(1.6);
    expect(degreeMoments(star).variance).toBeCloseTo(1.44, 12);
  });

  it("a triangle with a pendant node: transitivity 3/5, local (1 + 1 + 1/3 + 0)/4", () => {
    const g = graph(4, [
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
    ]);
    expect(triangleCount(g)).toBe(1);
    expect(globalClustering(g)).toBeCloseTo(3 / 5, 12);
    expect(localClustering(g, 2)).toBeCloseTo(1 / 3, 12);
    expect(averageLocalClustering(g)).toBeCloseTo((1 + 1 + 1 / 3) / 4, 12);
  });

  it("withinShare counts edges whose ends share a label", () => {
    const g = graph(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(withinShare(g, [0, 0, 1, 1])).toBeCloseTo(2 / 3, 12);
    expect(withinShare(graph(3, []), [0, 0, 0])).toBe(0);
  });

  it("empty graphs give zeros", () => {
    const g = graph(0, []);
    expect(meanDegree(g)).toBe(0);
    expect(globalClustering(g)).toBe(0);
    expect(averageLocalClustering(g)).toBe(0);
  });

  it("sampled local clustering visits evenly spaced nodes", () => {
    // Nodes 0..9 form K10 (C = 1); 10..19 are isolated (C = 0).
    const pairs: [number, number][] = [];
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) pairs.push([a, b]);
    const g = graph(20, pairs);
    expect(averageLocalClustering(g)).toBe(0.5);
    expect(averageLocalClustering(g, 4)).toBe(0.5); // nodes 0, 5, 10, 15
    expect(averageLocalClustering(g, 1)).toBe(1); // node 0
  });
});

describe("triangle counting", () => {
  it("matches brute force on random graphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }),
          }),
        ),
        ({ n, pairs }) => {
          const g = graph(n, pairs);
          const adj = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
          for (const [a, b] of pairs) if (a !== b) adj[a][b] = adj[b][a] = true;
          let tri = 0;
          let local = 0;
          for (let a = 0; a < n; a++) {
            for (let b = a + 1; b < n; b++) {
              for (let c = b + 1; c < n; c++) if (adj[a][b] && adj[b][c] && adj[a][c]) tri++;
            }
            const nb = adj[a].flatMap((x, i) => (x ? [i] : []));
            let links = 0;
            for (let i = 0; i < nb.length; i++) {
              for (let j = i + 1; j < nb.length; j++) if (adj[nb[i]][nb[j]]) links++;
            }
            local += nb.length < 2 ? 0 : (2 * links) / (nb.length * (nb.length - 1));
          }
          expect(triangleCount(g)).toBe(tri);
          expect(averageLocalClustering(g)).toBeCloseTo(local / n, 12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

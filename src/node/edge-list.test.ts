import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../core/errors.js";
import { checkCsr } from "../core/network/build-csr.js";
import type { Csr } from "../core/network/csr.js";
import { loadEdgeList } from "./edge-list.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scsim-edges-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

function edges(g: Csr): string[] {
  const out: string[] = [];
  for (let i = 0; i < g.n; i++) {
    for (let p = g.offsets[i]; p < g.offsets[i + 1]; p++) {
      if (i < g.targets[p]) out.push(`${i}-${g.targets[p]}`);
    }
  }
  return out;
}

const TRIANGLE = ["0-1", "0-2", "1-2"];

describe("loadEdgeList", () => {
  it("reads a headerless CSV", async () => {
    const g = await loadEdgeList(await file("a.csv", "0,1\n1,2\n2,0\n"), 4);
    checkCsr(g);
    expect(g.n).toBe(4);
    expect(edges(g)).toEqual(TRIANGLE);
  });

  it("reads TSV with a header in any case, comments, blank lines and CRLF", async () => {
    const text = "# exported\r\nSource\tTarget\r\n0\t1\r\n\r\n# mid comment\r\n1\t2\r\n2\t0\r\n";
    expect(edges(await loadEdgeList(await file("b.tsv", text), 3))).toEqual(TRIANGLE);
  });

  it("reads whitespace-separated columns and trailing extra columns", async () => {
    const text = "u v weight\n0   1 0.5\n 1 2 1\n2 0 7\n";
    expect(edges(await loadEdgeList(await file("c.txt", text), 3))).toEqual(TRIANGLE);
  });

  it("finds the endpoint columns by header name wherever they are", async () => {
    const text = "weight,To,From\n0.5,1,0\n1,2,1\n7,0,2\n";
    expect(edges(await loadEdgeList(await file("d.csv", text), 3))).toEqual(TRIANGLE);
    const text2 = "\uFEFFsrc,dst\n0,1\n1,2\n2,0\n";
    expect(edges(await loadEdgeList(await file("d2.csv", text2), 3))).toEqual(TRIANGLE);
  });

  it("reads gzip, by suffix and by magic bytes", async () => {
    const gz = gzipSync("source,target\n0,1\n1,2\n2,0\n");
    expect(edges(await loadEdgeList(await file("e.csv.gz", gz), 3))).toEqual(TRIANGLE);
    expect(edges(await loadEdgeList(await file("e-no-suffix.csv", gz), 3))).toEqual(TRIANGLE);
  });

  it("merges repeated edges in either orientation", async () => {
    const g = await loadEdgeList(await file("f.csv", "0,1\n1,0\n0,1\n1,2\n"), 3);
    expect(edges(g)).toEqual(["0-1", "1-2"]);
  });

  describe("errors name the file, the line and the problem", () => {
    const fails = async (name: string, text: string | Buffer, n: number, pattern: RegExp) => {
      const path = await file(name, text);
      const err = await loadEdgeList(path, n).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toContain(path);
      expect((err as Error).message).toMatch(pattern);
    };

    it("a missing column", () =>
      fails("g.csv", "0,1\n1,2\n3\n", 5, /:3: expected a source and a target column, found 1/));

    it("an empty field", () =>
      fails("g2.csv", "0,1\n1,\n", 5, /:2: expected a source and a target/));

    it("a non-integer id", () =>
      fails("h.csv", "0,1\n1,2.5\n", 5, /:2: target id "2\.5" is not an integer/));

    it("a non-integer id after a header", () =>
      fails("h2.csv", "from,to\n0,1\nx,2\n", 5, /:3: source id "x" is not an integer/));

    it("an id out of range, giving the range", () =>
      fails("i.csv", "# c\n0,1\n1,5\n", 5, /:3: target id 5 is out of range 0\.\.4/));

    it("a negative id", () =>
      fails("i2.tsv", "0\t1\n-1\t2\n", 5, /:2: source id -1 is out of range 0\.\.4/));

    it("a self-loop", () => fails("j.csv", "0,1\n2,2\n", 5, /:2: self-loop on node 2/));

    it("an unusable header", () =>
      fails(
        "k.csv",
        "alpha,beta\n0,1\n",
        5,
        /:1: header "alpha,beta" does not name the endpoint columns/,
      ));

    it("an empty file, or one with only a header and comments", async () => {
      await fails("l.csv", "", 5, /is empty/);
      await fails("l2.csv", "# nothing\nsource,target\n", 5, /is empty/);
    });

    it("a missing file", () =>
      expect(loadEdgeList(join(dir, "absent.csv"), 5)).rejects.toThrow(
        /cannot read edge list .*absent\.csv/,
      ));

    it("a corrupt gzip", () => fails("m.csv.gz", "0,1\n1,2\n", 5, /cannot read edge list/));
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tmpDir } from "../../test/tmp-dir.js";
import { InProcessExecutor } from "../node/experiment/executor.js";
import { runExperiment } from "../node/experiment/runner.js";
import { writeExperimentReport } from "./experiment-html.js";
import { formatExperimentText } from "./experiment-text.js";

async function report(text: string) {
  const dir = tmpDir();
  const file = path.join(dir, "e.yaml");
  fs.writeFileSync(file, text);
  const r = await runExperiment(file, {
    out: path.join(dir, "out"),
    executor: new InProcessExecutor(),
    writeReport: writeExperimentReport,
  });
  const htmlFile = r.files.find((f) => f.endsWith("experiment.html"));
  expect(htmlFile).toBeDefined();
  return { r, page: fs.readFileSync(htmlFile!, "utf8") };
}

const HOSTILE = "<script>alert(1)</script>";

describe("experiment.html", () => {
  it("a three-factor grid: curves with bands and the design table; names are inert text", async () => {
    const { r, page } = await report(`version: 1
name: "${HOSTILE}"
model: {name: ishigami, noiseSd: 0.2}
factors:
  - {path: x1, name: "x1 ${HOSTILE}", levels: [-2, 0, 2]}
  - {path: x2, levels: [-1, 1]}
  - {path: x3, levels: [0]}
design: {type: grid}
replications: 3
`);
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toMatch(/\bsrc="http|href="http/);
    // Curves (one line per combination), bands, and no heatmap: this grid has three factors.
    expect(page).toMatch(/along x1 &lt;script&gt;/);
    expect(page.match(/<figure class="plot">/g)?.length).toBe(1);
    expect(page).toContain('<table class="design">');
    const text = formatExperimentText(r.prepared, r.finished!);
    expect(text).toMatch(/Per point, over 3 replications \(paired seeds\)/);
    expect(text).toMatch(/Differences against point 0/);
  });

  it("a Sobol' study: S1/ST bars; a Morris study: the μ*–σ plot", async () => {
    const sobol = await report("version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 16}\n");
    expect(sobol.page).toMatch(/Sobol&#39; indices of y|Sobol' indices of y/);
    expect(formatExperimentText(sobol.r.prepared, sobol.r.finished!)).toMatch(
      /Sobol' indices of y \(N = 16[\s\S]*warning: N = 16 base rows is below 256/,
    );
    const morris = await report(
      "version: 1\nmodel: sobol-g\ndesign: {type: morris, trajectories: 4}\n",
    );
    expect(morris.page).toMatch(/Morris screening of y/);
    expect(formatExperimentText(morris.r.prepared, morris.r.finished!)).toMatch(/μ\*/);
  });

  it("a two-factor grid gets a heatmap", async () => {
    const { page } = await report(`version: 1
name: heat
base: {preset: financial-only, overrides: {agents: 100, burnIn: 0, steps: 5}}
factors:
  - {path: mechanisms.financial.deterrence, name: deterrence, levels: [0, 1]}
  - {path: mechanisms.subsystems.financial.listThreshold, name: threshold, levels: [1, 4]}
design: {type: grid}
metrics: [{metric: listed}]
`);
    expect(page).toMatch(/for each pair of deterrence and threshold/);
    expect(page.match(/<figure class="plot">/g)?.length).toBe(2);
  });
});

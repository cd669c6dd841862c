/**
 * Benchmark of the explorer in headless Chromium (the targets):
 * steps per second of `integrated` at 100,000 and 1,000,000 agents with the
 * charts live, one design and two side by side, with or without the
 * no-system baseline stepping along (one more worker), and the main thread's
 * longest task while running (Long Tasks API: every task of 50 ms or more is
 * reported). Runs the built single file from file://. The cases run with no
 * burn-in (a burn-in step costs what a recorded one does, unrecorded, and
 * runs before play); the burn-in's own time is the "burn-in" case.
 *
 *   npm run web:build && npx vite-node web/bench/explorer.ts [agents:steps[:designs[:view[:nobase|burn=N]]] ...]
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { launchChromium } from "../test/chromium.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGE = join(ROOT, "dist", "web", "index.html");

// biome-ignore lint/suspicious/noExplicitAny: the page's test hook
type W = { scsim: any; __longTasks: { start: number; duration: number }[] };

interface Case {
  agents: number;
  steps: number;
  designs: 1 | 2;
  /** What is on screen while it runs: the charts and table (top) or the network view. */
  view: "charts" | "network";
  /** The no-system baseline runs alongside (the page's default). */
  baseline: boolean;
  burnIn: number;
}

const cases: Case[] = (
  process.argv.slice(2).length
    ? process.argv.slice(2)
    : [
        "100000:365:1:charts:nobase",
        "100000:365:1",
        "100000:365:1:network",
        "100000:365:2",
        "1000000:40:1:charts:nobase",
        "1000000:40:1",
        "100000:0:1:charts:burn=365",
      ]
).map((a) => {
  const [agents, steps, designs, view, extra = ""] = a.split(":");
  const burn = /^burn=(\d+)$/.exec(extra);
  return {
    agents: Number(agents),
    steps: Math.max(1, Number(steps)),
    designs: designs === "2" ? 2 : 1,
    view: view === "network" ? "network" : "charts",
    baseline: extra !== "nobase",
    burnIn: burn ? Number(burn[1]) : 0,
  };
});

async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).fill(value);
  await page.locator(`#${id}`).dispatchEvent("change");
}

async function one(page: Page, c: Case) {
  await page.goto(pathToFileURL(PAGE).href);
  await page.waitForFunction(() => (window as unknown as Partial<W>).scsim?.ready());
  if ((await page.isChecked("#compare")) !== (c.designs === 2)) await page.click("#compare");
  if ((await page.isChecked("#baseline")) !== c.baseline) await page.click("#baseline");
  await page.selectOption("#preset-A", "integrated");
  if (c.designs === 2) await page.selectOption("#preset-B", "rights-respecting");
  await setField(page, "agents", String(c.agents));
  await setField(page, "steps", String(c.steps));
  await setField(page, "burn-in", String(c.burnIn));
  await page.waitForFunction(
    ([n, t, b, two, base]) => {
      const s = (window as unknown as W).scsim;
      const ok = (d: { agents: number; steps: number; burnIn: number; t: number }) =>
        d.agents === n && d.steps === t && d.burnIn === b && d.t === 0;
      return s.ready() && ok(s.A) && (!two || ok(s.B)) && (!base || ok(s.ZA));
    },
    [c.agents, c.steps, c.burnIn, c.designs === 2, c.baseline] as const,
    { timeout: 600_000 },
  );
  const { buildS, burnInS } = await page.evaluate(() => ({
    buildS: (window as unknown as W).scsim.A.buildMs / 1000,
    burnInS: (window as unknown as W).scsim.A.burnInMs / 1000,
  }));
  if (c.burnIn > 0)
    return {
      ...c,
      buildS,
      burnInS,
      settled: 0,
      seconds: 0,
      msPerStepA: 0,
      longTasks: 0,
      longestMs: 0,
      slowest: { charts: 0, table: 0, net: 0 },
      stepsPerS: c.burnIn / burnInS,
    };
  await page.selectOption("#speed", "0");
  await page.evaluate((view) => {
    if (view === "network") document.querySelector("#network-view")?.scrollIntoView();
    else window.scrollTo(0, 0);
  }, c.view);
  // Running starts once the page has settled after the build (its first paint of the new
  // network is the build's, not the run's): no long task for a second.
  const settled = await page.evaluate(async () => {
    const w = window as unknown as W;
    const t = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const now = performance.now();
      const last = w.__longTasks.reduce((m, x) => Math.max(m, x.start + x.duration), 0);
      if (now - last > 1000) return now - t;
    }
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.click("#play");
  await page.waitForFunction(
    () => {
      const s = (window as unknown as W).scsim;
      return s.A.done && (!s.page.compare || s.B.done);
    },
    undefined,
    { timeout: 600_000, polling: 50 },
  );
  const r = await page.evaluate((start) => {
    const w = window as unknown as W;
    const end = performance.now();
    const tasks = w.__longTasks.filter((t) => t.start >= start);
    return {
      seconds: (end - start) / 1000,
      msPerStepA: w.scsim.A.stepMs as number,
      longTasks: tasks.length,
      longestMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      slowest: w.scsim.page.slowest as { charts: number; table: number; net: number },
    };
  }, t0);
  return { ...c, buildS, burnInS, settled, ...r, stepsPerS: c.steps / r.seconds };
}

const chrome = await launchChromium();
await chrome.context.addInitScript(() => {
  const w = window as unknown as W;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
});
const page = await chrome.context.newPage();
console.log(
  `single file: ${(statSync(PAGE).size / 1024).toFixed(0)} KiB (${statSync(PAGE).size} bytes)`,
);
console.log(
  "| preset | agents | designs | no-system baseline | on screen | steps | build s | run s | steps/s | long tasks ≥ 50 ms while running | longest ms |",
);
console.log("| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const c of cases) {
  const r = await one(page, c);
  const name = `integrated${r.designs === 2 ? " + rights-respecting" : ""}`;
  if (r.burnIn > 0) {
    console.log(
      `| ${name} | ${r.agents.toLocaleString("en-US")} | ${r.designs} | ${r.baseline ? "yes" : "no"} | burn-in before play | ${r.burnIn} burn-in | ${r.buildS.toFixed(2)} | ${r.burnInS.toFixed(2)} | ${r.stepsPerS.toFixed(1)} | — | — |`,
    );
    continue;
  }
  console.log(
    `<!-- slowest redraws ms: charts ${r.slowest.charts.toFixed(1)}, table ${r.slowest.table.toFixed(1)}, network ${r.slowest.net.toFixed(1)} -->\n| ${name} | ${r.agents.toLocaleString("en-US")} | ${r.designs} | ${r.baseline ? "yes" : "no"} | ${r.view} | ${r.steps} | ${r.buildS.toFixed(2)} | ${r.seconds.toFixed(2)} | ${r.stepsPerS.toFixed(1)} | ${r.longTasks} | ${r.longestMs.toFixed(0)} |`,
  );
}
await chrome.close();

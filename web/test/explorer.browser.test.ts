/**
 * The explorer in a real browser (headless Debian Chromium): served by
 * `scsim explore`'s server and, exported, from file://. Screenshots of
 * failed tests go to .tmp/browser-screenshots/.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { parseDocument } from "yaml";
import {
  BASELINE_MEASURES,
  baselineValue,
  type CompareRun,
  measureById,
} from "../../src/core/compare/measures.js";
import { MetricsTable } from "../../src/core/metrics/table.js";
import { presetText } from "../../src/core/scenario/presets.js";
import { type RunningServer, startServer } from "../../src/node/explore/server.js";
import { formatDifference, formatMeasure } from "../src/measures.js";
import { encodeState } from "../src/share.js";
import { type Chromium, launchChromium } from "./chromium.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHOTS = join(ROOT, ".tmp", "browser-screenshots");
const BIN = join(ROOT, "bin", "scsim.js");

let chrome: Chromium;
let server: RunningServer;
let tmp: string;
/** The page's address with small designs and a short burn-in (the presets' 10,000 agents and 2,190 burn-in steps take longer). */
let small: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "scsim-explorer-"));
  [chrome, server] = await Promise.all([
    launchChromium(),
    startServer({ host: "127.0.0.1", port: 0, dir: join(ROOT, "dist", "web") }),
  ]);
  const raw = (name: string) => parseDocument(presetText(name)).toJS() as Record<string, unknown>;
  small = `${server.url}#${await encodeState({
    a: { ...raw("integrated"), agents: 1500, burnIn: 10 },
    b: raw("rights-respecting"),
    compare: true,
    sample: 400,
    speed: 30,
  })}`;
});

afterAll(async () => {
  await chrome?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
}

/** Opens the page, records console errors and uncaught exceptions, screenshots it if the test fails. */
async function open(name: string, url = small): Promise<Opened> {
  const page = await chrome.context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  onTestFailed(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }).catch(() => {});
  });
  await page.goto(url);
  await ready(page);
  return { page, errors };
}

// The page's CSP forbids eval, so waits take functions (Playwright calls them
// through the DevTools protocol), which read what the page exposes as
// window.scsim; each is self-contained (it runs in the page).
// biome-ignore lint/suspicious/noExplicitAny: the page's test hook, typed loosely
type W = { scsim: any };

/** Waits until every shown design is built and, if given, `check(arg)` holds in the page. */
async function ready<A>(page: Page, check?: (arg: A) => boolean, arg?: A): Promise<void> {
  const idle = () => {
    const s = (window as unknown as Partial<W>).scsim;
    return !!s && s.ready();
  };
  await page.waitForFunction(idle);
  if (!check) return;
  await page.waitForFunction(check as (arg: unknown) => boolean, arg);
  await page.waitForFunction(idle);
}

async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).fill(value);
  await page.locator(`#${id}`).dispatchEvent("change");
}

/**
 * Sets the run bar's agents, steps, seed and burn-in (10 steps unless given;
 * null keeps the current one) and waits for the rebuild.
 */
async function setRun(
  page: Page,
  agents: number,
  steps: number,
  seed?: number,
  burnIn: number | null = 10,
): Promise<void> {
  await setField(page, "agents", String(agents));
  await setField(page, "steps", String(steps));
  if (seed !== undefined) await setField(page, "seed", String(seed));
  if (burnIn !== null) await setField(page, "burn-in", String(burnIn));
  await ready(
    page,
    ([n, t, b]) => {
      const s = (window as unknown as W).scsim;
      return s.A.agents === n && s.A.steps === t && (b === null || s.A.burnIn === b) && s.A.t === 0;
    },
    [agents, steps, burnIn] as const,
  );
}

/** A design's metrics as the page holds them, as a run core's measures read (in this process). */
async function runOf(page: Page, name: string): Promise<CompareRun> {
  const d = (await page.evaluate(`(() => {
    const d = window.scsim[${JSON.stringify(name)}];
    return { metrics: d.metrics, grps: d.grps, steps: d.steps, t: d.t, agents: d.agents,
      meanDegree: d.meanDegree, values: Array.from(d.table.values.subarray(0, (d.t + 1) * d.metrics.length * d.grps.length)) };
  })()`)) as {
    metrics: string[];
    grps: string[];
    steps: number;
    t: number;
    agents: number;
    meanDegree: number;
    values: (number | null)[];
  };
  const tab = new MetricsTable(d.metrics, d.grps, d.steps + 1);
  tab.values.set(d.values.map((v) => v ?? Number.NaN));
  tab.recorded = d.t + 1;
  return { seed: "page", agents: d.agents, metrics: tab, meanDegree: d.meanDegree };
}

const cell = async (page: Page, measure: string, sel = "td") =>
  (await page.locator(`#b2-table tr[data-measure="${measure}"] ${sel}`).first().textContent()) ??
  "";

async function setCompare(page: Page, on: boolean): Promise<void> {
  if ((await page.isChecked("#compare")) !== on) await page.click("#compare");
  await ready(page, (c) => (window as unknown as W).scsim.page.compare === c, on);
}

/** Plays as fast as possible to the last step of every shown design. */
async function runToEnd(page: Page): Promise<void> {
  await page.selectOption("#speed", "0");
  await page.click("#play");
  await page.waitForFunction(() => {
    const s = (window as unknown as W).scsim;
    return s.A.done && (!s.page.compare || s.B.done) && !s.page.playing;
  });
}

function scsim(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmp,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (status) => ok({ status, stdout, stderr }));
  });
}

const num = (page: Page, expr: string) =>
  page.evaluate(`(() => { const s = window.scsim; return ${expr}; })()`) as Promise<number>;

describe("the explorer in Chromium", () => {
  it("loads with no console error, two designs built, controls for M1–M18 and B1 with the article's sentences", async () => {
    const { page, errors } = await open("loads", server.url);
    expect(await num(page, "s.A.agents")).toBeGreaterThan(0);
    // The preset's burn-in ran before step 0, and the page says so.
    expect(await num(page, "s.A.burnIn")).toBe(2190);
    expect((await page.locator("#status").textContent()) ?? "").toContain(
      "burn-in of 2190 steps (not recorded)",
    );
    // The B2 table has core's measures, and the benefits against the no-system run.
    await page.waitForFunction(() =>
      document.querySelector('#b2-table tr[data-measure="defaults_avoided"]'),
    );
    const rows = await page.$$eval("#b2-table tr[data-measure]", (els) =>
      els.map((e) => e.getAttribute("data-measure")),
    );
    expect(rows).toContain("listed_for_expression");
    expect(rows).toEqual(expect.arrayContaining(BASELINE_MEASURES.map((m) => m.id)));
    const ids = await page.$$eval("#design-A li.mechanism", (els) =>
      els.map((e) => e.getAttribute("data-mechanism")),
    );
    expect(ids).toHaveLength(19);
    expect(new Set(ids)).toEqual(
      new Set([...Array.from({ length: 18 }, (_, i) => `M${i + 1}`), "B1"]),
    );
    const m1 = page.locator('#design-A li[data-mechanism="M1"]');
    expect((await m1.locator('blockquote[lang="de"]').textContent()) ?? "").toContain(
      "Finanz-Rating-Systeme",
    );
    expect((await m1.locator('blockquote[lang="en"]').textContent()) ?? "").toContain(
      "financial rating systems",
    );
    // Every control has a label (keyboard and screen-reader users reach it by name).
    const unlabelled = await page.$$eval("input, select, textarea", (els) =>
      els
        .filter((e) => (e as HTMLInputElement).type !== "hidden")
        .filter(
          (e) =>
            !(e.id && document.querySelector(`label[for="${e.id}"]`)) &&
            !e.getAttribute("aria-label"),
        )
        .map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    // The advanced panel has every parameter, with its description and default.
    const fin = page.locator("#dA-adv-mechanisms-financial-deterrence");
    expect(await fin.count()).toBe(1);
    expect(
      await page.locator("#dA-adv-mechanisms-financial-deterrence-desc").textContent(),
    ).toMatch(/default/);
    // Keyboard: the play button toggles with Enter, and says whether it is pressed.
    await page.focus("#play");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute("#play", "aria-pressed")).toBe("true");
    await page.keyboard.press("Enter");
    expect(await page.getAttribute("#play", "aria-pressed")).toBe("false");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a preset runs: the charts, the B2 table and the network update", async () => {
    const { page, errors } = await open("preset-runs");
    await setCompare(page, false);
    await page.selectOption("#preset-A", "integrated");
    await setRun(page, 3000, 40);
    const before =
      (await page.locator('figure[data-measure="listed"] figcaption').textContent()) ?? "";
    await runToEnd(page);
    await page.waitForFunction(() =>
      document
        .querySelector('figure[data-measure="listed"] figcaption')
        ?.textContent?.includes("step 40"),
    );
    const after =
      (await page.locator('figure[data-measure="listed"] figcaption').textContent()) ?? "";
    expect(after).not.toBe(before);
    expect(await num(page, "s.A.get('listed', 40, 0)")).toBeGreaterThan(0);
    await page.waitForFunction(() =>
      document.querySelector("#b2-table")?.textContent?.includes("step 40"),
    );
    expect(await cell(page, "listed")).toMatch(/%$/);
    expect(await cell(page, "defaults_avoided")).toMatch(/^−?[0-9.]+$/);
    // The network view is drawn while it is on screen.
    await page.locator("#network-view").scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      document.querySelector(".net-summary")?.textContent?.includes("sampled agents by tier"),
    );
    expect((await page.locator(".net-summary").textContent()) ?? "").toMatch(
      /sampled agents by tier/,
    );
    // sigma drew something: a blank canvas compresses to a few KB.
    const png = await page.locator("#network-view .sigma").screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moving a control changes the outcome", async () => {
    const { page } = await open("control");
    await setCompare(page, false);
    await page.selectOption("#preset-A", "integrated");
    await setRun(page, 2000, 60);
    await runToEnd(page);
    const chilling = await num(page, "s.A.get('chilling', 60, 0)");
    const { hash } = await page.evaluate(() =>
      (window as never as { scsim: { hash(n: string): Promise<{ hash: string }> } }).scsim.hash(
        "A",
      ),
    );
    // M2 off: political data no longer scored.
    await page.click("#dA-mechanisms-political-enabled");
    await ready(page, () => {
      const s = (window as unknown as W).scsim;
      return s.A.scenario?.mechanisms.political.enabled === false && s.A.t === 0;
    });
    await runToEnd(page);
    const other = await page.evaluate(() =>
      (window as never as { scsim: { hash(n: string): Promise<{ hash: string }> } }).scsim.hash(
        "A",
      ),
    );
    expect(other.hash).not.toBe(hash);
    expect(await num(page, "s.A.get('chilling', 60, 0)")).not.toBe(chilling);
    await page.close();
  });

  it("runs two designs side by side on the same seed and population, with the difference in the table", async () => {
    const { page, errors } = await open("side-by-side");
    await setCompare(page, true);
    await page.selectOption("#preset-A", "integrated");
    await page.selectOption("#preset-B", "rights-respecting");
    await setRun(page, 2000, 40, 11);
    await ready(page, () => {
      const s = (window as unknown as W).scsim;
      return s.B.agents === 2000 && s.B.steps === 40 && s.B.t === 0;
    });
    await runToEnd(page);
    expect(await num(page, "s.B.t")).toBe(40);
    expect(await num(page, "s.B.scenario.seed")).toBe(11);
    expect(
      await num(
        page,
        "JSON.stringify(s.A.scenario.population) === JSON.stringify(s.B.scenario.population) ? 1 : 0",
      ),
    ).toBe(1);
    expect(
      await num(
        page,
        "JSON.stringify(s.A.scenario.mechanisms) === JSON.stringify(s.B.scenario.mechanisms) ? 1 : 0",
      ),
    ).toBe(0);
    // Same seed and population, hence the same sampled agents.
    expect(await num(page, "s.A.sample.agents.join() === s.B.sample.agents.join() ? 1 : 0")).toBe(
      1,
    );
    // The table is redrawn four times a second: wait for both designs' last step.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll("#b2-table thead th")].filter((th) =>
          th.textContent?.endsWith("(step 40)"),
        ).length === 3 && document.querySelector("#b2-table")?.textContent?.includes("B − A"),
    );
    // The cells are core's measures of the rows the page received (computed here, in Node).
    const [ra, rb, rz] = await Promise.all([runOf(page, "A"), runOf(page, "B"), runOf(page, "ZA")]);
    for (const id of ["listed", "wrongly_listed", "chilling", "denied_flight"]) {
      const m = measureById(id);
      expect(await cell(page, id), id).toBe(formatMeasure(m.value(ra, 0), m.unit));
      expect(await cell(page, id, "td.diff"), id).toBe(
        formatDifference(m.value(rb, 0) - m.value(ra, 0), m.unit),
      );
      expect(await cell(page, id, "td.base"), id).toBe(formatMeasure(m.value(rz, 0), m.unit));
    }
    // B's society is A's: one no-system run is the baseline of both.
    expect(await num(page, "s.page.ownBaselineB ? 1 : 0")).toBe(0);
    for (const bm of BASELINE_MEASURES) {
      const [a, b] = [baselineValue(bm, ra, rz), baselineValue(bm, rb, rz)];
      expect(await cell(page, bm.id), bm.id).toBe(formatMeasure(a, bm.unit));
      expect(await cell(page, bm.id, "td.diff"), bm.id).toBe(formatDifference(b - a, bm.unit));
    }
    // The baseline is A's society with the system off, on the same seed and people.
    expect(await num(page, "s.ZA.t")).toBe(40);
    expect(await num(page, "s.ZA.scenario.seed")).toBe(11);
    expect(
      await num(
        page,
        "JSON.stringify(s.A.scenario.population) === JSON.stringify(s.ZA.scenario.population) && !s.ZA.scenario.mechanisms.political.enabled && s.ZA.scenario.mechanisms.sanctions.flight.triggers.length === 0 ? 1 : 0",
      ),
    ).toBe(1);
    expect(
      (await page.locator('figure[data-measure="listed"] .u-legend').textContent()) ?? "",
    ).toContain("B · all");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("runs without the no-system baseline when it is switched off", async () => {
    const { page, errors } = await open("no-baseline");
    await setCompare(page, false);
    await page.click("#baseline");
    await ready(page, () => (window as unknown as W).scsim.page.baseline === false);
    await setRun(page, 1500, 20);
    await runToEnd(page);
    expect(await num(page, "s.A.t")).toBe(20);
    await page.waitForFunction(() =>
      document.querySelector("#b2-table")?.textContent?.includes("(step 20)"),
    );
    expect(await page.locator('#b2-table tr[data-measure="defaults_avoided"]').count()).toBe(0);
    expect(await page.locator('figure[data-measure="defaults_avoided"]').count()).toBe(0);
    expect(
      await page.locator('figure[data-measure="listed"] .u-legend').textContent(),
    ).not.toContain("no system");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("gives the state hash of `scsim run` for the same scenario and seed", async () => {
    const { page } = await open("hash");
    await setCompare(page, false);
    await page.selectOption("#preset-A", "integrated");
    await setRun(page, 2000, 30, 7, 2190);
    expect(await num(page, "s.A.burnIn")).toBe(2190);
    await runToEnd(page);
    const web = await page.evaluate(() =>
      (
        window as never as { scsim: { hash(n: string): Promise<{ t: number; hash: string }> } }
      ).scsim.hash("A"),
    );
    const cli = await scsim([
      "run",
      "--preset",
      "integrated",
      "--agents",
      "2000",
      "--steps",
      "30",
      "--seed",
      "7",
      "--out",
      join(tmp, "run"),
      "--no-report",
    ]);
    expect(cli.status).toBe(0);
    const m = /state hash ([0-9a-f]+)/.exec(cli.stdout);
    expect(m).not.toBeNull();
    expect(web.t).toBe(30);
    expect(web.hash).toBe(m?.[1]);
    await page.close();
  });

  it("exports YAML that `scsim validate` accepts, imports YAML with the line and column of a mistake", async () => {
    const { page } = await open("yaml");
    await setCompare(page, false);
    await page.click("#dA-mechanisms-detention-enabled");
    await ready(
      page,
      () => (window as unknown as W).scsim.A.scenario?.mechanisms.detention.enabled === false,
    );
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#export-yaml-A")]);
    const file = join(tmp, "exported.yaml");
    await dl.saveAs(file);
    const v = await scsim(["validate", "--print", file]);
    expect(v.stderr).toBe("");
    expect(v.status).toBe(0);
    expect(JSON.parse(v.stdout.slice(v.stdout.indexOf("{"))).mechanisms.detention.enabled).toBe(
      false,
    );
    // A misspelt field: the page shows the CLI's message, with line and column.
    await page.locator("#design-A .yaml details summary").click();
    await page.fill("#import-text-A", "name: broken\nmechanisms:\n  tiers:\n    cutofA: 700\n");
    await page.click("#import-button-A");
    await page.waitForFunction(() => document.querySelector("#import-error-A")?.textContent !== "");
    const err = (await page.locator("#import-error-A").textContent()) ?? "";
    expect(err).toMatch(/^pasted\.yaml:4:5: mechanisms\.tiers/);
    expect(err).toContain("cutofA");
    // A good one replaces the design.
    await page.fill(
      "#import-text-A",
      readFileSync(file, "utf8").replace("enabled: false", "enabled: true"),
    );
    await page.click("#import-button-A");
    await ready(
      page,
      () => (window as unknown as W).scsim.A.scenario?.mechanisms.detention.enabled === true,
    );
    expect((await page.locator("#import-error-A").textContent()) ?? "").toBe("");
    await page.close();
  });

  it("keeps the scenario in the URL and downloads the metrics as CSV", async () => {
    const { page } = await open("url-csv");
    await setCompare(page, false);
    await setRun(page, 1234, 12);
    await page.waitForFunction(() => location.hash.length > 10);
    const url = page.url();
    await runToEnd(page);
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
    const csv = readFileSync(await dl.path(), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe("design,step,metric,grp,value");
    expect(csv.some((l) => l.startsWith("A,12,listed,all,"))).toBe(true);
    const again = await open("url-reopen", url);
    expect(await num(again.page, "s.A.agents")).toBe(1234);
    expect(await num(again.page, "s.A.steps")).toBe(12);
    expect(await num(again.page, "s.page.compare ? 1 : 0")).toBe(0);
    await again.page.close();
    await page.close();
  });

  it("shows a clicked agent's history: listings, records, what it thinks and says", async () => {
    const { page } = await open("history");
    await setCompare(page, false);
    await page.selectOption("#preset-A", "integrated");
    await setRun(page, 3000, 60);
    await runToEnd(page);
    // A sampled agent that is listed now, clicked on the canvas.
    const k = await num(page, "s.A.sample.agents.findIndex((_, k) => (s.A.flags[k] & 4) !== 0)");
    expect(k).toBeGreaterThanOrEqual(0);
    await page.selectOption("#colour-by", "listed");
    await page.waitForTimeout(300); // the view redraws at most five times a second
    await page.locator("#network-view .sigma").scrollIntoViewIfNeeded();
    const pos = (await page.evaluate(`window.scsim.net.viewportOf(${k})`)) as {
      x: number;
      y: number;
    };
    const box = await page.locator("#network-view .sigma").boundingBox();
    if (!box) throw new Error("no network view");
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await page.waitForFunction(() =>
      document.querySelector("#history h3")?.textContent?.startsWith("Agent"),
    );
    const agent = await num(page, `s.A.sample.agents[${k}]`);
    const text = (await page.locator("#history").textContent()) ?? "";
    expect(text).toContain(`Agent ${agent} in design A`);
    expect(text).toContain("put on a blacklist");
    expect(text).toMatch(/negative record \(\w+\)/);
    expect(text).toMatch(/privately dissent|does not dissent in private/);
    await page.close();
  });

  it("the exported single file (≤ 1 MB) runs from file:// with no server", async () => {
    const file = join(tmp, "explorer.html");
    const r = await scsim(["explore", "--export", file]);
    expect(r.status).toBe(0);
    expect(statSync(file).size).toBeLessThanOrEqual(1024 * 1024);
    const { page, errors } = await open("file-url", pathToFileURL(file).href);
    await setCompare(page, false);
    await page.click("#step");
    await page.waitForFunction(() => (window as unknown as W).scsim.A.t === 1);
    expect(await page.evaluate(() => document.getElementById("engine")?.textContent)).not.toContain(
      "JS",
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

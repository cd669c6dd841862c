/**
 * Headless Debian Chromium through playwright-core (never `npx playwright
 * install`): the flags keep a closed network quiet (no background
 * connections), and SwiftShader gives sigma its WebGL without a GPU.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/lib/chromium/chromium";

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh Chromium with its own profile folder (removed on close). With
 * `gpuProcess`, --disable-gpu is left out: Chromium then composites through
 * its GPU process (SwiftShader here, a real GPU on a user's machine), so a
 * WebGL canvas is not read back to the main thread at every frame.
 */
export async function launchChromium(opts: { gpuProcess?: boolean } = {}): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "scsim-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      "--no-sandbox",
      ...(opts.gpuProcess ? [] : ["--disable-gpu"]),
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--enable-unsafe-swiftshader",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

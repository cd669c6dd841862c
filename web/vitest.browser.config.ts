import { defineConfig } from "vitest/config";

/**
 * The explorer's tests in a real browser (headless Debian Chromium via
 * playwright-core): `npx vitest run -c web/vitest.browser.config.ts`. The
 * global setup builds the page and the CLI once.
 */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["web/test/**/*.test.ts"],
    globalSetup: ["web/test/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

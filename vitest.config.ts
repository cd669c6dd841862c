import { defineConfig } from "vitest/config";

/**
 * Two projects: "unit" (everything that imports the sources; no build
 * needed, no global setup) and "cli" (tests that run the built bin/scsim.js:
 * their global setup builds dist/ once). `npm test` runs both; `npx vitest
 * run --project unit` runs the unit tests alone, without tsc.
 */
const CLI_TESTS = ["test/**/*cli.test.ts"];

export default defineConfig({
  test: {
    // Two cores: one worker per core keeps timing-insensitive tests predictable.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: CLI_TESTS,
        },
      },
      {
        extends: true,
        test: {
          name: "cli",
          include: CLI_TESTS,
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});

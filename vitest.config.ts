import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests call server code directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
};

// Three levels (STYLE.md): pure unit tests beside the code, integration tests against a real
// PostgreSQL, browser tests in Chromium against the built site.
export default defineConfig({
  resolve: { alias },
  test: {
    // Two files at a time. Vitest's default here is one worker fewer than the cores: one on the
    // two-core machines CI runs on, where a file waiting on PostgreSQL or a browser leaves a core
    // idle. Unit and integration files (a database each) run two at a time; the browser files
    // after them, two at a time as well, each on its lane's own site (e2e below).
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "tests/unit/**/*.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/integration-setup.ts"],
          setupFiles: ["tests/support/port-range.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-setup.ts"],
          setupFiles: ["tests/support/port-range.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // After unit and integration: browser files beside one another only. Two at a time,
          // one per lane (tests/support/e2e-setup.ts): a site and a database each, so a file
          // sees only what it and the files before it in its lane did. The servers a file starts
          // take ports from its worker's own range (tests/support/port-range.ts).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

// globalSetup of the browser tests: a real PostgreSQL with the demo data, a production build
// of the site (into .next-test, leaving a running `npm run dev` alone) served as `npm start`
// serves it (`next start` behind the front server, lib/front/start-site.ts),
// and the system Chromium. Under CI a missing Chromium fails the run; locally it is reported
// loudly and the browser tests are skipped.
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { TestProject } from "vitest/node";
import { findFreePort } from "../../lib/db/ports";
import { applyMigrations } from "../../lib/db/migrate";
import { createPrismaClient } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed";
import { createDatabase, startTestPostgres } from "./postgres";
import { findChromium, MISSING_CHROMIUM_MESSAGE } from "./chromium";
import { startSite, type Site } from "../../lib/front/start-site";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
    chromiumPath: string;
  }
}

/** Where the one production build of the browser tests goes (the cluster test runs it too). */
export const DIST_DIR = ".next-test";

export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env.CI) throw new Error(MISSING_CHROMIUM_MESSAGE + "\nCI=true: a missing browser fails the run.");
    console.error(MISSING_CHROMIUM_MESSAGE + "\n浏览器测试已跳过 / browser tests are SKIPPED.\n");
  }

  const postgres = await startTestPostgres();
  const databaseUrl = await createDatabase(postgres.adminUrl, "cms_e2e");
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl, { max: 2 });
  await seedDemoData(db);
  await db.$disconnect();

  const require = createRequire(import.meta.url);
  const nextBin = require.resolve("next/dist/bin/next");
  const env = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  // E2E_REUSE_BUILD=1 reruns the browser tests on the build already in DIST_DIR (when only
  // tests changed); by default every run builds what it tests.
  const reuse = process.env.E2E_REUSE_BUILD === "1" && fs.existsSync(path.join(DIST_DIR, "BUILD_ID"));
  if (chromiumPath && !reuse) {
    const started = Date.now();
    const build = spawnSync(process.execPath, [nextBin, "build"], { env, encoding: "utf8" });
    if (build.status !== 0) {
      await postgres.stop();
      throw new Error(`next build failed:\n${(build.stdout + build.stderr).slice(-4000)}`);
    }
    console.log(`[e2e] next build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-e2e-media-"));
  let site: Site | undefined;
  if (chromiumPath) {
    // The production shape: Next behind the front server and its page cache.
    site = await startSite({
      port,
      hostname: "127.0.0.1",
      env: {
        ...env,
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: "e2e-test-secret-not-for-production",
        NEXTAUTH_URL: baseUrl,
        SCHEDULER_INTERVAL_MS: "1000",
        // Uploads of the browser tests go to a throwaway folder, not the developer's .data/media.
        MEDIA_DIR: mediaDir,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHealth(baseUrl, site.next);
  }

  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", databaseUrl);
  project.provide("chromiumPath", chromiumPath ?? "");

  return async () => {
    await site?.stop();
    await postgres.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  };
}

async function waitForHealth(baseUrl: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("next start did not answer /api/health within 60 s");
}

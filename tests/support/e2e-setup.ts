// globalSetup of the browser tests: a real PostgreSQL with the demo data, a production build
// of the site (into .next-test, leaving a running `npm run dev` alone) served as `npm start`
// serves it (`next start` behind the front server, lib/front/start-site.ts),
// and the system Chromium. Under CI a missing Chromium fails the run; locally it is reported
// loudly and the browser tests are skipped.
//
// Browser files run two at a time (vitest.config.ts), so there are two lanes: each its own
// site and its own copy of the demo database, and a file uses the lane of the worker running
// it (tests/support/browser.ts). Files of different lanes never see each other's reports,
// notifications or audit entries, as a file alone on one site would.
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
    /** One site per lane; a test file uses its worker's lane (tests/support/browser.ts). */
    baseUrls: string[];
    e2eDatabaseUrls: string[];
    chromiumPath: string;
  }
}

/** Where the one production build of the browser tests goes (the cluster test runs it too). */
export const DIST_DIR = ".next-test";

/** Sites (and databases) the browser files share out: one per file running at once. */
export const E2E_LANES = 2;

export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env.CI) throw new Error(MISSING_CHROMIUM_MESSAGE + "\nCI=true: a missing browser fails the run.");
    console.error(MISSING_CHROMIUM_MESSAGE + "\n浏览器测试已跳过 / browser tests are SKIPPED.\n");
  }

  const postgres = await startTestPostgres();
  // The demo data seeded once, then copied for every other lane.
  const databaseUrls = [await createDatabase(postgres.adminUrl, "cms_e2e_1")];
  await applyMigrations(databaseUrls[0]!);
  const db = createPrismaClient(databaseUrls[0]!, { max: 2 });
  await seedDemoData(db);
  await db.$disconnect();
  for (let lane = 2; lane <= E2E_LANES; lane++) databaseUrls.push(await createDatabase(postgres.adminUrl, `cms_e2e_${lane}`, "cms_e2e_1"));

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

  const baseUrls: string[] = [];
  const sites: Site[] = [];
  const mediaDirs: string[] = [];
  const stopAll = async () => {
    await Promise.all(sites.map((site) => site.stop()));
    await postgres.stop();
    for (const dir of mediaDirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const databaseUrl of databaseUrls) {
      const port = await findFreePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      baseUrls.push(baseUrl);
      // Uploads of the browser tests go to a throwaway folder, not the developer's .data/media.
      const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-e2e-media-"));
      mediaDirs.push(mediaDir);
      if (!chromiumPath) continue;
      // The production shape: Next behind the front server and its page cache.
      const site = await startSite({
        port,
        hostname: "127.0.0.1",
        env: {
          ...env,
          DATABASE_URL: databaseUrl,
          NEXTAUTH_SECRET: "e2e-test-secret-not-for-production",
          NEXTAUTH_URL: baseUrl,
          SCHEDULER_INTERVAL_MS: "1000",
          MEDIA_DIR: mediaDir,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      sites.push(site);
      await waitForHealth(baseUrl, site.next);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  project.provide("baseUrls", baseUrls);
  project.provide("e2eDatabaseUrls", databaseUrls);
  project.provide("chromiumPath", chromiumPath ?? "");

  return stopAll;
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

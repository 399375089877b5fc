// Shared set-up of the benchmarks: a throwaway embedded PostgreSQL with the migrations and the
// demo accounts, a production build of the site served as `npm start` serves it (Next behind
// the front server and its page cache, in a process of their own), and signed-in
// sessions. Everything runs on this machine, on loopback.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { serverMemorySettings, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../lib/db/embedded-postgres";
import { findFreePort } from "../../lib/db/ports";
import { applyMigrations } from "../../lib/db/migrate";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed";
import { fileURLToPath } from "node:url";
import type { PageCacheCounts } from "../../lib/front/page-cache";
import type { SiteProcessMessage } from "./site-process";
import { signInOverHttp } from "../../tests/support/http-session";
import { stopProgram } from "../../tests/support/deploy-programs";

export interface Harness {
  db: Db;
  databaseUrl: string;
  baseUrl: string;
  /** The site's MEDIA_DIR (in the benchmark's data folder, not the project's .data). */
  mediaDir: string;
  /**
   * What the front server's page cache has done so far, and the CPU time (µs) of the front's
   * process (./site-process.ts: the front, with Next in a child of its own).
   */
  frontStats(): Promise<{ counts: PageCacheCounts; cpuMicroseconds: number }>;
  signIn(username: string): Promise<string>;
  stop(): Promise<void>;
}

export const DIST_DIR = ".next-bench";

/**
 * A production build of the site into DIST_DIR; returns the environment that serves it.
 * BENCH_REUSE_BUILD=1 keeps the build already there (when only the benchmarks changed).
 */
export function buildSite(): NodeJS.ProcessEnv {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env = { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  if (process.env.BENCH_REUSE_BUILD === "1" && fs.existsSync(path.join(DIST_DIR, "BUILD_ID"))) return env;
  console.log("[bench] building the site …");
  const build = spawnSync(process.execPath, [nextBin, "build"], { env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`next build failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
  return env;
}

/**
 * BENCH_DATA_DIR keeps the benchmark database in that folder between runs (the 100,000
 * generated reports take about 7 minutes to make); without it a throwaway folder is used.
 */
export async function startHarness(): Promise<Harness> {
  const kept = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : undefined;
  const dataRoot = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), "cms-bench-"));
  fs.mkdirSync(dataRoot, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataRoot, 0o755);
  const pg: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, "data"), port: await findFreePort(), settings: serverMemorySettings() });
  await pg.createDatabase("bench");
  const databaseUrl = pg.urlFor("bench");
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl, { max: 4 });
  if ((await db.committee.count()) === 0) await seedDemoData(db);

  const mediaDir = path.join(dataRoot, "media");
  const env = { ...buildSite(), MEDIA_DIR: mediaDir };

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const site = await startSiteProcess({ ...env, PORT: String(port), DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-secret", NEXTAUTH_URL: baseUrl, SCHEDULER_INTERVAL_MS: "0" });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    db,
    databaseUrl,
    baseUrl,
    mediaDir,
    frontStats: () => ask(site, "stats"),
    signIn: (username) => signInOverHttp(baseUrl, username),
    async stop() {
      await stopProgram(site);
      await db.$disconnect();
      await pg.stop();
      if (!kept) fs.rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** ./site-process.ts in a process of its own (with tsx, as `npm start` runs the front), once it listens. */
async function startSiteProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = fork(fileURLToPath(new URL("./site-process.ts", import.meta.url)), [], {
    env,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const first = await new Promise<SiteProcessMessage>((resolve, reject) => {
    child.once("message", (message) => resolve(message as SiteProcessMessage));
    child.once("exit", (code) => reject(new Error(`the site process exited with ${code}`)));
  });
  if (first.type !== "ready") throw new Error(`the site process did not start: ${first.type === "error" ? first.message : first.type}`);
  return child;
}

/** One question to the site process, and its answer. */
function ask(child: ChildProcess, type: "stats"): Promise<{ counts: PageCacheCounts; cpuMicroseconds: number }> {
  return new Promise((resolve) => {
    const answer = (message: SiteProcessMessage) => {
      if (message.type !== type) return;
      child.off("message", answer);
      resolve(message);
    };
    child.on("message", answer);
    child.send({ type });
  });
}

/**
 * A throwaway embedded PostgreSQL with one migrated database `name`, in a temporary folder that
 * `stop` removes (the database benchmarks' own, when not given one to reuse).
 */
export async function throwawayDatabase(name: string): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cms-bench-${name}-`));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await findFreePort(), settings: serverMemorySettings() });
  const stop = async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pg.createDatabase(name);
    const url = pg.urlFor(name);
    await applyMigrations(url);
    return { url, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(values: number[]) {
  const fmt = (n: number) => n.toFixed(1);
  return `n=${values.length} p50=${fmt(percentile(values, 50))} ms p95=${fmt(percentile(values, 95))} ms max=${fmt(Math.max(...values))} ms`;
}

/** Paragraphs of the sample reports, repeated until `chars` characters of text. */
export function sampleParagraphs(chars: number): string[] {
  const dir = path.join(process.cwd(), "prisma", "seed-data", "samples");
  const source = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split(/\n+/))
    .map((p) => p.trim().replace(/\*+/g, ""))
    .filter((p) => p.length > 30);
  const out: string[] = [];
  let total = 0;
  for (let i = 0; total < chars; i++) {
    const p = source[i % source.length]!;
    out.push(p);
    total += p.length;
  }
  return out;
}

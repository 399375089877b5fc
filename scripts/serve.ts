// `npm run dev` and `npm start`: the one entry point that makes a fresh clone work.
//
// Without DATABASE_URL it starts the embedded PostgreSQL (data in .data/postgres, kept
// between runs), applies migrations, seeds the demo data into an empty database, then runs
// Next.js with DATABASE_URL pointing at it; stopping this process stops both cleanly.
// With DATABASE_URL it checks that database (within 10 s), applies migrations and seeds nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../lib/db/embedded-postgres";
import { assertPortFree } from "../lib/db/ports";
import { assertDatabaseReachable, describeDatabaseUrl } from "../lib/db/reachable";
import { applyMigrations } from "../lib/db/migrate";
import { createPrismaClient } from "../lib/db/client";
import { isEmptyDatabase, seedDemoData } from "../prisma/seed";
import { reindexAllPublished } from "../lib/search/document";
import { DEMO_ACCOUNTS, DEMO_COMMITTEES, DEMO_PASSWORD } from "../prisma/demo-data";
import { startSite, type Site } from "../lib/front/start-site";

type Mode = "dev" | "start";

const DATA_DIR = path.join(process.cwd(), ".data");
const started = Date.now();
const log = (line: string) => console.log(`[cms] ${line}`);

async function main() {
  const mode: Mode = process.argv[2] === "start" ? "start" : "dev";
  const port = Number(process.env.PORT ?? 3000);
  await assertPortFree(port, "网站 (Next.js)");

  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`starting embedded PostgreSQL (data in .data/postgres, port ${pgPort}) …`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), port: pgPort });
    await embedded.createDatabase("cms");
    databaseUrl = embedded.urlFor("cms");
  } else {
    log(`using DATABASE_URL at ${describeDatabaseUrl(databaseUrl)}`);
    await assertDatabaseReachable(databaseUrl);
  }

  const stopDatabase = async () => {
    if (embedded) await embedded.stop().catch(() => {});
    embedded = undefined;
  };

  try {
    const { applied } = await applyMigrations(databaseUrl);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
    if (embedded) {
      const db = createPrismaClient(databaseUrl, { max: 2 });
      try {
        if (await isEmptyDatabase(db)) {
          const summary = await seedDemoData(db);
          log(`seeded demo data: ${summary.committees} committees, ${summary.users} accounts, ${summary.reports} reports`);
        }
      } finally {
        await db.$disconnect();
      }
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret(embedded !== undefined),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // Offline intranets: no telemetry calls.
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
  };
  // `npm start` runs the production shape: Next behind the front server and its page cache
  // (lib/front/). `npm run dev` runs Next alone: nothing is cached there, and its hot reload
  // needs a direct connection.
  let site: Site | undefined;
  let next: ChildProcess;
  if (mode === "start") {
    site = await startSite({ port, env });
    next = site.next;
  } else {
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    next = spawn(process.execPath, [nextBin, "dev", "--port", String(port)], { env, stdio: "inherit" });
  }

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (site) {
      await site.stop();
    } else if (next.exitCode === null) {
      next.kill("SIGTERM");
      await new Promise((resolve) => next.once("exit", resolve));
    }
    await stopDatabase();
    log("stopped");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  next.once("exit", (code) => void shutdown(code ?? 0));

  await waitUntilServing(port, next);
  printBanner(port, embedded !== undefined);
  // After the site answers, not before: a million unindexed reports take minutes, and every
  // page but search is whole meanwhile (search finds the indexed ones; a publish indexes its own).
  indexUnindexedReports(databaseUrl).catch((error: unknown) => log(`search indexing stopped: ${String(error)}`));
}

/** Reports published before search existed (or restored from a dump) are indexed once, in the background. */
async function indexUnindexedReports(databaseUrl: string) {
  const db = createPrismaClient(databaseUrl, { max: 2 });
  try {
    const rows = await db.$queryRaw<{ missing: bigint }[]>`
      SELECT count(*) AS missing FROM "Report" r
      WHERE r."liveRevisionId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."reportId" = r.id)`;
    const missing = Number(rows[0]?.missing ?? 0);
    if (missing === 0) return;
    log(`indexing ${missing} published report(s) for search in the background; until it ends, search finds only the others …`);
    let logged = 0;
    const indexed = await reindexAllPublished(db, {
      missingOnly: true,
      onProgress: (done) => {
        if (done - logged >= 50_000) log(`indexed ${(logged = done)} …`);
      },
    });
    log(`indexed ${indexed} published report(s)`);
  } finally {
    await db.$disconnect();
  }
}

/** Waits until the site answers, warming the home page so the first visitor is not kept waiting. */
async function waitUntilServing(port: number, next: ChildProcess) {
  const deadline = Date.now() + 120_000;
  for (const pathname of ["/api/health", "/"]) {
    while (Date.now() < deadline && next.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(60_000) });
        if (res.status < 500) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function printBanner(port: number, demo: boolean) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    "",
    `  机关党建工作综述 CMS 已启动 (ready in ${seconds} s)`,
    `  网站 / site:      http://localhost:${port}`,
    `  工作台 / studio:  http://localhost:${port}/studio`,
  ];
  if (demo) {
    lines.push("", `  演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD})`);
    for (const account of DEMO_ACCOUNTS) {
      const roles = account.isAdmin
        ? "系统管理员 admin"
        : account.memberships.map((m) => `${cityOf(m.committee)} ${m.role === "EDITOR" ? "编辑" : "审核人"}`).join("，");
      lines.push(`    ${account.username.padEnd(22)} ${roles}`);
    }
  }
  lines.push("", "  按 Ctrl+C 停止 / press Ctrl+C to stop", "");
  console.log(lines.join("\n"));
}

function cityOf(slug: string): string {
  return DEMO_COMMITTEES.find((c) => c.slug === slug)?.city ?? slug;
}

/**
 * NEXTAUTH_SECRET signs sessions. For the local embedded setup one is made once and kept in
 * .data/; anywhere else it must be given, or sessions would not survive a restart.
 */
function localSecret(embedded: boolean): string {
  if (!embedded) {
    throw new Error(
      "使用 DATABASE_URL 时必须设置 NEXTAUTH_SECRET（例如 openssl rand -base64 32 的输出）。\n" +
        "NEXTAUTH_SECRET must be set when DATABASE_URL is (e.g. the output of `openssl rand -base64 32`).",
    );
  }
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

main().catch((error) => {
  console.error(`\n[cms] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

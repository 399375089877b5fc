// Listing benchmark: what the public lists and pages cost the database when nothing is cached,
// at the size of the database given (1,000,000 reports for issue 13's figures). In-process calls
// of the reads behind each page (lib/public), no public-read cache (it is on only under a
// change listener), sequential:
//   - the home page (newest reports, the newest of each committee, 栏目 counts);
//   - a committee's newest page vs its deepest pages (keyset: equally fast);
//   - a 栏目's page 1 vs page 5,000;
//   - a month of a committee;
//   - a report page, each time a different report (cold);
//   - the sitemap index (chunk boundaries) and one 10,000-report chunk.
//
//   LISTINGS_BENCH_DATABASE_URL=postgres://… npm run bench -- listings
//   (without it: a throwaway database with LISTINGS_BENCH_REPORTS generated reports, default 100,000)
//
// The reads import "server-only", which only the react-server export condition allows: the
// bench runs itself in a child process with that condition.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { percentile } from "./harness";

const ROUNDS = Number(process.env.LISTINGS_BENCH_ROUNDS ?? 40);

function summary(name: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  (n=${times.length})`);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function run(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const reads = await import("../../lib/public/published-reports");
  const feeds = await import("../../lib/public/feed-items");
  const keyset = await import("../../lib/public/keyset");
  const { getDb } = await import("../../lib/db");
  const db = getDb();
  const [committee] = await db.$queryRawUnsafe<{ slug: string; id: string; n: bigint }[]>(
    `SELECT c.slug, c.id, count(*) AS n FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
  );
  const total = Number(committee!.n);
  const [column] = await db.$queryRawUnsafe<{ column: string; n: bigint }[]>(
    `SELECT "column", count(*) AS n FROM "SearchDocument" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  console.log(`\n[listings] ${await db.report.count()} reports; committee ${committee!.slug} has ${total}, 栏目 ${column!.column} ${column!.n}; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  // Cursors that start the pages to read: old page numbers resolved once, outside the timing.
  const cursorsAt = async (pages: number[], resolve: (page: number) => Promise<import("../../lib/public/keyset").Position | null>) =>
    (await Promise.all(pages.map(resolve))).filter((p): p is import("../../lib/public/keyset").Position => p !== null);
  const deepestPage = Math.floor((total - 1) / reads.PAGE_SIZE);
  const deepCommittee = await cursorsAt(Array.from({ length: ROUNDS }, (_, i) => deepestPage - i), (p) => reads.committeeLegacyPage(committee!.slug, p));
  const columnPages = Array.from({ length: ROUNDS }, (_, i) => 5000 + i);
  const deepColumn = await cursorsAt(columnPages, (p) => reads.columnLegacyPage(column!.column, p));

  // The home page: the newest reports, the newest of every committee, the 栏目 with their counts.
  const home: number[] = [];
  for (let i = 0; i < ROUNDS; i++) home.push(await time(() => Promise.all([reads.listLatestPublishedReports({ take: 10 }), reads.listCommitteeSections(5), reads.listColumns()])));
  summary(`home page (${(await db.committee.count())} committees)`, home);

  const newestCommittee: number[] = [];
  const deepCommitteeTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    newestCommittee.push(await time(() => reads.getCommitteePage(committee!.slug)));
    deepCommitteeTimes.push(await time(() => reads.getCommitteePage(committee!.slug, { position: deepCommittee[i % deepCommittee.length]! })));
  }
  summary(`committee page 1`, newestCommittee);
  summary(`committee page ~${deepestPage} (deepest)`, deepCommitteeTimes);

  const newestColumn: number[] = [];
  const deepColumnTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    newestColumn.push(await time(() => reads.getColumnPage(column!.column)));
    deepColumnTimes.push(await time(() => reads.getColumnPage(column!.column, deepColumn[i % deepColumn.length]!)));
  }
  summary(`栏目 page 1`, newestColumn);
  summary(`栏目 page 5,000`, deepColumnTimes);

  const months: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const yearMonth = `${2016 + (i % 10)}-${String(1 + (i % 12)).padStart(2, "0")}`;
    months.push(await time(() => reads.getCommitteePage(committee!.slug, { yearMonth })));
  }
  summary(`month archive`, months);

  const ids = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Report" TABLESAMPLE SYSTEM (1) LIMIT ${ROUNDS * 5}`)).map((r) => r.id);
  const reportTimes: number[] = [];
  for (const id of ids) reportTimes.push(await time(() => Promise.all([reads.reportRouting(id), reads.getPublishedReport(id)])));
  summary(`report page (cold, each different)`, reportTimes);

  const indexTimes: number[] = [];
  for (let i = 0; i < 5; i++) indexTimes.push(await time(() => feeds.listSitemapIds()));
  summary(`sitemap index (boundaries)`, indexTimes);
  const chunks = (await feeds.listSitemapIds()).length - 1;
  const chunkTimes: number[] = [];
  for (let i = 0; i < 10; i++) chunkTimes.push(await time(() => feeds.listSitemapReports(Math.floor((i * chunks) / 10))));
  summary(`sitemap chunk (10,000, + boundaries)`, chunkTimes);
  console.log(`[listings] ${chunks} sitemap chunks; keyset cursor example ${keyset.encodeCursor({ publishedAt: new Date(0), id: "x" })}; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await db.$disconnect();
}

/** Entry from the bench registry: runs in a child process with the react-server condition. */
export async function benchListings() {
  let url = process.env.LISTINGS_BENCH_DATABASE_URL;
  let cleanup = async () => {};
  if (!url) {
    const { serverMemorySettings, startEmbeddedPostgres } = await import("../../lib/db/embedded-postgres");
    const { findFreePort } = await import("../../lib/db/ports");
    const { applyMigrations } = await import("../../lib/db/migrate");
    const { generateReports } = await import("./generate-reports");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-listings-"));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await findFreePort(), settings: serverMemorySettings() });
    await pg.createDatabase("bench");
    url = pg.urlFor("bench");
    await applyMigrations(url);
    const count = Number(process.env.LISTINGS_BENCH_REPORTS ?? 100_000);
    const { seconds } = await generateReports(url, { count, log: console.log });
    console.log(`[listings] generated ${count} reports in ${seconds.toFixed(0)} s`);
    cleanup = async () => {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    const child = spawnSync(process.execPath, [tsx, "--conditions=react-server", fileURLToPath(import.meta.url), url], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`listings bench exited with ${child.status}`);
  } finally {
    await cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run(process.argv[2]!).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

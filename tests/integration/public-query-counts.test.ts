// Queries per public page stay the same as the data grows: the reads behind each page kind
// (home, committee page 1 and a deep page, a month, a 栏目, a report, the feed, the sitemap,
// search) send as many SQL statements at N reports as at 10N. Counted at the pg driver, so
// every statement Prisma or raw SQL sends to the real database is seen. (The in-process cache
// of public reads is off here, as it is without a change listener: every read queries.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { freshDatabase } from "../support/test-database";
import { generateReports } from "@/scripts/bench/generate-reports";

let db: Db;
let url: string;
let statements = 0;
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  process.env.DATABASE_URL = url;
  // Every statement any pg client of this process sends.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}, 600_000);
afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await db?.$disconnect();
});

type PageReads = Record<string, () => Promise<unknown>>;

/** A month with 厦门 reports at both sizes (chosen at the smaller). */
let month: string;

async function pageReads(): Promise<PageReads> {
  const reads = await import("@/lib/public/published-reports");
  const feeds = await import("@/lib/public/feed-items");
  const keyset = await import("@/lib/public/keyset");
  const { searchReports } = await import("@/lib/search/search");
  const { loadCachedFilterOptions } = await import("@/lib/search/filter-options");
  const { getDb } = await import("@/lib/db");
  // A fixed report and a deep position in the middle of 厦门's list.
  const [middle] = await db.$queryRawUnsafe<{ id: string; publishedAt: Date }[]>(
    `SELECT id, "publishedAt" FROM "Report" WHERE "committeeId" = 'bench-committee-xiamen' ORDER BY "publishedAt" DESC, id DESC
     OFFSET (SELECT count(*) / 2 FROM "Report" WHERE "committeeId" = 'bench-committee-xiamen') LIMIT 1`,
  );
  const deep = keyset.positionFromQuery({ before: keyset.encodeCursor(middle!) })!;
  month ??= new Date(middle!.publishedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  return {
    home: () => Promise.all([reads.listLatestPublishedReports(), reads.listCommitteeSections(), reads.listColumns()]),
    "committee page 1": () => Promise.all([reads.listPublicCommittees(), reads.getCommitteePage("bench-xiamen")]),
    "committee deep page": () => reads.getCommitteePage("bench-xiamen", { position: deep }),
    "archive month": () => reads.getCommitteePage("bench-xiamen", { yearMonth: month }),
    "栏目": () => reads.getColumnPage("理论学习"),
    "栏目 deep page": async () => {
      const first = await reads.getColumnPage("理论学习");
      return reads.getColumnPage("理论学习", keyset.positionFromQuery({ before: first.older! })!);
    },
    report: () => Promise.all([reads.reportRouting(middle!.id), reads.getPublishedReport(middle!.id)]),
    feed: () => feeds.listFeedItems(),
    "sitemap index": () => feeds.listSitemapIds(),
    "sitemap chunk": () => Promise.all([feeds.listSitemapIds(), feeds.listSitemapReports(0)]),
    "sitemap pages": () => Promise.all([feeds.listSitemapCommittees(), feeds.listSitemapColumns()]),
    // A word in a few reports in a hundred: the index counts and ranks it at both sizes, with or
    // without the second density probe (two matches in the newest hundred ask for it), so it is
    // held, like the broad one, to the largest plan's count.
    search: async () => {
      await loadCachedFilterOptions();
      return searchReports(getDb(), { q: "12345", page: 1, filters: {} });
    },
    // A word in nearly every report: at 400 reports the index counts them, at 4,000 the newest
    // reports are read instead (lib/search/search.ts); the plans differ by one statement, so
    // this one is held to the larger plan's count below rather than to equality.
    "broad search": async () => {
      await loadCachedFilterOptions();
      return searchReports(getDb(), { q: "党建", page: 1, filters: {} });
    },
  };
}

async function countAll(reads: PageReads): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, read] of Object.entries(reads)) {
    await read(); // warm: connections open, prepared once
    statements = 0;
    await read();
    counts[name] = statements;
  }
  return counts;
}

describe("queries per public page", () => {
  it("are the same at 10× the reports", async () => {
    await generateReports(url, { count: 400, workers: 1, seed: 1 });
    const small = await countAll(await pageReads());
    await generateReports(url, { count: 3600, workers: 1, seed: 2 });
    const large = await countAll(await pageReads());
    expect(await db.report.count()).toBe(4000);
    // The words searched for are there: a search that finds nothing would prove little.
    const { searchReports } = await import("@/lib/search/search");
    const { getDb } = await import("@/lib/db");
    const rare = await searchReports(getDb(), { q: "12345", page: 1, filters: {} });
    expect(rare.total).toBeGreaterThan(0);
    expect(rare.total).toBeLessThan(400);
    for (const count of Object.values(small)) expect(count).toBeGreaterThan(0);
    const { "broad search": broadLarge, search: rareLarge, ...restLarge } = large;
    const { "broad search": broadSmall, search: rareSmall, ...restSmall } = small;
    expect(restLarge).toEqual(restSmall);
    expect(Math.max(broadLarge!, broadSmall!, rareLarge!, rareSmall!)).toBeLessThanOrEqual(15);
  }, 600_000);

  it("are the same on the home page with 3× the committees", async () => {
    if ((await db.report.count()) === 0) await generateReports(url, { count: 400, workers: 1, seed: 1 });
    const reads = await import("@/lib/public/published-reports");
    const home = { home: () => Promise.all([reads.listLatestPublishedReports(), reads.listCommitteeSections(), reads.listColumns()]) };
    const before = await countAll(home);
    const committees = await db.committee.count();
    // Twice as many again, each with a few of the live reports (moved there) and its own 栏目.
    for (let i = 0; i < 2 * committees; i++) {
      const committee = await db.committee.create({ data: { slug: `more-${i}`, name: `更多${i}市直机关工委`, city: `更多${i}`, sortOrder: 1000 + i } });
      await db.column.create({ data: { committeeId: committee.id, name: "工作动态" } });
      await db.$executeRaw`UPDATE "Report" SET "committeeId" = ${committee.id} WHERE id IN (SELECT id FROM "Report" WHERE "liveRevisionId" IS NOT NULL ORDER BY id OFFSET ${i * 3} LIMIT 3)`;
      await db.$executeRaw`UPDATE "SearchDocument" d SET "committeeId" = r."committeeId" FROM "Report" r WHERE r.id = d."reportId" AND d."committeeId" <> r."committeeId"`;
    }
    const sections = await reads.listCommitteeSections();
    expect(sections.filter((section) => section.committee.slug.startsWith("more-")).map((section) => section.reports.length)).toEqual(
      Array.from({ length: 2 * committees }, () => 3),
    );
    const after = await countAll(home);
    expect(after).toEqual(before);
  }, 600_000);
});

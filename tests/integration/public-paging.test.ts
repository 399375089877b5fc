// Keyset paging of the public lists (lib/public/keyset.ts): walking a committee's list, a
// month of it and a 栏目 page by page, older and back newer, shows every live report exactly
// once in (publishedAt, id) order, ties on publishedAt included; a report published between
// two page loads does not shift the page that follows; old page numbers land where they did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Position } from "@/lib/public/keyset";
import { addColumns, createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";
import { generateReports } from "@/scripts/bench/generate-reports";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let reads: typeof import("@/lib/public/published-reports");
let keyset: typeof import("@/lib/public/keyset");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
  reads = await import("@/lib/public/published-reports");
  keyset = await import("@/lib/public/keyset");
  // Reports of 20 committees over 2015–2026; move the generated 厦门 ones to the fixture's 厦门.
  await generateReports(fresh.url, { count: 1200, workers: 1 });
  await addColumns(db, ["理论学习"]);
  await db.report.updateMany({ where: { committeeId: "bench-committee-xiamen" }, data: { committeeId: xiamenId } });
  await db.searchDocument.updateMany({ where: { committeeId: "bench-committee-xiamen" }, data: { committeeId: xiamenId } });
  // Ties: runs of reports sharing one publication time, some across page boundaries.
  const ids = (await db.report.findMany({ where: { committeeId: xiamenId }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
  for (const start of [15, 37, 38, 90]) {
    const group = ids.slice(start, start + 7);
    const at = new Date(Date.UTC(2021, 5, 1, 1, 0, start));
    await db.report.updateMany({ where: { id: { in: group } }, data: { publishedAt: at } });
    await db.searchDocument.updateMany({ where: { reportId: { in: group } }, data: { publishedAt: at } });
  }
  // One taken down: it must not appear.
  await cmd.unpublishReport({ actor: people.xmReviewer, reportId: ids[50]!, reason: "数据有误" });
}, 600_000);
afterAll(() => db?.$disconnect());

/** Every live report of a filter in (publishedAt, id) order, newest first. */
async function expected(where: string, params: unknown[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT r.id FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId" WHERE r."publishedAt" IS NOT NULL AND ${where}
     ORDER BY r."publishedAt" DESC, r.id DESC`,
    ...params,
  );
  return rows.map((r) => r.id);
}

type Page = { reports: { id: string }[]; older: string | null; newer: string | null; atNewest: boolean };

/** Walks older from the newest page to the end, then newer back to the top. */
async function walk(read: (position: Position) => Promise<Page>) {
  const pages: string[][] = [];
  let page = await read(keyset.NEWEST);
  expect(page.newer).toBeNull();
  pages.push(page.reports.map((r) => r.id));
  while (page.older) {
    page = await read(keyset.positionFromQuery({ before: page.older })!);
    pages.push(page.reports.map((r) => r.id));
    expect(page.newer).not.toBeNull();
  }
  const back: string[][] = [];
  while (page.newer) {
    page = await read(keyset.positionFromQuery({ after: page.newer })!);
    if (page.atNewest) break;
    back.unshift(page.reports.map((r) => r.id));
  }
  return { forward: pages, back };
}

describe("keyset paging of public lists", () => {
  it("walks a committee's list: every live report once, in order, ties broken by id", async () => {
    const all = await expected(`r."committeeId" = $1`, [xiamenId]);
    expect(all.length).toBeGreaterThan(45);
    const { forward, back } = await walk(async (position) => (await reads.getCommitteePage("xiamen", { position }))!);
    expect(forward.flat()).toEqual(all);
    expect(forward.every((p, i) => p.length === reads.PAGE_SIZE || i === forward.length - 1)).toBe(true);
    // Walking back newer lands on the same pages (the newest one is a redirect to page 1).
    expect(back).toEqual(forward.slice(1, -1));
    expect((await reads.getCommitteePage("xiamen"))!.total).toBe(all.length);
    // A report page's previous (older) and next (newer) follow the same order, ties included.
    for (const k of [1, 16, 18, 21, 40]) {
      const report = (await reads.getPublishedReport(all[k]!))!;
      expect([report.previous?.id, report.next?.id]).toEqual([all[k + 1], all[k - 1]]);
    }
  });

  it("walks one month of a committee", async () => {
    const month = await db.$queryRawUnsafe<{ ym: string }[]>(
      `SELECT to_char("publishedAt" + interval '8 hours', 'YYYY-MM') AS ym FROM "Report" WHERE "committeeId" = $1 AND "liveRevisionId" IS NOT NULL
       GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      xiamenId,
    );
    const yearMonth = month[0]!.ym;
    const range = reads.monthRange(yearMonth)!;
    const all = await expected(`r."committeeId" = $1 AND r."publishedAt" >= $2 AND r."publishedAt" < $3`, [xiamenId, range.from, range.to]);
    const { forward } = await walk(async (position) => (await reads.getCommitteePage("xiamen", { position, yearMonth }))!);
    expect(forward.flat()).toEqual(all);
    expect((await reads.getCommitteePage("xiamen", { yearMonth }))!.total).toBe(all.length);
  });

  it("walks a 栏目 across committees", async () => {
    const all = await expected(`v."column" = $1`, ["理论学习"]);
    expect(all.length).toBeGreaterThan(2 * reads.PAGE_SIZE);
    const { forward, back } = await walk((position) => reads.getColumnPage("理论学习", position));
    expect(forward.flat()).toEqual(all);
    expect(back).toEqual(forward.slice(1, -1));
    expect((await reads.getColumnPage("理论学习")).total).toBe(all.length);
  });

  it("maps an old page number to where that page begins", async () => {
    const all = await expected(`r."committeeId" = $1`, [xiamenId]);
    const position = await reads.committeeLegacyPage("xiamen", 3);
    const page = (await reads.getCommitteePage("xiamen", { position: position! }))!;
    expect(page.reports.map((r) => r.id)).toEqual(all.slice(2 * reads.PAGE_SIZE, 3 * reads.PAGE_SIZE));
    expect(await reads.committeeLegacyPage("xiamen", 1000)).toBeNull();
    const column = await expected(`v."column" = $1`, ["理论学习"]);
    const columnPage = await reads.getColumnPage("理论学习", (await reads.columnLegacyPage("理论学习", 2))!);
    expect(columnPage.reports.map((r) => r.id)).toEqual(column.slice(reads.PAGE_SIZE, 2 * reads.PAGE_SIZE));
  });

  it("keeps the next page in place when a report is published between two page loads", async () => {
    const first = (await reads.getCommitteePage("xiamen"))!;
    const before = await expected(`r."committeeId" = $1`, [xiamenId]);
    const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: "两次翻页之间发布" } });
    await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title: "两次翻页之间发布", column: "理论学习" }, content: docOf("正文。") } });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const second = (await reads.getCommitteePage("xiamen", { position: keyset.positionFromQuery({ before: first.older! })! }))!;
    expect(second.reports.map((r) => r.id)).toEqual(before.slice(reads.PAGE_SIZE, 2 * reads.PAGE_SIZE));
    // The new report heads the newest page, and the way back from page 2 shows it.
    const newest = (await reads.getCommitteePage("xiamen"))!;
    expect(newest.reports[0]!.id).toBe(id);
    const back = (await reads.getCommitteePage("xiamen", { position: keyset.positionFromQuery({ after: second.newer! })! }))!;
    expect(back.reports.map((r) => r.id)).toEqual(before.slice(0, reads.PAGE_SIZE));
    expect(back.newer).not.toBeNull();
  });
});

describe("sitemap chunks", () => {
  it("split the live reports into keyset ranges: each once, oldest first, none left out", async () => {
    const feedItems = await import("@/lib/public/feed-items");
    const all = (
      await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id FROM "Report" WHERE "liveRevisionId" IS NOT NULL AND "publishedAt" IS NOT NULL ORDER BY "publishedAt", id`,
      )
    ).map((r) => r.id);
    const size = 100;
    const ids = await feedItems.listSitemapIds(size);
    expect(ids).toEqual(Array.from({ length: 1 + Math.ceil(all.length / size) }, (_, i) => i));
    const listed: string[] = [];
    for (const id of ids.slice(1)) {
      const chunk = await feedItems.listSitemapReports(id - 1, size);
      expect(chunk.length).toBeLessThanOrEqual(size);
      listed.push(...chunk.map((r) => r.id));
    }
    expect(listed).toEqual(all);
    expect(await feedItems.listSitemapReports(ids.length, size)).toEqual([]);
  });

  it("finds the chunk boundaries from the index alone and a chunk by one index range", async () => {
    const plans = await db.$transaction(async (tx) => {
      // A small table: rule out the plans that only win there, to see what the index allows.
      for (const setting of ["enable_seqscan", "enable_bitmapscan", "enable_sort"]) await tx.$executeRawUnsafe(`SET LOCAL ${setting} = off`);
      const explain = async (sql: string) =>
        (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`)).map((r) => r["QUERY PLAN"]).join("\n");
      return {
        boundaries: await explain(
          `SELECT "publishedAt", id FROM (SELECT "publishedAt", id, row_number() OVER (ORDER BY "publishedAt", id) AS n
             FROM "Report" WHERE "liveRevisionId" IS NOT NULL AND "publishedAt" IS NOT NULL) k WHERE n % 100 = 1`,
        ),
        chunk: await explain(
          `SELECT r.id FROM "Report" r WHERE r."liveRevisionId" IS NOT NULL AND r."publishedAt" IS NOT NULL
             AND (r."publishedAt", r.id) >= ('2020-01-01'::timestamp(3), 'x'::text) ORDER BY r."publishedAt", r.id LIMIT 100`,
        ),
      };
    });
    expect(plans.boundaries).toMatch(/Index Only Scan using "Report_publishedAt_id_liveRevisionId_idx"/);
    expect(plans.chunk).toMatch(/Index (Only )?Scan using "Report_publishedAt_id_liveRevisionId_idx"[\s\S]*Index Cond: .*ROW\("publishedAt", id\) >= ROW/);
  });
});

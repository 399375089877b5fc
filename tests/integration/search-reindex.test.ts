// The whole-index rebuild (what the server runs in the background at start, for published reports with no
// search row, e.g. after a restore): batched, it must write exactly the rows the publish path
// writes one report at a time, drop rows of reports no longer live, and leave nothing out at
// batch edges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { generateReports } from "@/scripts/bench/generate-reports";
import { indexPublishedReport, reindexAllPublished } from "@/lib/search/document";
import { freshDatabase } from "../support/test-database";

let db: Db;
/** A smaller batch than the server's, and live reports for more than two, not a multiple of one. */
const BATCH = 40;
const COUNT = 2 * BATCH + 17;

interface Row {
  reportId: string;
  committeeId: string;
  column: string;
  year: number;
  publishedAt: Date;
  headText: string;
  text: string;
  headGrams: string;
  grams: string;
}

async function snapshot(): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT "reportId", "committeeId", "column", year, "publishedAt", "headText", "text",
           "headGrams"::text AS "headGrams", grams::text AS grams
      FROM "SearchDocument" ORDER BY "reportId"`;
}

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  await generateReports(fresh.url, { count: COUNT, workers: 1, search: false, log: () => {} });
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("reindexAllPublished", () => {
  it("writes, in batches, the same rows as indexing each report on publish", async () => {
    const live = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Report" WHERE "liveRevisionId" IS NOT NULL AND "publishedAt" IS NOT NULL ORDER BY id`;
    expect(live.length).toBeGreaterThan(2 * BATCH);
    // A row of a report taken down since, and a stale row of a live one.
    const [gone, stale] = [live[0]!.id, live[BATCH]!.id];
    for (const { id } of live) await db.$transaction((tx) => indexPublishedReport(tx, id));
    const one = await snapshot();
    expect(one).toHaveLength(live.length);

    await db.$executeRaw`UPDATE "Report" SET "liveRevisionId" = NULL WHERE id = ${gone}`;
    await db.$executeRaw`UPDATE "SearchDocument" SET "text" = 'stale', grams = ''::tsvector WHERE "reportId" = ${stale}`;
    await db.$executeRaw`DELETE FROM "SearchDocument" WHERE "reportId" IN (SELECT id FROM "Report" ORDER BY id DESC LIMIT 3)`;

    const seen: number[] = [];
    const indexed = await reindexAllPublished(db, { batch: BATCH, onProgress: (done) => seen.push(done) });
    expect(indexed).toBe(live.length - 1);
    expect(seen.length).toBe(Math.ceil((live.length - 1) / BATCH));
    expect(seen.at(-1)).toBe(live.length - 1);

    const batched = await snapshot();
    const expected = one.filter((row) => row.reportId !== gone);
    expect(batched.map((r) => r.reportId)).toEqual(expected.map((r) => r.reportId));
    // Same rows, field by field (the lexemes of a tsvector print sorted, so text compares).
    expect(batched).toEqual(expected);
  }, 300_000);

  it("with missingOnly, writes the live reports without a row and leaves the others as they are", async () => {
    const before = await snapshot();
    const [stale, ...missing] = before.slice(BATCH - 2, BATCH + 3).map((r) => r.reportId);
    await db.$executeRaw`UPDATE "SearchDocument" SET "text" = 'stale' WHERE "reportId" = ${stale}`;
    await db.$executeRaw`DELETE FROM "SearchDocument" WHERE "reportId" = ANY(${missing})`;

    const indexed = await reindexAllPublished(db, { batch: 2, missingOnly: true });
    expect(indexed).toBe(missing.length);
    const after = await snapshot();
    expect(after).toEqual(before.map((row) => (row.reportId === stale ? { ...row, text: "stale" } : row)));
  }, 300_000);
});

// Broad queries (more matches than are ranked one by one) over 1,500 generated reports: title
// hits first, then the rest, each newest first, as the definition orders them (at this size
// and share of matches the search mostly finds them by walking the newest reports; the last
// pages need more than that walk reads and take the other plan), and pages that do not overlap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { generateReports } from "@/scripts/bench/generate-reports";
import { parseQuery } from "@/lib/search/query";
import { facetLexemes } from "@/lib/search/document";
import { RANK_ALL_LIMIT, searchReports, type SearchFilters } from "@/lib/search/search";
import { freshDatabase } from "../support/test-database";

let db: Db;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  await generateReports(fresh.url, { count: 1_500, log: () => {} });
  await db.$executeRawUnsafe(`ANALYZE "SearchDocument"`);
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
});

/** The expected order, by the definition rather than by either plan. */
async function expectedIds(q: string, filters: SearchFilters, page: number): Promise<string[]> {
  const tsquery = parseQuery(q).tsquery!;
  const match = [tsquery, ...facetLexemes({ year: filters.year ?? undefined }).map((l) => `'${l}'`)].join(" & ");
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d."reportId" AS id FROM "SearchDocument" d
     WHERE d.tsv @@ ${match}::tsquery
     ORDER BY (d."headTsv" @@ ${match}::tsquery) DESC, d."publishedAt" DESC, d."reportId" DESC
     LIMIT 10 OFFSET ${(page - 1) * 10}`;
  return rows.map((r) => r.id);
}

describe("broad queries", () => {
  it.each([
    ["党建", {}],
    ["机关", {}],
    ['"机关党建"', {}],
  ] as [string, SearchFilters][])("orders %s %o title hits first, then newest first, page after page", async (q, filters) => {
    const first = await searchReports(db, { q, filters });
    // More matches than are counted (and ranked one by one): the broad path.
    expect(first.totalIsLowerBound).toBe(true);
    expect(first.total).toBe(RANK_ALL_LIMIT);
    const seen = new Set<string>();
    for (const page of [1, 2, 5, 50, 100]) {
      const result = page === 1 ? first : await searchReports(db, { q, filters, page });
      const ids = result.hits.map((h) => h.id);
      expect(ids).toEqual(await expectedIds(q, filters, page));
      for (const id of ids) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
  });
});

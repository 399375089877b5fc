// Broad queries (more matches than COUNT_LIMIT) over 1,500 generated reports: title hits
// first, then the rest, each newest first, as the definition orders them (the search finds
// them by walking the newest reports, or by the GIN index when a walk would read too many),
// and pages that do not overlap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { generateReports } from "@/scripts/bench/generate-reports";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseQuery } from "@/lib/search/query";
import { COUNT_LIMIT, searchReports, type SearchFilters } from "@/lib/search/search";
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

/** The expected order, by the definition (every term a substring) rather than by either plan. */
async function expectedIds(q: string, filters: SearchFilters, page: number): Promise<string[]> {
  const terms = parseQuery(q).terms;
  const all = (column: string) => Prisma.join(terms.map((t) => Prisma.sql`strpos(${Prisma.raw(column)}, ${t}) > 0`), " AND ");
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d."reportId" AS id FROM "SearchDocument" d
     WHERE ${all(`d."text"`)} ${filters.year ? Prisma.sql`AND d.year = ${filters.year}` : Prisma.empty}
     ORDER BY (${all(`d."headText"`)}) DESC, d."publishedAt" DESC, d."reportId" DESC
     LIMIT 10 OFFSET ${(page - 1) * 10}`;
  return rows.map((r) => r.id);
}

describe("broad queries", () => {
  it.each([
    ["党建", {}],
    ["机关", {}],
    ["党", {}],
    ['"机关党建"', {}],
  ] as [string, SearchFilters][])("orders %s %o title hits first, then newest first, page after page", async (q, filters) => {
    const first = await searchReports(db, { q, filters });
    // More matches than are counted (and ranked one by one): the broad path.
    expect(first.totalIsLowerBound).toBe(true);
    expect(first.total).toBe(COUNT_LIMIT);
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

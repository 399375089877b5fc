// Broad queries (more matches than COUNT_LIMIT) over 1,500 generated reports: title hits
// first, then the rest, each newest first, as the definition orders them (the search finds
// them by walking the newest reports, or by the GIN index when a walk would read too many),
// and pages that do not overlap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { generateReports } from "@/scripts/bench/generate-reports";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseQuery } from "@/lib/search/query";
import { COUNT_LIMIT, filteredReports, searchReports, type SearchFilters } from "@/lib/search/search";
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

describe("the size of a filter", () => {
  it("is the planner's estimate, near the real count, for one filter or two, and about nothing for none", async () => {
    const [row] = await db.$queryRaw<{ committeeId: string; year: number }[]>`
      SELECT "committeeId", year FROM "SearchDocument" GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`;
    const cases: SearchFilters[] = [{ committeeId: row!.committeeId }, { year: row!.year }, { committeeId: row!.committeeId, year: row!.year }];
    for (const filters of cases) {
      const [real] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "SearchDocument"
         WHERE (${filters.committeeId ?? null}::text IS NULL OR "committeeId" = ${filters.committeeId ?? null})
           AND (${filters.year ?? null}::int IS NULL OR year = ${filters.year ?? null})`;
      const estimate = await filteredReports(db, filters);
      expect(real!.n).toBeGreaterThan(0);
      expect(estimate).toBeGreaterThan(real!.n / 3);
      expect(estimate).toBeLessThan(real!.n * 3);
    }
    expect(await filteredReports(db, { committeeId: "no-such-committee" })).toBeLessThan(5);
    expect(await filteredReports(db, {})).toBeCloseTo(1_500, -2);
  });
});

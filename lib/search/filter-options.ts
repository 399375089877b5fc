// The choices of the search filters, read from the index itself (only what can be found).
import type { Db } from "@/lib/db/client";
import { getPublicDb } from "@/lib/db/public-db";
import { cachedPublicRead } from "@/lib/public/cache";

export interface FilterOptions {
  committees: { id: string; name: string; slug: string }[];
  years: number[];
  columns: string[];
}

export async function loadFilterOptions(db: Db): Promise<FilterOptions> {
  const [committees, years, columns] = await Promise.all([
    db.committee.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, slug: true } }),
    // Distinct values by walking the (year …) and (column …) indexes: one probe per value.
    db.$queryRaw<{ v: number }[]>`
      WITH RECURSIVE y AS (
        SELECT max(year) AS v FROM "SearchDocument"
        UNION ALL
        SELECT (SELECT max(year) FROM "SearchDocument" WHERE year < y.v) FROM y WHERE y.v IS NOT NULL
      ) SELECT v FROM y WHERE v IS NOT NULL`,
    db.$queryRaw<{ v: string }[]>`
      WITH RECURSIVE c AS (
        SELECT min("column") AS v FROM "SearchDocument" WHERE "column" <> ''
        UNION ALL
        SELECT (SELECT min("column") FROM "SearchDocument" WHERE "column" > c.v) FROM c WHERE c.v IS NOT NULL
      ) SELECT v FROM c WHERE v IS NOT NULL LIMIT 200`,
  ]);
  return { committees, years: years.map((r) => r.v), columns: columns.map((r) => r.v) };
}

/** The search page's copy: they change only when a report is published or taken down. */
export const loadCachedFilterOptions = cachedPublicRead("search-filter-options", () => loadFilterOptions(getPublicDb()));

// Search over the live editions (the "SearchDocument" index), with filters, ranking,
// pagination and highlighted snippets.
//
// Ranking: title hits (title, kicker, subtitle) first. When a query matches at most
// RANK_ALL_LIMIT reports, they are ordered by ts_rank_cd over the weighted vector (title A,
// kicker/subtitle/summary B, body C), then by recency. A broader query (党建 matches nine
// reports in ten) is ordered by recency inside each of the two tiers: ranking tens of
// thousands of vectors cannot be done in tens of milliseconds, and for such words the newest
// reports are what a reader wants. The count is exact up to COUNT_LIMIT, which is also as
// deep as the pages go.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { LIVE_REPORT } from "@/lib/public/live";
import { facetLexemes } from "./document";
import { parseQuery } from "./query";
import { highlightAll, makeSnippet, type TextPart } from "./snippet";

export const PAGE_SIZE = 10;
/** Pages beyond this are not served (deep pages of a broad query cost the most). */
export const MAX_PAGE = 100;
/** Counting stops here: MAX_PAGE pages of PAGE_SIZE cannot show more, and each counted match costs a row visit. */
export const COUNT_LIMIT = MAX_PAGE * PAGE_SIZE;
export const RANK_ALL_LIMIT = COUNT_LIMIT;
/**
 * A broad query first looks for its newest matches among the newest reports: this many per
 * match wanted, at most WALK_MAX_ROWS (a row read this way costs ~20 µs, a wasted walk ≤ 20 ms).
 */
const WALK_ROWS_PER_MATCH = 20;
const WALK_MAX_ROWS = 1_000;

export interface SearchFilters {
  committeeId?: string | null;
  year?: number | null;
  column?: string | null;
}

export interface SearchHit {
  id: string;
  title: TextPart[];
  kicker: string;
  snippet: TextPart[];
  committee: { slug: string; name: string; city: string };
  column: string;
  publishedAt: Date;
  issueDate: Date | null;
}

export interface SearchResult {
  /** The query as kept in the search box */
  query: string;
  /** False when nothing searchable was typed (empty, only punctuation or emoji …) */
  searched: boolean;
  total: number;
  /** True when there are more than COUNT_LIMIT results (total is then COUNT_LIMIT) */
  totalIsLowerBound: boolean;
  page: number;
  pageCount: number;
  hits: SearchHit[];
}

/** A page number from the URL: 1 unless a whole number between 1 and MAX_PAGE. */
export function parsePage(raw: unknown): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !/^\d{1,4}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

/**
 * The filters as lexemes of the query (answered by the GIN index, see facetLexeme) plus an
 * exact check of the 栏目 on the row; the `|| ''` keeps the planner off the btree indexes,
 * whose plans would read every candidate's vector.
 */
function filterParts(filters: SearchFilters): { lexemes: string; sql: Prisma.Sql } {
  const lexemes = facetLexemes({
    committeeId: filters.committeeId ?? undefined,
    year: filters.year ?? undefined,
    column: filters.column ?? undefined,
  });
  const sql = Prisma.sql`${filters.committeeId ? Prisma.sql`AND (d."committeeId" || '') = ${filters.committeeId}` : Prisma.empty}
    ${filters.year ? Prisma.sql`AND (d.year + 0) = ${filters.year}` : Prisma.empty}
    ${filters.column ? Prisma.sql`AND (d."column" || '') = ${filters.column}` : Prisma.empty}`;
  return { lexemes: lexemes.map((l) => ` & '${l}'`).join(""), sql };
}

/** Ids of one page of matches, in rank order, and the (capped) number of matches. */
export async function matchPage(
  db: Db,
  tsquery: string,
  filters: SearchFilters,
  page: number,
): Promise<{ ids: string[]; total: number }> {
  const { lexemes, sql: where } = filterParts(filters);
  // `match` finds (words and filters), `tsquery` alone ranks.
  const match = tsquery + lexemes;
  const offset = (page - 1) * PAGE_SIZE;
  return db.$transaction(async (tx) => {
    // A sequential scan would read every vector (stored out of line, compressed): always use
    // the GIN index, whose answers need no re-check of the vector for our queries.
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    const counted = await tx.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM (
        SELECT 1 FROM "SearchDocument" d WHERE d.tsv @@ ${match}::tsquery ${where} LIMIT ${COUNT_LIMIT + 1}
      ) m`;
    const total = counted[0]?.total ?? 0;
    if (total === 0 || offset >= total) return { ids: [], total };
    if (total <= RANK_ALL_LIMIT) {
      const ranked = await tx.$queryRaw<{ id: string }[]>`
        SELECT d."reportId" AS id FROM "SearchDocument" d
         WHERE d.tsv @@ ${match}::tsquery ${where}
         ORDER BY (d."headTsv" @@ ${tsquery}::tsquery) DESC, ts_rank_cd(d.tsv, ${tsquery}::tsquery) DESC,
                  d."publishedAt" DESC, d."reportId" DESC
         LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
      return { ids: ranked.map((r) => r.id), total };
    }
    // Broad query: title hits by recency, then the other hits by recency; each tier needs at
    // most offset + PAGE_SIZE rows.
    const wanted = offset + PAGE_SIZE;
    const titleHits = await tx.$queryRaw<{ id: string }[]>`
      SELECT d."reportId" AS id FROM "SearchDocument" d
       WHERE d."headTsv" @@ ${match}::tsquery ${where}
       ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${wanted}`;
    let otherHits: { id: string }[] = [];
    const need = wanted - titleHits.length;
    if (need > 0) {
      // More than COUNT_LIMIT matches: the newest ones are usually among the newest few
      // hundred reports. Walk those newest first (reading a row's vector costs ~20 µs); if they
      // hold `need` matches, these are exactly the newest ones. PostgreSQL cannot plan this
      // itself: it guesses ANDed lexemes as independent (108 rows for a phrase that matches
      // 18,658) and would sort every match by date. Not with a year filter: the walk would
      // first pass every report of the later years.
      if (!filters.year) {
        otherHits = await tx.$queryRaw<{ id: string }[]>`
          SELECT w.id FROM (
            SELECT d."reportId" AS id, d."publishedAt", d.tsv, d."headTsv" FROM "SearchDocument" d
             WHERE true ${where}
             ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${Math.min(need * WALK_ROWS_PER_MATCH, WALK_MAX_ROWS)}
          ) w
          WHERE w.tsv @@ ${match}::tsquery AND NOT (w."headTsv" @@ ${tsquery}::tsquery)
          ORDER BY w."publishedAt" DESC, w.id DESC LIMIT ${need}`;
      }
      if (otherHits.length < need) {
        // Sparser than that, or a year filter: every match, sorted by date.
        otherHits = await tx.$queryRaw<{ id: string }[]>`
          SELECT d."reportId" AS id FROM "SearchDocument" d
           WHERE d.tsv @@ ${match}::tsquery AND NOT (d."headTsv" @@ ${tsquery}::tsquery) ${where}
           ORDER BY d."publishedAt" DESC, d."reportId" DESC LIMIT ${need}`;
      }
    }
    return { ids: [...titleHits, ...otherHits].slice(offset, wanted).map((r) => r.id), total };
  });
}

export async function searchReports(
  db: Db,
  input: { q: unknown; page?: number; filters?: SearchFilters },
): Promise<SearchResult> {
  const parsed = parseQuery(input.q);
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), MAX_PAGE);
  const empty: SearchResult = {
    query: parsed.text,
    searched: parsed.tsquery !== null,
    total: 0,
    totalIsLowerBound: false,
    page,
    pageCount: 0,
    hits: [],
  };
  if (!parsed.tsquery) return empty;

  const { ids, total } = await matchPage(db, parsed.tsquery, input.filters ?? {}, page);
  const pageCount = Math.min(MAX_PAGE, Math.ceil(total / PAGE_SIZE));
  if (ids.length === 0) return { ...empty, total, totalIsLowerBound: total > COUNT_LIMIT, pageCount };

  const rows = await db.report.findMany({
    where: { id: { in: ids }, ...LIVE_REPORT },
    select: {
      id: true,
      publishedAt: true,
      committee: { select: { slug: true, name: true, city: true } },
      liveRevision: {
        select: { title: true, kicker: true, subtitle: true, summary: true, plainText: true, issueDate: true, column: true },
      },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const hits: SearchHit[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row?.liveRevision || !row.publishedAt) continue;
    const edition = row.liveRevision;
    const body = [edition.subtitle, edition.summary, edition.plainText].filter(Boolean).join("\n");
    hits.push({
      id,
      title: highlightAll(edition.title, parsed.highlights),
      kicker: edition.kicker,
      snippet: makeSnippet(body, parsed.highlights),
      committee: row.committee,
      column: edition.column,
      publishedAt: row.publishedAt,
      issueDate: edition.issueDate,
    });
  }
  return {
    query: parsed.text,
    searched: true,
    total: Math.min(total, COUNT_LIMIT),
    totalIsLowerBound: total > COUNT_LIMIT,
    page,
    pageCount,
    hits,
  };
}

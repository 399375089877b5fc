import "server-only";
import { getPublicDb } from "@/lib/db/public-db";
import type { FeedItem } from "./feeds";
import { LIVE_REPORT, liveReportSql } from "./live";
import { cachedPublicRead } from "./cache";

// Reads for feeds and the sitemap: live editions only (Report.liveRevision), like every
// public read (see published-reports.ts).

/** How many items a feed carries. */
export const FEED_SIZE = 30;

/** The latest published reports, newest first by first publication; of one committee if given. */
export async function listFeedItems(options: { committeeId?: string; take?: number } = {}): Promise<FeedItem[]> {
  const rows = await getPublicDb().report.findMany({
    where: { ...LIVE_REPORT, ...(options.committeeId ? { committeeId: options.committeeId } : {}) },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.take ?? FEED_SIZE,
    select: {
      id: true,
      publishedAt: true,
      committee: { select: { slug: true, name: true, city: true } },
      liveRevision: {
        select: { title: true, summary: true, plainText: true, html: true, byline: true, column: true, publishedAt: true },
      },
    },
  });
  return rows.flatMap(({ liveRevision: live, publishedAt, id, committee }) =>
    live && publishedAt
      ? [
          {
            id,
            title: live.title,
            summary: live.summary,
            plainText: live.plainText,
            html: live.html,
            byline: live.byline,
            column: live.column,
            publishedAt,
            updatedAt: live.publishedAt ?? publishedAt,
            committee,
          },
        ]
      : [],
  );
}

/** A committee by its URL slug, or null. */
export async function findCommitteeBySlug(slug: string) {
  return getPublicDb().committee.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, city: true } });
}

// --- Sitemap ------------------------------------------------------------------------------

/** Report URLs per sitemap file (the protocol allows 50,000; smaller files regenerate faster). */
export const SITEMAP_CHUNK_SIZE = 10_000;

/** The chunk size in use: SITEMAP_CHUNK_SIZE, or the environment's (tests make several small chunks). */
export function sitemapChunkSize(): number {
  const fromEnv = Number(process.env.SITEMAP_CHUNK_SIZE);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : SITEMAP_CHUNK_SIZE;
}

/** Number of published reports. */
export async function countPublishedReports(): Promise<number> {
  return getPublicDb().report.count({ where: LIVE_REPORT });
}

/**
 * Where each chunk of live reports begins, oldest first by (publishedAt, id): every size-th
 * key, read in one index-only pass over Report (publishedAt, id, liveRevisionId), never the
 * rows themselves. Kept until the next public change.
 */
const readChunkStarts = cachedPublicRead("sitemap-chunks", async (size: number): Promise<{ publishedAt: string; id: string }[]> => {
  const rows = await getPublicDb().$queryRawUnsafe<{ publishedAt: Date; id: string }[]>(
    `SELECT "publishedAt", id FROM (
       SELECT "publishedAt", id, row_number() OVER (ORDER BY "publishedAt", id) AS n
         FROM "Report" WHERE ${liveReportSql()}) keys
      WHERE n % $1 = 1 ORDER BY "publishedAt", id`,
    size,
  );
  return rows.map((row) => ({ publishedAt: row.publishedAt.toISOString(), id: row.id }));
});

/**
 * One chunk of published reports, oldest first so that a chunk's contents stay put as new
 * reports are published (they land in the last chunk): one range query from the chunk's first
 * key. lastModified is when the live edition went online.
 */
export async function listSitemapReports(chunk: number, size = sitemapChunkSize()): Promise<{ id: string; lastModified: Date }[]> {
  const start = (await readChunkStarts(size))[chunk];
  if (!start) return [];
  const rows = await getPublicDb().$queryRawUnsafe<{ id: string; lastModified: Date }[]>(
    `SELECT r.id, coalesce(v."publishedAt", r."publishedAt") AS "lastModified"
       FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
      WHERE ${liveReportSql("r")} AND (r."publishedAt", r.id) >= ($1::timestamp(3), $2::text)
      ORDER BY r."publishedAt", r.id LIMIT ${Math.trunc(size)}`,
    start.publishedAt,
    start.id,
  );
  return rows;
}

/** Every committee, with when it last published (null when it has not). */
export async function listSitemapCommittees(): Promise<{ slug: string; lastModified: Date | null }[]> {
  const db = getPublicDb();
  const [committees, latest] = await Promise.all([
    db.committee.findMany({ orderBy: [{ sortOrder: "asc" }, { slug: "asc" }], select: { id: true, slug: true } }),
    db.report.groupBy({ by: ["committeeId"], where: LIVE_REPORT, _max: { publishedAt: true } }),
  ]);
  const byCommittee = new Map(latest.map((row) => [row.committeeId, row._max.publishedAt]));
  return committees.map((c) => ({ slug: c.slug, lastModified: byCommittee.get(c.id) ?? null }));
}

/** Every 栏目 that has a live report, with its latest live edition's time. */
export async function listSitemapColumns(): Promise<{ column: string; lastModified: Date | null }[]> {
  const rows = await getPublicDb().revision.groupBy({
    by: ["column"],
    where: { liveOf: LIVE_REPORT, column: { not: "" } },
    _max: { publishedAt: true },
    orderBy: { column: "asc" },
  });
  return rows.map((row) => ({ column: row.column, lastModified: row._max.publishedAt }));
}

/**
 * The sitemap's files: 0 holds the home, committee and 栏目 pages, 1… the reports in chunks
 * of SITEMAP_CHUNK_SIZE. There is always at least one report file, empty or not.
 */
export async function listSitemapIds(size = sitemapChunkSize()): Promise<number[]> {
  const files = 1 + Math.max(1, (await readChunkStarts(size)).length);
  return Array.from({ length: files }, (_, id) => id);
}

import "server-only";
import { getPublicDb } from "@/lib/db/public-db";
import type { FeedItem } from "./feeds";
import { LIVE_REPORT } from "./live";

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

/** Number of published reports, to split the sitemap. */
export async function countPublishedReports(): Promise<number> {
  return getPublicDb().report.count({ where: LIVE_REPORT });
}

/**
 * One chunk of published reports, oldest first so that a chunk's contents stay put as new
 * reports are published (they land in the last chunk). lastModified is when the live
 * edition went online.
 */
export async function listSitemapReports(chunk: number, size = SITEMAP_CHUNK_SIZE): Promise<{ id: string; lastModified: Date }[]> {
  const rows = await getPublicDb().report.findMany({
    where: LIVE_REPORT,
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    skip: chunk * size,
    take: size,
    select: { id: true, publishedAt: true, liveRevision: { select: { publishedAt: true } } },
  });
  return rows.map((row) => ({ id: row.id, lastModified: row.liveRevision?.publishedAt ?? row.publishedAt! }));
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
export async function listSitemapIds(): Promise<number[]> {
  const files = 1 + Math.max(1, Math.ceil((await countPublishedReports()) / SITEMAP_CHUNK_SIZE));
  return Array.from({ length: files }, (_, id) => id);
}

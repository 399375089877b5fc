import "server-only";
import { bodyLead } from "./describe";
// Public reads: from the read replica when one is configured (lib/db/public-db.ts).
import { getPublicDb as getDb } from "@/lib/db/public-db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cachedPublicRead } from "./cache";
import { isTakenDown, LIVE_REPORT, liveReportSql } from "./live";
import { loadCovers, type ReportCover } from "@/lib/media/covers";
import {
  encodeCursor,
  listingPage,
  listingQuery,
  NEWEST,
  pageStartQuery,
  positionFromQuery,
  positionQuery,
  type ListingRow,
  type ListingSource,
  type Position,
} from "./keyset";

// The public site reads published editions only: a report's live Revision, never its
// working copy (which may be a new edition in review). Results go through Next's data cache,
// which stores JSON, so dates travel as ISO strings and are revived at the edges.

export interface PublishedReportSummary {
  id: string;
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  column: string;
  plainTextStart: string;
  publishedAt: Date;
  issueDate: Date | null;
  committee: { slug: string; name: string; city: string };
  /** Cover image of the live edition, if it has one. */
  cover: ReportCover | null;
}

type Serialized<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

const summarySelect = {
  id: true,
  publishedAt: true,
  committee: { select: { slug: true, name: true, city: true } },
  liveRevision: {
    select: { title: true, kicker: true, subtitle: true, summary: true, column: true, plainText: true, html: true, issueDate: true, coverImageId: true },
  },
} as const;

type SummaryRow = {
  id: string;
  publishedAt: Date | null;
  committee: { slug: string; name: string; city: string };
  liveRevision: { title: string; kicker: string; subtitle: string; summary: string; column: string; plainText: string; html: string; issueDate: Date | null; coverImageId: string | null } | null;
};

function toSummary(row: SummaryRow): Array<Serialized<PublishedReportSummary> & { coverImageId: string | null }> {
  const live = row.liveRevision;
  if (!live || !row.publishedAt) return [];
  return [
    {
      id: row.id,
      title: live.title,
      kicker: live.kicker,
      subtitle: live.subtitle,
      summary: live.summary,
      column: live.column,
      // The first paragraph onwards: captions, figures and headings are not the report's opening words.
      plainTextStart: (bodyLead(live.html) || live.plainText.split("\n").filter((line) => line.trim() && !line.startsWith("▲")).join("\n"))
        .split("\n")
        .join(" ")
        .slice(0, 160),
      publishedAt: row.publishedAt.toISOString(),
      issueDate: live.issueDate?.toISOString() ?? null,
      committee: row.committee,
      cover: null,
      coverImageId: live.coverImageId,
    },
  ];
}

/** Fills in the covers of a list of summaries (one query for the whole list). */
async function withCovers(summaries: Array<Serialized<PublishedReportSummary> & { coverImageId?: string | null }>): Promise<Serialized<PublishedReportSummary>[]> {
  const covers = await loadCovers(getDb(), summaries.map((s) => s.coverImageId));
  return summaries.map(({ coverImageId, ...summary }) => ({ ...summary, cover: (coverImageId && covers.get(coverImageId)) || null }));
}

function revive(s: Serialized<PublishedReportSummary>): PublishedReportSummary {
  return { ...s, publishedAt: new Date(s.publishedAt), issueDate: s.issueDate ? new Date(s.issueDate) : null };
}

const LIVE = LIVE_REPORT;
const NEWEST_FIRST = [{ publishedAt: "desc" as const }, { id: "desc" as const }];

const readLatest = cachedPublicRead("latest", async (take: number) => {
  const rows = await getDb().report.findMany({ where: LIVE, orderBy: NEWEST_FIRST, take, select: summarySelect });
  return withCovers(rows.flatMap(toSummary));
});

export async function listLatestPublishedReports(options: { take?: number } = {}): Promise<PublishedReportSummary[]> {
  return (await readLatest(options.take ?? 20)).map(revive);
}

const readCommitteeSections = cachedPublicRead("committee-sections", async (perCommittee: number) => {
  const committees = await getDb().committee.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { slug: true, name: true, city: true, id: true } });
  // The newest of every committee in one statement (an index seek each), then their summaries:
  // the same few queries for 5 committees or 500.
  const newest = await getDb().$queryRawUnsafe<{ committeeId: string; id: string }[]>(
    `SELECT c.id AS "committeeId", t.id FROM "Committee" c
     CROSS JOIN LATERAL (
       SELECT r.id, r."publishedAt" FROM "Report" r
       WHERE r."committeeId" = c.id AND ${liveReportSql("r")}
       ORDER BY r."publishedAt" DESC, r.id DESC LIMIT $1
     ) t
     ORDER BY c.id, t."publishedAt" DESC, t.id DESC`,
    perCommittee,
  );
  const summaries = new Map((await summariesOf(newest.map((row) => row.id))).map((summary) => [summary.id, summary]));
  return committees
    .map((c) => ({
      committee: { slug: c.slug, name: c.name, city: c.city },
      reports: newest.filter((row) => row.committeeId === c.id).flatMap((row) => summaries.get(row.id) ?? []),
    }))
    .filter((s) => s.reports.length > 0);
});

/** The home page's section per committee. */
export async function listCommitteeSections(perCommittee = 5) {
  return (await readCommitteeSections(perCommittee)).map((s) => ({ committee: s.committee, reports: s.reports.map(revive) }));
}

export const PAGE_SIZE = 20;

/** A page of a public list: its reports, and the cursors of the links to newer and older ones. */
export interface ListingResult {
  reports: PublishedReportSummary[];
  older: string | null;
  newer: string | null;
  /** An "after" address that reached the newest reports: the caller redirects to the list's first page. */
  atNewest: boolean;
}

/** A committee's live reports, or one month of them (China time). */
function committeeSource(committeeId: string, yearMonth: string | null): ListingSource {
  const range = yearMonth ? monthRange(yearMonth) : null;
  return {
    from: `"Report" r`,
    publishedAt: `r."publishedAt"`,
    id: `r.id`,
    where: `r."committeeId" = $1 AND ${liveReportSql("r")}` + (range ? ` AND r."publishedAt" >= $2::timestamp(3) AND r."publishedAt" < $3::timestamp(3)` : ""),
    params: range ? [committeeId, range.from.toISOString(), range.to.toISOString()] : [committeeId],
  };
}

/** The live reports of a 栏目: the search index holds exactly the live editions with their 栏目 and first-publication time. */
function columnSource(column: string): ListingSource {
  return { from: `"SearchDocument" d`, publishedAt: `d."publishedAt"`, id: `d."reportId"`, where: `d."column" = $1`, params: [column] };
}

/** The summaries of the live reports among `ids`, in that order: the same few queries for any number. */
async function summariesOf(ids: string[]): Promise<Serialized<PublishedReportSummary>[]> {
  const rows = ids.length === 0 ? [] : await getDb().report.findMany({ where: { ...LIVE, id: { in: ids } }, select: summarySelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return withCovers(ids.flatMap((id) => (byId.has(id) ? toSummary(byId.get(id)!) : [])));
}

/** One page of a source: the ids by index seek, then their summaries (a fixed number of queries at any depth). */
async function readListing(source: ListingSource, query: string): Promise<Serialized<Omit<ListingResult, "reports">> & { reports: Serialized<PublishedReportSummary>[] }> {
  const position = positionFromQuery(Object.fromEntries(new URLSearchParams(query))) ?? NEWEST;
  const { sql, params } = listingQuery(source, position, PAGE_SIZE);
  const page = listingPage(await getDb().$queryRawUnsafe<ListingRow[]>(sql, ...params), position, PAGE_SIZE);
  return {
    reports: await summariesOf(page.ids),
    older: page.older && encodeCursor(page.older),
    newer: page.newer && encodeCursor(page.newer),
    atNewest: page.atNewest,
  };
}

/** The cursor at which old-style page `page` of a source begins (for a redirect), or null past the end. */
async function legacyPageCursor(source: ListingSource, page: number): Promise<string | null> {
  const { sql, params } = pageStartQuery(source, page, PAGE_SIZE);
  const [row] = await getDb().$queryRawUnsafe<{ id: string; publishedAt: Date }[]>(sql, ...params);
  return row ? encodeCursor(row) : null;
}

const readCommittee = cachedPublicRead("committee", async (slug: string) =>
  getDb().committee.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, city: true, description: true } }),
);

/** A committee's months with live reports and their counts (China time), newest first; shared by all its pages. */
const readCommitteeArchive = cachedPublicRead("committee-archive", async (committeeId: string) => {
  const rows = await getDb().$queryRaw<{ ym: string; count: bigint }[]>`
    SELECT to_char("publishedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS ym, count(*) AS count
    FROM "Report" WHERE "committeeId" = ${committeeId} AND ${Prisma.raw(liveReportSql())}
    GROUP BY 1 ORDER BY 1 DESC`;
  return rows.map((a) => ({ yearMonth: a.ym, count: Number(a.count) }));
});

const readCommitteeListing = cachedPublicRead("committee-listing", async (committeeId: string, yearMonth: string | null, query: string) =>
  readListing(committeeSource(committeeId, yearMonth), query),
);

function reviveListing(listing: Awaited<ReturnType<typeof readListing>>): ListingResult {
  return { ...listing, reports: listing.reports.map(revive) };
}

/**
 * A committee's published reports, newest first, a page at a time (`position`, see keyset.ts)
 * or one month (YYYY-MM, China time); with its archive of months and its total.
 */
export async function getCommitteePage(slug: string, options: { position?: Position; yearMonth?: string | null } = {}) {
  const committee = await readCommittee(slug);
  if (!committee) return null;
  const yearMonth = options.yearMonth ?? null;
  const [archive, listing] = await Promise.all([
    readCommitteeArchive(committee.id),
    readCommitteeListing(committee.id, yearMonth, positionQuery(options.position ?? NEWEST)),
  ]);
  const total = yearMonth ? (archive.find((a) => a.yearMonth === yearMonth)?.count ?? 0) : archive.reduce((sum, a) => sum + a.count, 0);
  return { committee, archive, total, pageSize: PAGE_SIZE, ...reviveListing(listing) };
}

/** Where old-style page `page` of a committee's list (or month) now begins, as a position; null past the end. */
export async function committeeLegacyPage(slug: string, page: number, yearMonth: string | null = null): Promise<Position | null> {
  if (page === 1) return NEWEST;
  const committee = await readCommittee(slug);
  const cursor = committee && (await legacyPageCursor(committeeSource(committee.id, yearMonth), page));
  return cursor ? positionFromQuery({ before: cursor }) : null;
}

const readColumnTotal = cachedPublicRead("column-total", async (column: string) => getDb().searchDocument.count({ where: { column } }));
const readColumnListing = cachedPublicRead("column-listing", async (column: string, query: string) => readListing(columnSource(column), query));

/** A 栏目's published reports across committees, newest first, a page at a time; with its total. */
export async function getColumnPage(column: string, position: Position = NEWEST) {
  const [total, listing] = await Promise.all([readColumnTotal(column), readColumnListing(column, positionQuery(position))]);
  return { total, pageSize: PAGE_SIZE, ...reviveListing(listing) };
}

/** Where old-style page `page` of a 栏目 now begins, as a position; null past the end. */
export async function columnLegacyPage(column: string, page: number): Promise<Position | null> {
  if (page === 1) return NEWEST;
  const cursor = await legacyPageCursor(columnSource(column), page);
  return cursor ? positionFromQuery({ before: cursor }) : null;
}

/** 栏目 with published reports, most used first. */
export const listColumns = cachedPublicRead("columns", async () => {
  // Built from each committee's managed list: a 栏目 appears while it is on its committee's list
  // (not archived) and has live reports. The search index holds exactly the live editions with
  // their 栏目 (as the 栏目 pages read them); each managed 栏目 is counted index-only on
  // ("column", "committeeId"), not by joining every live report to its revision (0.6 s at
  // 100,000 reports, 15 ms this way).
  const rows = await getDb().$queryRaw<{ column: string; count: bigint }[]>`
    SELECT c.name AS "column", sum(n.count)::bigint AS count FROM "Column" c
    CROSS JOIN LATERAL (SELECT count(*) AS count FROM "SearchDocument" d WHERE d."column" = c.name AND d."committeeId" = c."committeeId") n
    WHERE c."archivedAt" IS NULL AND c.name <> ''
    GROUP BY 1 HAVING sum(n.count) > 0 ORDER BY 2 DESC, 1 LIMIT 50`;
  return rows.map((r) => ({ column: r.column, count: Number(r.count) }));
});

/** "2022-11" → that month in China Standard Time. */
export function monthRange(yearMonth: string): { from: Date; to: Date } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const from = new Date(Date.UTC(year, month - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(year, month, 1) - 8 * 3600_000);
  return { from, to };
}

const readReport = cachedPublicRead("report", async (id: string) => {
  const row = await getDb().report.findUnique({
    where: { id },
    select: {
      id: true,
      publishedAt: true,
      committeeId: true,
      committee: { select: { slug: true, name: true, city: true } },
      liveRevision: {
        select: {
          kicker: true,
          title: true,
          subtitle: true,
          byline: true,
          source: true,
          originalTitle: true,
          responsibleEditor: true,
          summary: true,
          column: true,
          issueDate: true,
          html: true,
          plainText: true,
          charCount: true,
          correctionNote: true,
          publishedAt: true,
          coverImageId: true,
        },
      },
    },
  });
  if (!row || !row.liveRevision || !row.publishedAt) return null;
  const { publishedAt: editionPublishedAt, issueDate, coverImageId, ...edition } = row.liveRevision;
  const [corrections, previous, next, covers] = await Promise.all([
    // Every published edition's correction note, newest first.
    getDb().revision.findMany({
      where: { reportId: id, reason: "PUBLISH", correctionNote: { not: "" } },
      orderBy: { number: "desc" },
      select: { correctionNote: true, publishedAt: true },
    }),
    neighbour(row.committeeId, row.publishedAt, row.id, "older"),
    neighbour(row.committeeId, row.publishedAt, row.id, "newer"),
    loadCovers(getDb(), [coverImageId]),
  ]);
  return {
    ...edition,
    id: row.id,
    // publishedAt is the first publication; a later edition's own time is editionPublishedAt.
    publishedAt: row.publishedAt.toISOString(),
    editionPublishedAt: editionPublishedAt?.toISOString() ?? null,
    issueDate: issueDate?.toISOString() ?? null,
    committee: row.committee,
    cover: (coverImageId && covers.get(coverImageId)) || null,
    corrections: corrections.map((c) => ({ note: c.correctionNote, at: c.publishedAt?.toISOString() ?? null })),
    previous,
    next,
  };
});

/** The committee's next older or newer live report: one seek on (committeeId, publishedAt, id). */
async function neighbour(committeeId: string, publishedAt: Date, id: string, direction: "older" | "newer") {
  const [op, order] = direction === "older" ? ["<", "DESC"] : [">", "ASC"];
  const [row] = await getDb().$queryRawUnsafe<{ id: string; title: string }[]>(
    `SELECT r.id, v.title FROM "Report" r JOIN "Revision" v ON v.id = r."liveRevisionId"
      WHERE r."committeeId" = $1 AND ${liveReportSql("r")} AND (r."publishedAt", r.id) ${op} ($2::timestamp(3), $3::text)
      ORDER BY r."publishedAt" ${order}, r.id ${order} LIMIT 1`,
    committeeId,
    publishedAt.toISOString(),
    id,
  );
  return row ?? null;
}

export async function getPublishedReport(id: string) {
  const report = await readReport(id);
  if (!report) return null;
  return {
    ...report,
    publishedAt: new Date(report.publishedAt),
    editionPublishedAt: report.editionPublishedAt ? new Date(report.editionPublishedAt) : null,
    issueDate: report.issueDate ? new Date(report.issueDate) : null,
    corrections: report.corrections.map((c) => ({ note: c.note, at: c.at ? new Date(c.at) : null })),
  };
}
export type PublishedReport = NonNullable<Awaited<ReturnType<typeof getPublishedReport>>>;

export const listPublicCommittees = cachedPublicRead("committees", async () =>
  getDb().committee.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { slug: true, name: true, city: true } }),
);

/**
 * What the proxy needs to route /reports/<id>: whether it was published and then taken down
 * (its public URL answers 410 Gone), and its committee (the page's cache tags).
 */
export async function reportRouting(id: string): Promise<{ gone: boolean; committeeSlug: string | null }> {
  const row = await getDb().report.findUnique({
    where: { id },
    select: { publishedAt: true, liveRevisionId: true, committee: { select: { slug: true } } },
  });
  return { gone: row !== null && isTakenDown(row), committeeSlug: row?.committee.slug ?? null };
}

export async function isReportGone(id: string): Promise<boolean> {
  return (await reportRouting(id)).gone;
}

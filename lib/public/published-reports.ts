import "server-only";
import { getDb } from "@/lib/db";

// The public site reads published editions only: a report's live Revision, never its
// working copy (which may be a new edition in review).

export interface PublishedReportSummary {
  id: string;
  title: string;
  kicker: string;
  subtitle: string;
  summary: string;
  plainTextStart: string;
  publishedAt: Date;
  issueDate: Date | null;
  committee: { slug: string; name: string; city: string };
}

export async function listLatestPublishedReports(options: { take?: number } = {}): Promise<PublishedReportSummary[]> {
  const rows = await getDb().report.findMany({
    where: { liveRevisionId: { not: null } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.take ?? 20,
    select: {
      id: true,
      publishedAt: true,
      committee: { select: { slug: true, name: true, city: true } },
      liveRevision: {
        select: { title: true, kicker: true, subtitle: true, summary: true, plainText: true, issueDate: true },
      },
    },
  });
  return rows.flatMap((row) =>
    row.liveRevision && row.publishedAt
      ? [
          {
            id: row.id,
            title: row.liveRevision.title,
            kicker: row.liveRevision.kicker,
            subtitle: row.liveRevision.subtitle,
            summary: row.liveRevision.summary,
            plainTextStart: row.liveRevision.plainText.slice(0, 160),
            publishedAt: row.publishedAt,
            issueDate: row.liveRevision.issueDate,
            committee: row.committee,
          },
        ]
      : [],
  );
}

export async function getPublishedReport(id: string) {
  const row = await getDb().report.findUnique({
    where: { id },
    select: {
      id: true,
      publishedAt: true,
      unpublishedAt: true,
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
          charCount: true,
          correctionNote: true,
          publishedAt: true,
        },
      },
    },
  });
  if (!row || !row.liveRevision || !row.publishedAt) return null;
  const { publishedAt: editionPublishedAt, ...edition } = row.liveRevision;
  // publishedAt is the first publication; a later edition's own time is editionPublishedAt.
  return { ...edition, id: row.id, publishedAt: row.publishedAt, editionPublishedAt, committee: row.committee };
}
export type PublishedReport = NonNullable<Awaited<ReturnType<typeof getPublishedReport>>>;

/** A report that was published and then taken down: its public URL answers 410 Gone. */
export async function isReportGone(id: string): Promise<boolean> {
  const row = await getDb().report.findUnique({ where: { id }, select: { publishedAt: true, liveRevisionId: true } });
  return row !== null && row.publishedAt !== null && row.liveRevisionId === null;
}

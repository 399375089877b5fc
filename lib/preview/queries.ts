import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import { getReportForStudio } from "@/lib/reports/queries/studio";
import { getPublishedReport } from "@/lib/public/published-reports";
import { toArticle, type ArticleData } from "@/lib/public/article";
import type { ReportStatus } from "@/lib/reports/rules/workflow";

// Previews read the database directly, never the cached public reads: they show the working
// edition, which changes with every save and is nobody's business but the committee's and the
// holder of a preview link.

type WorkingCopy = Parameters<typeof toArticle>[0] & {
  id: string;
  status: ReportStatus;
  correctionNote: string;
  publishAt: Date | null;
  publishedAt: Date | null;
  committee: { slug: string; name: string; city: string };
};

export interface Preview {
  article: ArticleData;
  status: ReportStatus;
  hasLiveEdition: boolean;
}

/**
 * The working edition (the report's current fields and body, whatever its state) as the public
 * page would show it once published: dated by its issue date, else when it is scheduled, first
 * went out, or now; with the correction note it would carry above the ones already published.
 */
async function workingArticle(report: WorkingCopy, now: Date): Promise<ArticleData> {
  const published = await getDb().revision.findMany({
    where: { reportId: report.id, reason: "PUBLISH", correctionNote: { not: "" } },
    orderBy: { number: "desc" },
    select: { correctionNote: true, publishedAt: true },
  });
  const corrections = [
    ...(report.correctionNote ? [{ note: report.correctionNote, at: null }] : []),
    ...published.map((c) => ({ note: c.correctionNote, at: c.publishedAt })),
  ];
  return toArticle(report, {
    id: report.id,
    publishedAt: report.publishAt ?? report.publishedAt ?? now,
    committee: report.committee,
    corrections,
  });
}

/**
 * The studio preview for one person: null when the report does not exist for them (another
 * committee's report looks exactly like a missing id). `live` asks for the edition readers see
 * now — the public page's own read — and has no article when nothing is online.
 */
export async function loadStudioPreview(actor: SessionUser, reportId: string, mode: "working" | "live", now = new Date()) {
  const report = await getReportForStudio(actor, reportId);
  if (!report) return null;
  const hasLiveEdition = report.liveRevisionId !== null;
  const article = mode === "live" ? (hasLiveEdition ? await getPublishedReport(report.id) : null) : await workingArticle(report, now);
  return { article, status: report.status, hasLiveEdition };
}

/** What a valid preview link shows: the working edition as it is now, or null once the report is gone. */
export async function loadLinkPreview(reportId: string, now = new Date()): Promise<Preview | null> {
  const report = await getDb().report.findUnique({
    where: { id: reportId },
    include: { committee: { select: { slug: true, name: true, city: true } } },
  });
  if (!report) return null;
  return { article: await workingArticle(report, now), status: report.status, hasLiveEdition: report.liveRevisionId !== null };
}

import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import type { TiptapDoc } from "@/lib/content/validate";
import { decide } from "./permissions";
import { getReportForStudio } from "./queries";
import type { ReportSnapshot } from "./diff";

type RevisionRow = Awaited<ReturnType<typeof listRevisions>>[number];

function listRevisions(reportId: string) {
  return getDb().revision.findMany({
    where: { reportId },
    orderBy: { number: "desc" },
    include: { createdBy: { select: { displayName: true } } },
  });
}

export function snapshotOfRevision(revision: RevisionRow): ReportSnapshot {
  return {
    kicker: revision.kicker,
    title: revision.title,
    subtitle: revision.subtitle,
    byline: revision.byline,
    source: revision.source,
    originalTitle: revision.originalTitle,
    responsibleEditor: revision.responsibleEditor,
    summary: revision.summary,
    column: revision.column,
    tags: revision.tags,
    issueDate: revision.issueDate ? revision.issueDate.toISOString().slice(0, 10) : null,
    correctionNote: revision.correctionNote,
    content: revision.content as TiptapDoc,
  };
}

/** The history page of a report: its revisions and workflow events, or null if not visible. */
export async function loadHistory(actor: SessionUser, reportId: string) {
  const report = await getReportForStudio(actor, reportId);
  if (!report) return null;
  const facts = { ...report, hasLiveEdition: report.liveRevisionId !== null };
  return {
    report,
    revisions: await listRevisions(reportId),
    canRestore: decide(actor, "restoreRevision", facts).allowed,
  };
}

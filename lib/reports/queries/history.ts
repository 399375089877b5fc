import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import type { TiptapDoc } from "@/lib/content/validate";
import { decide } from "../rules/permissions";
import { diffReports, type ReportSnapshot } from "../rules/compare-revisions";
import { toReportFields } from "../rules/fields";
import { getReportForStudio } from "./studio";

type RevisionRow = Awaited<ReturnType<typeof listRevisions>>[number];

function listRevisions(reportId: string) {
  return getDb().revision.findMany({
    where: { reportId },
    orderBy: { number: "desc" },
    include: { createdBy: { select: { displayName: true } } },
  });
}

export function snapshotOfRevision(revision: RevisionRow): ReportSnapshot {
  const fields = toReportFields(revision);
  return { ...fields, issueDate: fields.issueDate || null, tags: revision.tags, content: revision.content as TiptapDoc };
}

/**
 * The pair the history page compares when the person has chosen none: the newest revision and
 * the newest one before it that differs, so the page opens on the latest change rather than on
 * two identical versions (a publish right after a submit snapshots the same text twice).
 */
function latestChange(revisions: RevisionRow[]): { from: RevisionRow; to: RevisionRow } | null {
  const to = revisions[0];
  if (!to) return null;
  const after = JSON.stringify(snapshotOfRevision(to));
  const differing = revisions.slice(1).find((candidate) => JSON.stringify(snapshotOfRevision(candidate)) !== after);
  if (differing) return { from: differing, to };
  return revisions[1] ? { from: revisions[1], to } : null;
}

/** The history page of a report: its revisions and workflow events, or null if not visible. */
export async function loadHistory(actor: SessionUser, reportId: string, chosen: { from?: string; to?: string } = {}) {
  const report = await getReportForStudio(actor, reportId);
  if (!report) return null;
  const revisions = await listRevisions(reportId);
  const to = revisions.find((r) => r.id === chosen.to);
  const from = revisions.find((r) => r.id === chosen.from);
  const pair = to && from ? { from, to } : latestChange(revisions);
  return {
    report,
    revisions,
    comparison: pair ? { ...pair, diff: diffReports(snapshotOfRevision(pair.from), snapshotOfRevision(pair.to)) } : null,
    canRestore: decide(actor, "restoreRevision", { ...report, hasLiveEdition: report.liveRevisionId !== null }).allowed,
  };
}

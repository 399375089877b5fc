import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import type { TiptapDoc } from "@/lib/content/validate";
import { formatDateTime } from "@/lib/format";
import { decide, REPORT_ACTIONS, wroteThisEdition, type ReportAction } from "../rules/permissions";
import { toReportFields } from "../rules/fields";
import { getReportForStudio } from "./studio";
import { loadProofreadingExtras } from "@/lib/proofreading-terms/load-terms";
import { mediaSelect, toMediaItem } from "@/lib/media/commands/media";

export interface CommentThread {
  id: string;
  body: string;
  author: string;
  at: string;
  quote: string;
  prefix: string;
  suffix: string;
  resolved: boolean;
  replies: { id: string; body: string; author: string; at: string }[];
}

/**
 * Everything the editing page needs, for one person: the working edition, what they may do
 * with it (decided on the server; the page only shows it), who may approve it, the last request
 * for changes and the comment threads. Null when the report does not exist for them.
 */
export async function loadWorkspace(actor: SessionUser, reportId: string) {
  const report = await getReportForStudio(actor, reportId);
  if (!report) return null;
  const facts = { ...report, hasLiveEdition: report.liveRevisionId !== null };
  const decisions = Object.fromEntries(REPORT_ACTIONS.map((action) => [action, decide(actor, action, facts)]));
  const can = Object.fromEntries(REPORT_ACTIONS.map((action) => [action, decisions[action]!.allowed])) as Record<ReportAction, boolean>;
  const lastRequest = [...report.events].reverse().find((e) => e.action === "REQUEST_CHANGES");
  const lastSubmitOrRequest = [...report.events].reverse().find((e) => e.action === "SUBMIT" || e.action === "REQUEST_CHANGES");
  const [comments, reviewers, proofreadingExtras, columns, cover] = await Promise.all([
    getDb().reviewComment.findMany({
      where: { reportId, parentId: null },
      orderBy: { createdAt: "asc" },
      include: {
        author: { select: { displayName: true } },
        replies: { orderBy: { createdAt: "asc" }, include: { author: { select: { displayName: true } } } },
      },
    }),
    getDb().membership.findMany({
      where: { committeeId: report.committeeId, role: "REVIEWER", user: { isActive: true } },
      select: { user: { select: { id: true, displayName: true } } },
      orderBy: { createdAt: "asc" },
    }),
    loadProofreadingExtras(getDb()),
    // The committee's managed 栏目, which the editor picks from.
    getDb().column.findMany({ where: { committeeId: report.committeeId, archivedAt: null }, orderBy: { sortOrder: "asc" }, select: { name: true } }),
    report.coverImageId ? getDb().media.findUnique({ where: { id: report.coverImageId }, select: mediaSelect }) : null,
  ]);
  return {
    report: {
      id: report.id,
      status: report.status,
      version: report.version,
      committeeId: report.committeeId,
      cover: cover ? (({ id, src, alt }) => ({ id, src, alt }))(toMediaItem(cover)) : null,
      committeeName: report.committee.name,
      authorName: report.author.displayName,
      fields: toReportFields(report),
      columnChoices: columns.map((c) => c.name),
      content: report.content as TiptapDoc,
      charCount: report.charCount,
      hasLiveEdition: report.liveRevisionId !== null,
      publishAt: report.publishAt ? formatDateTime(report.publishAt) : null,
      unpublishReason: report.liveRevisionId === null && report.unpublishedAt ? report.unpublishReason : "",
      // Shown to the editor while the report is back in draft because of it.
      changeRequest:
        report.status === "DRAFT" && lastRequest && lastRequest === lastSubmitOrRequest
          ? { comment: lastRequest.comment, by: lastRequest.actor?.displayName ?? "", at: formatDateTime(lastRequest.createdAt) }
          : null,
    },
    can,
    /** The actor reviews this committee but wrote this edition: say why there is no approve button. */
    ownWords: decisions.approve!.allowed === false && decisions.approve!.code === "TWO_PERSON_RULE",
    /** The site's additions to the proofreading lists, for checking in the browser. */
    proofreadingExtras,
    /** Reviewers who may approve this edition under the two-person rule. */
    approvers: reviewers.map((r) => r.user).filter((user) => !wroteThisEdition(user.id, report)).map((user) => user.displayName),
    comments: comments.map(
      (c): CommentThread => ({
        id: c.id,
        body: c.body,
        author: c.author.displayName,
        at: formatDateTime(c.createdAt),
        quote: c.quote,
        prefix: c.anchorPrefix,
        suffix: c.anchorSuffix,
        resolved: c.resolvedAt !== null,
        replies: c.replies.map((r) => ({ id: r.id, body: r.body, author: r.author.displayName, at: formatDateTime(r.createdAt) })),
      }),
    ),
  };
}
export type Workspace = NonNullable<Awaited<ReturnType<typeof loadWorkspace>>>;

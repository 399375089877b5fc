import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import { decide } from "../rules/permissions";
import { visibleCommitteesWhere, visibleReportsWhere } from "../rules/visibility";

/** What a back-office list shows of a report. */
const listItemSelect = {
  id: true,
  title: true,
  status: true,
  updatedAt: true,
  charCount: true,
  committeeId: true,
  liveRevisionId: true,
  author: { select: { displayName: true } },
  committee: { select: { name: true, city: true } },
} as const;

/** Reports of the actor's committees for the back office, filtered in the query itself. */
export async function listReportsForStudio(actor: SessionUser) {
  return getDb().report.findMany({
    where: visibleReportsWhere(actor),
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: listItemSelect,
  });
}

export async function listCommitteesForStudio(actor: SessionUser) {
  return getDb().committee.findMany({
    where: visibleCommitteesWhere(actor),
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, city: true, archivedAt: true },
  });
}

/**
 * One report for the back office, or null when it does not exist *or* the actor may not see
 * it; the two are indistinguishable so that ids reveal nothing across committees.
 */
export async function getReportForStudio(actor: SessionUser, id: string) {
  const report = await getDb().report.findFirst({
    where: { id, ...visibleReportsWhere(actor) },
    include: {
      committee: { select: { name: true, city: true, slug: true } },
      author: { select: { displayName: true } },
      events: { orderBy: { createdAt: "asc" }, include: { actor: { select: { displayName: true } } } },
    },
  });
  if (!report) return null;
  const facts = { ...report, hasLiveEdition: report.liveRevisionId !== null };
  return decide(actor, "view", facts).allowed ? report : null;
}

/** 我的稿件: reports the person started, by status. */
export async function listMyReports(actor: SessionUser) {
  return getDb().report.findMany({
    where: { ...visibleReportsWhere(actor), authorId: actor.id },
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: listItemSelect,
  });
}

/** 审核队列: submitted reports of the committees the person reviews, oldest first. */
export async function listReviewQueue(actor: SessionUser) {
  const reviewed = actor.memberships.filter((m) => m.role === "REVIEWER").map((m) => m.committeeId);
  return getDb().report.findMany({
    where: { committeeId: { in: reviewed }, status: "SUBMITTED" },
    orderBy: { updatedAt: "asc" },
    select: {
      id: true,
      title: true,
      status: true,
      updatedAt: true,
      charCount: true,
      authorId: true,
      lastEditedById: true,
      editionEditorIds: true,
      author: { select: { displayName: true } },
      submittedBy: { select: { displayName: true } },
      committee: { select: { name: true, city: true } },
    },
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { CommandError } from "@/lib/reports/errors";
import type { FieldErrors } from "@/lib/reports/schemas";
import { createReport } from "@/lib/reports/create-report";
import { submitReport } from "@/lib/reports/submit-report";
import { withdrawReport } from "@/lib/reports/withdraw-report";
import { requestChanges } from "@/lib/reports/request-changes";
import { approveReport } from "@/lib/reports/approve-report";
import { unscheduleReport } from "@/lib/reports/unschedule-report";
import { unpublishReport } from "@/lib/reports/unpublish-report";
import { restoreRevision } from "@/lib/reports/restore-revision";
import { addReviewComment, setCommentResolved, type AddCommentInput } from "@/lib/reports/review-comments";
import { markAllNotificationsRead } from "@/lib/notifications/queries";
import { revalidatePublicPages } from "@/lib/reports/revalidate";
import { messages } from "@/lib/i18n";

// Thin wrappers: each loads the person afresh, runs one command (which checks permission and
// state on the server) and turns a refusal into a message the page shows.

export type ActionResult = { ok: true } | { ok: false; message: string; fieldErrors?: FieldErrors };

async function run(
  reportId: string | null,
  command: () => Promise<unknown>,
  options: { changesPublicSite?: boolean } = {},
): Promise<ActionResult> {
  try {
    await command();
  } catch (error) {
    if (error instanceof CommandError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
    console.error(error);
    return { ok: false, message: messages.errors.generic };
  }
  if (reportId) revalidatePath(`/studio/reports/${reportId}`);
  revalidatePath("/studio", "layout");
  if (options.changesPublicSite) revalidatePublicPages();
  return { ok: true };
}

export async function createReportAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const actor = await requireSessionUser();
  let id = "";
  const result = await run(null, async () => {
    ({ id } = await createReport({
      actor,
      committeeId: String(form.get("committeeId") ?? ""),
      fields: { title: String(form.get("title") ?? "") },
    }));
  });
  if (result.ok) redirect(`/studio/reports/${id}`);
  return result;
}

export async function submitReportAction(reportId: string, expectedVersion: number) {
  const actor = await requireSessionUser();
  return run(reportId, () => submitReport({ actor, reportId, expectedVersion }));
}

export async function withdrawReportAction(reportId: string) {
  const actor = await requireSessionUser();
  return run(reportId, () => withdrawReport({ actor, reportId }));
}

export async function requestChangesAction(reportId: string, comment: string) {
  const actor = await requireSessionUser();
  return run(reportId, () => requestChanges({ actor, reportId, comment }));
}

/** `publishAt`: an ISO time for scheduling, or null to publish now. */
export async function approveReportAction(reportId: string, expectedVersion: number, publishAt: string | null) {
  const actor = await requireSessionUser();
  const when = publishAt ? new Date(publishAt) : null;
  if (when && Number.isNaN(when.getTime())) return { ok: false, message: "发布时间格式不正确" } satisfies ActionResult;
  return run(reportId, () => approveReport({ actor, reportId, expectedVersion, publishAt: when }), { changesPublicSite: true });
}

export async function unscheduleReportAction(reportId: string) {
  const actor = await requireSessionUser();
  return run(reportId, () => unscheduleReport({ actor, reportId }));
}

export async function unpublishReportAction(reportId: string, reason: string) {
  const actor = await requireSessionUser();
  return run(reportId, () => unpublishReport({ actor, reportId, reason }), { changesPublicSite: true });
}

export async function restoreRevisionAction(reportId: string, revisionId: string, expectedVersion: number) {
  const actor = await requireSessionUser();
  return run(reportId, () => restoreRevision({ actor, reportId, revisionId, expectedVersion }));
}

export async function addCommentAction(reportId: string, input: AddCommentInput) {
  const actor = await requireSessionUser();
  return run(reportId, () => addReviewComment({ actor, reportId, input }));
}

export async function resolveCommentAction(reportId: string, commentId: string, resolved: boolean) {
  const actor = await requireSessionUser();
  return run(reportId, () => setCommentResolved({ actor, reportId, commentId, resolved }));
}

export async function markNotificationsReadAction() {
  const actor = await requireSessionUser();
  await markAllNotificationsRead(actor.id);
  revalidatePath("/studio", "layout");
}

import "server-only";
import type { NotificationKind } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { enqueueNotificationEmails } from "@/lib/notifications/email";

export interface NotificationDraft {
  kind: NotificationKind;
  reportId: string;
  actorId: string | null;
  /** Free text shown with the notice: a comment, a reason, a time */
  message?: string;
  /** Exactly these users … */
  userIds?: string[];
  /** … and/or every reviewer of this committee */
  reviewersOf?: string;
}

/**
 * Delivers notifications after the command's transaction has committed (STYLE.md 6): a
 * notice never announces a change that was rolled back. Nobody is notified of their own act.
 */
export async function deliverNotifications(drafts: NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const db = getDb();
  const rows = [];
  for (const draft of drafts) {
    const recipients = new Set(draft.userIds ?? []);
    if (draft.reviewersOf) {
      const reviewers = await db.membership.findMany({
        where: { committeeId: draft.reviewersOf, role: "REVIEWER", user: { isActive: true } },
        select: { userId: true },
      });
      reviewers.forEach((r) => recipients.add(r.userId));
    }
    if (draft.actorId) recipients.delete(draft.actorId);
    for (const userId of recipients) {
      rows.push({ userId, kind: draft.kind, reportId: draft.reportId, actorId: draft.actorId, message: draft.message ?? "" });
    }
  }
  try {
    if (rows.length > 0) await db.notification.createMany({ data: rows });
    await enqueueNotificationEmails(db, rows); // only when SMTP_URL is set; never throws
  } catch (error) {
    // The change itself is committed; a lost notice must not turn it into an error.
    console.error("notification delivery failed", error);
  }
}

/** The author and, if someone else submitted it, the submitter. */
export function authorAndSubmitter(report: { authorId: string; submittedById: string | null }): string[] {
  return [...new Set([report.authorId, report.submittedById].filter((id): id is string => id !== null))];
}

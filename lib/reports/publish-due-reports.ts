import "server-only";
import { getDb } from "@/lib/db";
import { deliverNotifications, type NotificationDraft } from "./notify";
import { publishEdition } from "./publish-edition";

/**
 * Publishes every SCHEDULED report whose time has come. Run by every app instance on a timer
 * (instrumentation.ts): idempotent and safe to run concurrently — rows are claimed with
 * FOR UPDATE SKIP LOCKED and moved only from SCHEDULED, so each report is published once.
 */
export async function publishDueReports(now: Date = new Date()): Promise<string[]> {
  const db = getDb();
  const published: string[] = [];
  const notices: NotificationDraft[] = [];
  for (;;) {
    const claimed = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string; authorId: string; submittedById: string | null }[]>`
        SELECT id, "authorId", "submittedById" FROM "Report"
        WHERE status = 'SCHEDULED' AND "publishAt" <= ${now}
        ORDER BY "publishAt" LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const row = due[0];
      if (!row) return null;
      await tx.report.update({ where: { id: row.id }, data: { status: "PUBLISHED", version: { increment: 1 } } });
      const revision = await publishEdition(tx, { reportId: row.id, actorId: null, at: now });
      await tx.workflowEvent.create({
        data: { reportId: row.id, actorId: null, action: "PUBLISH", fromStatus: "SCHEDULED", toStatus: "PUBLISHED", revisionId: revision.id },
      });
      return row;
    });
    if (!claimed) break;
    published.push(claimed.id);
    notices.push({
      kind: "PUBLISHED",
      reportId: claimed.id,
      actorId: null,
      userIds: [...new Set([claimed.authorId, claimed.submittedById].filter((id): id is string => id !== null))],
    });
  }
  await deliverNotifications(notices);
  return published;
}

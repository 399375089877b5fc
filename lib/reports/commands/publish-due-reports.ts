import "server-only";
import { getDb } from "@/lib/db";
import { applyTransition, SYSTEM } from "./apply-transition";
import { deliverNotifications, type NotificationDraft } from "./deliver-notifications";

/**
 * Publishes every SCHEDULED report whose time has come. Run by every app instance on a timer
 * (scheduler.ts): idempotent and safe to run concurrently — rows are claimed with
 * FOR UPDATE SKIP LOCKED and moved only from SCHEDULED, so each report is published once.
 */
export async function publishDueReports(now: Date = new Date()): Promise<string[]> {
  const db = getDb();
  const published: string[] = [];
  const notices: NotificationDraft[] = [];
  for (;;) {
    const result = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Report"
        WHERE status = 'SCHEDULED' AND "publishAt" <= ${now}
        ORDER BY "publishAt" LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const row = due[0];
      return row ? applyTransition(tx, { actor: SYSTEM, reportId: row.id, name: "publishScheduled", now }) : null;
    });
    if (!result) break;
    published.push(result.report.id);
    notices.push(...result.notices);
  }
  await deliverNotifications(notices);
  return published;
}

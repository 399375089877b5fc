import "server-only";
import { getDb } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/actor";
import { canSeeCommittee } from "@/lib/reports/rules/visibility";

export function countUnreadNotifications(userId: string): Promise<number> {
  return getDb().notification.count({ where: { userId, readAt: null } });
}

/**
 * A person's notices, newest first. A notice names its report only while the person may still
 * see that report: someone who has left the committee does not learn later titles from them.
 */
export async function listNotifications(actor: SessionUser, take = 100) {
  const rows = await getDb().notification.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    take,
    include: {
      actor: { select: { displayName: true } },
      report: { select: { id: true, title: true, committeeId: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    report: row.report && canSeeCommittee(actor, row.report.committeeId) ? { id: row.report.id, title: row.report.title } : null,
    message: row.report && !canSeeCommittee(actor, row.report.committeeId) ? "" : row.message,
  }));
}

export async function markAllNotificationsRead(userId: string): Promise<void> {
  await getDb().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}

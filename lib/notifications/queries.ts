import "server-only";
import { getDb } from "@/lib/db";

export function countUnreadNotifications(userId: string): Promise<number> {
  return getDb().notification.count({ where: { userId, readAt: null } });
}

export function listNotifications(userId: string, take = 100) {
  return getDb().notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    include: {
      actor: { select: { displayName: true } },
      report: { select: { id: true, title: true } },
    },
  });
}

export async function markAllNotificationsRead(userId: string): Promise<void> {
  await getDb().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}

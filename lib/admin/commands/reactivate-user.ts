import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertSiteAdmin, conflict, lockPeople, notFound } from "./common";

/** Lets a deactivated person sign in again (with their old password, or after a reset). */
export async function reactivateUser(options: { actor: SessionUser; userId: string }) {
  const { actor, userId } = options;
  assertSiteAdmin(actor, "manageUsers");
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true, displayName: true, isActive: true } });
    if (!user) throw notFound(t.users.notFound);
    if (user.isActive) throw conflict(t.users.alreadyActive);
    await tx.user.update({ where: { id: userId }, data: { isActive: true } });
    await recordAudit(tx, { actorId: actor.id, action: "user.reactivate", targetType: "User", targetId: userId, detail: { username: user.username } });
    return { id: user.id, displayName: user.displayName };
  });
}

import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertSiteAdmin, conflict, lockPeople, notFound } from "./common";

/** Grants or removes site-admin rights; the site always keeps one active admin. */
export async function setSiteAdmin(options: { actor: SessionUser; userId: string; isAdmin: boolean }) {
  const { actor, userId, isAdmin } = options;
  assertSiteAdmin(actor, "manageUsers");
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true, isAdmin: true } });
    if (!user) throw notFound(t.users.notFound);
    if (user.isAdmin === isAdmin) return user;
    if (!isAdmin) {
      const others = await tx.user.count({ where: { isAdmin: true, isActive: true, id: { not: userId } } });
      if (others === 0) throw conflict(t.users.lastAdminRights);
    }
    await tx.user.update({ where: { id: userId }, data: { isAdmin } });
    await recordAudit(tx, { actorId: actor.id, action: isAdmin ? "user.grantAdmin" : "user.revokeAdmin", targetType: "User", targetId: userId, detail: { username: user.username } });
    return { ...user, isAdmin };
  });
}

import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertNotLastReviewer, assertSiteAdmin, conflict, lockPeople, notFound, refuse } from "./common";

/**
 * Someone who left: the account stays (their reports keep their author) but cannot sign in,
 * and every session ends at its next request. Refused for oneself, for the last active site
 * admin, and for the last reviewer of a committee with reports waiting for review.
 */
export async function deactivateUser(options: { actor: SessionUser; userId: string }) {
  const { actor, userId } = options;
  assertSiteAdmin(actor, "manageUsers");
  if (userId === actor.id) throw refuse(t.users.deactivateSelf);
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        username: true,
        displayName: true,
        isActive: true,
        isAdmin: true,
        memberships: { select: { role: true, committee: { select: { id: true, name: true } } } },
      },
    });
    if (!user) throw notFound(t.users.notFound);
    if (!user.isActive) throw conflict(t.users.alreadyInactive);
    if (user.isAdmin) {
      const otherAdmins = await tx.user.count({ where: { isAdmin: true, isActive: true, id: { not: userId } } });
      if (otherAdmins === 0) throw conflict(t.users.lastAdmin);
    }
    for (const m of user.memberships) {
      if (m.role !== "REVIEWER") continue;
      await assertNotLastReviewer(tx, { userId, committeeId: m.committee.id, displayName: user.displayName, committeeName: m.committee.name });
    }
    await tx.user.update({ where: { id: userId }, data: { isActive: false } });
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, { actorId: actor.id, action: "user.deactivate", targetType: "User", targetId: userId, detail: { username: user.username } });
    return { id: user.id, displayName: user.displayName };
  });
}

import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import type { Role } from "@/lib/reports/rules/workflow";
import { assertCommitteeAdmin, assertNotLastReviewer, conflict, lockPeople, notFound, refuse } from "./common";

/** Changes a member's role in one committee; the last reviewer with reports waiting keeps theirs. */
export async function changeRole(options: { actor: SessionUser; committeeId: string; userId: string; role: Role }) {
  const { actor, committeeId, userId, role } = options;
  assertCommitteeAdmin(actor, "manageMembers", committeeId);
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const membership = await tx.membership.findUnique({
      where: { userId_committeeId: { userId, committeeId } },
      select: { id: true, role: true, user: { select: { displayName: true } }, committee: { select: { name: true, archivedAt: true } } },
    });
    if (!membership) throw notFound(t.members.notMember);
    if (membership.committee.archivedAt) throw conflict(t.committees.isArchived);
    if (membership.role === role) throw refuse(t.members.sameRole);
    if (membership.role === "REVIEWER") {
      await assertNotLastReviewer(tx, { userId, committeeId, displayName: membership.user.displayName, committeeName: membership.committee.name });
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.changeRole",
      targetType: "Membership",
      targetId: membership.id,
      detail: { userId, committeeId, from: membership.role, to: role },
    });
    return { id: membership.id };
  });
}

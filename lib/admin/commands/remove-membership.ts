import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertCommitteeAdmin, assertNotLastReviewer, lockPeople, notFound } from "./common";

/** Takes a person out of a committee; their reports stay with the committee. */
export async function removeMembership(options: { actor: SessionUser; committeeId: string; userId: string }) {
  const { actor, committeeId, userId } = options;
  assertCommitteeAdmin(actor, "manageMembers", committeeId);
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const membership = await tx.membership.findUnique({
      where: { userId_committeeId: { userId, committeeId } },
      select: { id: true, role: true, user: { select: { displayName: true } }, committee: { select: { name: true } } },
    });
    if (!membership) throw notFound(t.members.notMember);
    if (membership.role === "REVIEWER") {
      await assertNotLastReviewer(tx, { userId, committeeId, displayName: membership.user.displayName, committeeName: membership.committee.name });
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, { actorId: actor.id, action: "membership.revoke", targetType: "Membership", targetId: membership.id, detail: { userId, committeeId, role: membership.role } });
    return { id: membership.id };
  });
}

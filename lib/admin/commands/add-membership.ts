import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { normalizeUsername } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import type { Role } from "@/lib/reports/rules/workflow";
import { assertCommitteeAdmin, conflict, lockPeople, notFound, refuse } from "./common";

/** Adds an existing person to a committee with a role; a person may belong to several committees. */
export async function addMembership(options: { actor: SessionUser; committeeId: string; username: string; role: Role }) {
  const { actor, committeeId, role } = options;
  assertCommitteeAdmin(actor, "manageMembers", committeeId);
  const username = normalizeUsername(options.username);
  return getDb().$transaction(async (tx) => {
    await lockPeople(tx);
    const committee = await tx.committee.findUnique({ where: { id: committeeId }, select: { id: true, name: true, archivedAt: true } });
    if (!committee) throw notFound(t.committees.notFound);
    if (committee.archivedAt) throw conflict(t.committees.isArchived);
    const user = await tx.user.findUnique({ where: { username }, select: { id: true, displayName: true, isActive: true } });
    if (!user) throw refuse(format(t.members.userNotFound, { username }), "username");
    if (!user.isActive) throw refuse(format(t.members.userInactive, { name: user.displayName }), "username");
    const existing = await tx.membership.findUnique({ where: { userId_committeeId: { userId: user.id, committeeId } } });
    if (existing) throw conflict(format(t.members.alreadyMember, { name: user.displayName }));
    const membership = await tx.membership.create({ data: { userId: user.id, committeeId, role } });
    await recordAudit(tx, { actorId: actor.id, action: "membership.grant", targetType: "Membership", targetId: membership.id, detail: { userId: user.id, committeeId, role } });
    return { id: membership.id, displayName: user.displayName };
  });
}

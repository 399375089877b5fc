import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertSiteAdmin, conflict, notFound } from "./common";

/**
 * Archives a committee: its published reports and public pages stay; it takes no new reports
 * and leaves the lists of active committees. Nothing is deleted.
 */
export async function archiveCommittee(options: { actor: SessionUser; committeeId: string; now?: Date }) {
  const { actor, committeeId } = options;
  assertSiteAdmin(actor, "manageCommittees");
  return getDb().$transaction(async (tx) => {
    const committee = await tx.committee.findUnique({ where: { id: committeeId } });
    if (!committee) throw notFound(t.committees.notFound);
    if (committee.archivedAt) throw conflict(t.committees.alreadyArchived);
    const updated = await tx.committee.update({ where: { id: committeeId }, data: { archivedAt: options.now ?? new Date() } });
    await recordAudit(tx, { actorId: actor.id, action: "committee.archive", targetType: "Committee", targetId: committeeId, detail: { slug: committee.slug } });
    return updated;
  });
}

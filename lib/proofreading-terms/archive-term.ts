import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { recordAudit } from "@/lib/audit/record";
import { CommandError } from "@/lib/reports/errors";

/** Takes a term out of the site's list (kept for the record, no longer checked). */
export async function archiveProofreadingTerm(options: { actor: SessionUser; termId: string }) {
  if (!options.actor.isAdmin) throw new CommandError("NOT_MEMBER", messages.proofreading.adminOnly);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.proofreadingTerm.updateMany({ where: { id: options.termId, archivedAt: null }, data: { archivedAt: new Date() } });
    if (count !== 1) throw new CommandError("NOT_FOUND", messages.proofreading.termNotFound);
    await recordAudit(tx, { actorId: options.actor.id, action: "proofreading.archiveTerm", targetType: "ProofreadingTerm", targetId: options.termId, detail: {} });
  });
}

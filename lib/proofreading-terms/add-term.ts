import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { recordAudit } from "@/lib/audit/record";
import { CommandError, invalid } from "@/lib/reports/errors";
import { proofreadingTermSchema, type ProofreadingTermInput } from "./schemas";

/** A site admin adds a standard formulation, a frequent typo or a discouraged form. */
export async function addProofreadingTerm(options: { actor: SessionUser; input: ProofreadingTermInput }) {
  if (!options.actor.isAdmin) throw new CommandError("NOT_MEMBER", messages.proofreading.adminOnly);
  const parsed = proofreadingTermSchema.safeParse(options.input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? messages.proofreading.termInvalid);
  const term = parsed.data;
  return getDb().$transaction(async (tx) => {
    const duplicate = await tx.proofreadingTerm.findFirst({ where: { archivedAt: null, kind: term.kind, correct: term.correct } });
    if (duplicate) throw new CommandError("CONFLICT", messages.proofreading.termExists);
    const created = await tx.proofreadingTerm.create({ data: { ...term, createdById: options.actor.id }, select: { id: true } });
    await recordAudit(tx, { actorId: options.actor.id, action: "proofreading.addTerm", targetType: "ProofreadingTerm", targetId: created.id, detail: term });
    return created;
  });
}

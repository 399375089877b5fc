import type { Prisma } from "@/lib/generated/prisma/client";
import { extrasOf, type ProofreadingExtras } from "@/lib/reports/rules/proofreading";

type Reader = Pick<Prisma.TransactionClient, "proofreadingTerm">;

/** The site's own additions to the proofreading lists, newest first. */
export function listProofreadingTerms(db: Reader) {
  return db.proofreadingTerm.findMany({ where: { archivedAt: null }, orderBy: { createdAt: "desc" } });
}

/** The additions as the checker takes them (the editor, the reviewer and the approval gate). */
export async function loadProofreadingExtras(db: Reader): Promise<ProofreadingExtras> {
  return extrasOf(await listProofreadingTerms(db));
}

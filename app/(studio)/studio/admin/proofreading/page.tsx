import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { listProofreadingTerms } from "@/lib/proofreading-terms/load-terms";
import { ProofreadingTerms } from "@/components/studio/proofreading-terms";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: messages.proofreading.termsTitle };
export const dynamic = "force-dynamic";

export default async function ProofreadingTermsPage() {
  const user = await requireSessionUser();
  // Others learn nothing of the admin pages: the same 404 as any unknown address.
  if (!user.isAdmin) notFound();
  const terms = await listProofreadingTerms(getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{messages.proofreading.termsTitle}</h1>
      <p className="text-sm text-muted">{messages.proofreading.termsIntro}</p>
      <ProofreadingTerms terms={terms.map(({ id, kind, correct, wrong, items, note }) => ({ id, kind, correct, wrong, items, note }))} />
    </div>
  );
}

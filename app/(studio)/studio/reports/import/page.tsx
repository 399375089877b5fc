import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { listCommitteesForStudio } from "@/lib/reports/queries/studio";
import { canCreateReport } from "@/lib/reports/rules/permissions";
import { importMessages as t } from "@/lib/i18n/import.zh-CN";
import { ImportForm } from "@/components/studio/import-form";

export const metadata: Metadata = { title: t.pageTitle };
export const dynamic = "force-dynamic";

export default async function ImportReportPage() {
  const user = await requireSessionUser();
  const committees = (await listCommitteesForStudio(user)).filter((c) => canCreateReport(user, c.id));
  return (
    <div className="mx-auto max-w-6xl rounded-lg border border-rule bg-white p-6">
      <h1 className="mb-2 text-xl font-bold">{t.pageTitle}</h1>
      <p className="mb-4 text-sm text-muted">{t.intro}</p>
      {committees.length === 0 ? <p className="text-muted">{t.notMember}</p> : <ImportForm committees={committees.map((c) => ({ id: c.id, name: c.name }))} />}
    </div>
  );
}

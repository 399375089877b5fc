import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { listCommitteesForStudio } from "@/lib/reports/queries/studio";
import { canCreateReport } from "@/lib/reports/rules/permissions";
import { NewReportForm } from "@/components/studio/new-report-form";
import Link from "next/link";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { importMessages } from "@/lib/i18n/import.zh-CN";

export const metadata: Metadata = { title: "新建稿件" };
export const dynamic = "force-dynamic";

export default async function NewReportPage() {
  const user = await requireSessionUser();
  const committees = (await listCommitteesForStudio(user)).filter((c) => canCreateReport(user, c.id) && !c.archivedAt);
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-rule bg-white p-6">
      <h1 className="mb-4 text-xl font-bold">新建稿件</h1>
      {committees.length === 0 ? (
        <p className="text-muted" data-testid="no-committee">
          {user.isAdmin ? adminMessages.noCommitteeForReport : adminMessages.noCommitteeForReportMember}
          {user.isAdmin && (
            <Link href="/studio/admin/committees" className="ml-1 text-brand underline">
              {adminMessages.nav.committees}
            </Link>
          )}
        </p>
      ) : (
        <>
          <NewReportForm committees={committees.map((c) => ({ id: c.id, name: c.name }))} />
          <p className="mt-4 border-t border-rule pt-3 text-sm text-muted">
            {importMessages.fromFileHint}
            <Link href="/studio/reports/import" className="ml-1 text-brand underline" data-testid="import-from-new">
              {importMessages.importLink}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}

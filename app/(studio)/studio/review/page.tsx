import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/reports/queries/studio";
import { wroteThisEdition } from "@/lib/reports/rules/permissions";
import { ReportList } from "@/components/studio/report-list";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: "审核队列" };
export const dynamic = "force-dynamic";

export default async function ReviewQueuePage() {
  const user = await requireSessionUser();
  const queue = await listReviewQueue(user);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">审核队列</h1>
      <p className="text-sm text-muted">提交到您所审核的工委、等待审核的稿件，最早提交的在前。</p>
      <ReportList
        reports={queue.map((r) => ({
          ...r,
          note: wroteThisEdition(user.id, r) ? messages.workflow.twoPerson.queueNote : undefined,
        }))}
        empty="没有等待审核的稿件"
      />
    </div>
  );
}

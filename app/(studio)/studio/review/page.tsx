import type { Metadata } from "next";
import { requireSessionUser } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/reports/queries";
import { ReportList } from "@/components/studio/report-list";

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
          note: r.authorId === user.id || r.lastEditedById === user.id ? "您撰写或修改过，需由其他审核人审核" : undefined,
        }))}
        empty="没有等待审核的稿件"
      />
    </div>
  );
}

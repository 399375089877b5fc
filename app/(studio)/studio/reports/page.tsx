import type { Metadata } from "next";
import Link from "next/link";
import { requireSessionUser } from "@/lib/auth/session";
import { listMyReports } from "@/lib/reports/queries/studio";
import { REPORT_STATUSES } from "@/lib/reports/rules/workflow";
import { messages } from "@/lib/i18n";
import { ReportList } from "@/components/studio/report-list";

export const metadata: Metadata = { title: "我的稿件" };
export const dynamic = "force-dynamic";

export default async function MyReportsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const user = await requireSessionUser();
  const { status } = await searchParams;
  const all = await listMyReports(user);
  const selected = REPORT_STATUSES.find((s) => s === status);
  const shown = selected ? all.filter((r) => r.status === selected) : all;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">我的稿件</h1>
        <div className="flex gap-2">
          <Link href="/studio/reports/import" className="rounded border border-brand px-3 py-1.5 text-sm text-brand">
            导入 Word/文本
          </Link>
          <Link href="/studio/reports/new" className="rounded bg-brand px-3 py-1.5 text-sm text-white">
            新建稿件
          </Link>
        </div>
      </div>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
        <Link href="/studio/reports" aria-current={!selected ? "page" : undefined} className={`rounded px-3 py-1 ${!selected ? "bg-ink text-white" : "bg-white"}`}>
          全部（{all.length}）
        </Link>
        {REPORT_STATUSES.map((s) => (
          <Link key={s} href={`/studio/reports?status=${s}`} aria-current={selected === s ? "page" : undefined} className={`rounded px-3 py-1 ${selected === s ? "bg-ink text-white" : "bg-white"}`}>
            {messages.status[s]}（{all.filter((r) => r.status === s).length}）
          </Link>
        ))}
      </nav>
      <ReportList reports={shown} empty="暂无稿件" />
    </div>
  );
}

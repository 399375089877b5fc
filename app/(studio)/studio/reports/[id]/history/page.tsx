import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { loadHistory } from "@/lib/reports/queries/history";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n";
import { RevisionDiff } from "@/components/report/revision-diff";
import { RestoreButton } from "@/components/studio/restore-button";

export const metadata: Metadata = { title: "修改历史" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export default async function HistoryPage({ params, searchParams }: Props) {
  const user = await requireSessionUser();
  const { id } = await params;
  const history = await loadHistory(user, id, await searchParams);
  if (!history) notFound();
  const { report, revisions, canRestore, comparison } = history;
  const { from, to, diff } = comparison ?? {};
  const t = messages.workflow;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/studio/reports/${report.id}`} className="text-sm text-muted hover:underline">
          ← 返回稿件
        </Link>
        <h1 className="text-xl font-bold">修改历史：{report.title}</h1>
      </div>

      <section className="rounded-lg border border-rule bg-white p-4" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading" className="mb-3 font-bold">
          版本（{revisions.length}）
        </h2>
        {revisions.length < 1 ? (
          <p className="text-sm text-muted">编辑时每 10 分钟、提交审核、发布和恢复时会保存版本。</p>
        ) : (
          <form className="space-y-2" method="get">
            {/* On a phone the table scrolls sideways rather than breaking 旧版本 or a date over lines. */}
            <div className="overflow-x-auto">
              <table className="w-full whitespace-nowrap text-sm [&_td]:pr-3 [&_th]:pr-3">
                <thead className="text-left text-muted">
                  <tr>
                    <th className="py-1">旧版本</th>
                    <th>新版本</th>
                    <th>版本</th>
                    <th>原因</th>
                    <th>时间</th>
                    <th>操作人</th>
                    <th>字数</th>
                    <th />
                  </tr>
                </thead>
                <tbody data-testid="revisions">
                  {revisions.map((r) => (
                    <tr key={r.id} className="border-t border-rule">
                      <td className="py-1.5">
                        <input type="radio" name="from" value={r.id} defaultChecked={r.id === from?.id} aria-label={`第 ${r.number} 版作为旧版本`} />
                      </td>
                      <td>
                        <input type="radio" name="to" value={r.id} defaultChecked={r.id === to?.id} aria-label={`第 ${r.number} 版作为新版本`} />
                      </td>
                      <td>第 {r.number} 版</td>
                      <td>{t.revisionReasons[r.reason]}</td>
                      <td>{formatDateTime(r.createdAt)}</td>
                      <td>{r.createdBy?.displayName ?? "系统"}</td>
                      <td>{r.charCount}</td>
                      <td className="text-right">{canRestore && <RestoreButton reportId={report.id} revisionId={r.id} number={r.number} version={report.version} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="submit" className="rounded border border-rule px-3 py-1.5 text-sm">
              比较所选版本
            </button>
          </form>
        )}
      </section>

      {diff && from && to && (
        <section className="rounded-lg border border-rule bg-white p-4" aria-labelledby="diff-heading" data-testid="revision-diff">
          <h2 id="diff-heading" className="mb-3 font-bold">
            版本比较
          </h2>
          <RevisionDiff diff={diff} beforeLabel={`第 ${from.number} 版`} afterLabel={`第 ${to.number} 版`} />
        </section>
      )}

      <section className="rounded-lg border border-rule bg-white p-4" aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-3 font-bold">
          流程记录
        </h2>
        <ol className="space-y-1 text-sm" data-testid="events">
          {[...report.events].reverse().map((e) => (
            <li key={e.id}>
              <span className="text-muted">{formatDateTime(e.createdAt)}</span> {e.actor?.displayName ?? "系统"} {t.events[e.action]}
              {e.fromStatus ? `（${messages.status[e.fromStatus]} → ${messages.status[e.toStatus]}）` : ""}
              {e.comment && `：${e.comment}`}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSessionUser } from "@/lib/auth/session";
import { getReportForStudio } from "@/lib/reports/queries";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: messages.studio.reportTitle };
export const dynamic = "force-dynamic";

export default async function StudioReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSessionUser();
  const report = await getReportForStudio(user, (await params).id);
  // Same answer for "no such id" and "another committee's report".
  if (!report) notFound();
  const t = messages.studio;
  const fields = [
    ["kicker", report.kicker],
    ["subtitle", report.subtitle],
    ["byline", report.byline],
    ["source", report.source],
    ["originalTitle", report.originalTitle],
    ["responsibleEditor", report.responsibleEditor],
    ["summary", report.summary],
    ["column", report.column],
    ["issueDate", report.issueDate ? formatCalendarDate(report.issueDate) : ""],
  ] as const;

  return (
    <div className="space-y-6">
      <Link href="/studio" className="text-sm text-muted hover:underline">
        ← {t.backToStudio}
      </Link>
      <div className="rounded-lg border border-rule bg-white p-6">
        <div className="mb-2 flex items-center gap-3">
          <StatusBadge status={report.status} />
          <span className="text-sm text-muted">{report.committee.name}</span>
          {report.liveRevisionId && (
            <Link href={`/reports/${report.id}`} className="text-sm text-brand underline">
              {t.viewPublic}
            </Link>
          )}
        </div>
        <h1 className="text-2xl font-bold" style={{ fontFamily: "var(--font-serif)" }}>
          {report.title}
        </h1>
        <dl className="mt-4 grid grid-cols-[6em_1fr] gap-x-4 gap-y-1 text-sm">
          {fields
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-muted">{t.fields[key]}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <div className="report-body mt-6 border-t border-rule pt-6" dangerouslySetInnerHTML={{ __html: report.html }} />
      </div>
      <section className="rounded-lg border border-rule bg-white p-6">
        <h2 className="mb-3 font-bold">流程记录</h2>
        <ol className="space-y-1 text-sm">
          {report.events.map((e) => (
            <li key={e.id}>
              <span className="text-muted">{formatDateTime(e.createdAt)}</span> {e.actor?.displayName ?? "系统"}：
              {e.fromStatus ? `${messages.status[e.fromStatus]} → ` : ""}
              {messages.status[e.toStatus]}
              {e.comment && `（${e.comment}）`}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

import type { PublishedReport } from "@/lib/public/published-reports";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { format, messages } from "@/lib/i18n";

/** A published report as a newspaper prints it: kicker, title, subtitle, byline line, body. */
export function ReportArticle({ report }: { report: PublishedReport }) {
  const t = messages.public;
  const date = report.issueDate ? formatCalendarDate(report.issueDate) : formatDate(report.publishedAt);
  return (
    <article className="mx-auto max-w-[42rem]" lang="zh-CN">
      <header className="mb-8 border-b border-rule pb-6 text-center">
        {report.kicker && <p className="mb-2 text-base text-muted">{report.kicker}</p>}
        <h1 className="text-[1.75rem] font-bold leading-snug sm:text-[2rem]" style={{ fontFamily: "var(--font-serif)" }}>
          {report.title}
        </h1>
        {report.subtitle && <p className="mt-3 text-lg text-muted">——{report.subtitle}</p>}
        <p className="mt-5 flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-muted">
          <span>{report.committee.name}</span>
          <time dateTime={report.publishedAt.toISOString()}>{date}</time>
          {report.byline && <span>{report.byline}</span>}
          {report.source && (
            <span>
              {t.source}：{report.source}
            </span>
          )}
          <span>{format(t.charCount, { count: report.charCount })}</span>
        </p>
        {report.originalTitle && (
          <p className="mt-2 text-sm text-muted">
            （{t.originalTitle}：{report.originalTitle}）
          </p>
        )}
      </header>
      {report.correctionNote && (
        <aside className="mb-6 border-l-4 border-brand bg-white px-4 py-3 text-sm" aria-label="更正说明">
          <strong>更正说明：</strong>
          {report.correctionNote}
        </aside>
      )}
      {/* Server-rendered from validated Tiptap JSON (lib/content/render.ts), never client HTML. */}
      <div className="report-body" dangerouslySetInnerHTML={{ __html: report.html }} />
      {report.responsibleEditor && (
        <p className="mt-8 text-right text-sm text-muted">
          （{t.responsibleEditor}：{report.responsibleEditor}）
        </p>
      )}
    </article>
  );
}

import Link from "next/link";
import type { ArticleData } from "@/lib/public/article";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { format, messages } from "@/lib/i18n";

/**
 * A report as a newspaper prints it: kicker, title, subtitle, byline line, body. The public page
 * passes the published edition; previews pass a working copy or a revision (lib/preview/).
 * Its links are not prefetched, for the reason given in app/(public)/layout.tsx.
 */
export function ReportArticle({ report }: { report: ArticleData }) {
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
          <Link href={`/committees/${report.committee.slug}`} prefetch={false} className="hover:text-brand hover:underline">
            {report.committee.name}
          </Link>
          <time dateTime={report.publishedAt.toISOString()}>{date}</time>
          {report.byline && <span>{report.byline}</span>}
          {report.source && (
            <span>
              {t.source}：{report.source}
            </span>
          )}
          {report.column && (
            <Link href={`/columns/${encodeURIComponent(report.column)}`} prefetch={false} className="hover:text-brand hover:underline">
              {report.column}
            </Link>
          )}
          <span>{format(t.charCount, { count: report.charCount })}</span>
        </p>
        {report.originalTitle && (
          <p className="mt-2 text-sm text-muted">
            （{t.originalTitle}：{report.originalTitle}）
          </p>
        )}
      </header>
      {report.corrections.length > 0 && (
        <aside className="mb-6 space-y-2 border-l-4 border-brand bg-white px-4 py-3 text-sm" aria-label="更正说明" data-testid="corrections">
          {report.corrections.map((c, i) => (
            <p key={i}>
              <strong>更正说明{c.at ? `（${formatDate(c.at)}）` : ""}：</strong>
              {c.note}
            </p>
          ))}
        </aside>
      )}
      {/* Server-rendered from validated Tiptap JSON (lib/content/render.ts), never client HTML. */}
      <div className="report-body" dangerouslySetInnerHTML={{ __html: report.html }} />
      {report.responsibleEditor && (
        <p className="mt-8 text-right text-sm text-muted">
          （{t.responsibleEditor}：{report.responsibleEditor}）
        </p>
      )}
      {(report.previous || report.next) && (
        <nav aria-label="同一发布单位的其他稿件" className="no-print mt-10 grid gap-3 border-t border-rule pt-4 text-sm sm:grid-cols-2">
          <div>
            {report.next && (
              <Link href={`/reports/${report.next.id}`} prefetch={false} className="hover:text-brand hover:underline">
                <span className="block text-muted">上一篇</span>
                {report.next.title}
              </Link>
            )}
          </div>
          <div className="sm:text-right">
            {report.previous && (
              <Link href={`/reports/${report.previous.id}`} prefetch={false} className="hover:text-brand hover:underline">
                <span className="block text-muted">下一篇</span>
                {report.previous.title}
              </Link>
            )}
          </div>
        </nav>
      )}
    </article>
  );
}

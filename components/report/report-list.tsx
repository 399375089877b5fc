import Link from "next/link";
import type { PublishedReportSummary } from "@/lib/public/published-reports";
import { formatCalendarDate, formatDate } from "@/lib/format";

/** A list of published reports as the public site shows them. */
export function PublicReportList({ reports, showCommittee = true, testId }: { reports: PublishedReportSummary[]; showCommittee?: boolean; testId?: string }) {
  return (
    <ol className="divide-y divide-rule" data-testid={testId}>
      {reports.map((report) => (
        <li key={report.id} className="py-5">
          <article className={report.cover ? "flex gap-4" : undefined}>
            {report.cover && (
              // eslint-disable-next-line @next/next/no-img-element -- a sized rendition, with width and height so nothing shifts
              <img
                src={report.cover.thumbSrc}
                alt={report.cover.alt}
                width={report.cover.thumbWidth}
                height={report.cover.thumbHeight}
                loading="lazy"
                className="order-last h-24 w-32 shrink-0 rounded object-cover"
                data-testid="report-cover"
              />
            )}
            <div className="min-w-0 flex-1">
            {report.kicker && <p className="text-sm text-muted">{report.kicker}</p>}
            <h3 className="text-xl font-bold leading-snug" style={{ fontFamily: "var(--font-serif)" }}>
              <Link href={`/reports/${report.id}`} className="hover:text-brand hover:underline">
                {report.title}
              </Link>
            </h3>
            {report.subtitle && <p className="mt-1 text-muted">{report.subtitle}</p>}
            <p className="mt-2 line-clamp-2 text-[0.95rem] leading-7 text-ink/80">{report.summary || report.plainTextStart}</p>
            <p className="mt-2 text-sm text-muted">
              {showCommittee && (
                <>
                  <Link href={`/committees/${report.committee.slug}`} className="font-medium text-brand hover:underline">
                    {report.committee.name}
                  </Link>
                  <span aria-hidden="true"> · </span>
                </>
              )}
              <time dateTime={report.publishedAt.toISOString()}>
                {report.issueDate ? formatCalendarDate(report.issueDate) : formatDate(report.publishedAt)}
              </time>
              {report.column && (
                <>
                  <span aria-hidden="true"> · </span>
                  <Link href={`/columns/${encodeURIComponent(report.column)}`} className="hover:underline">
                    {report.column}
                  </Link>
                </>
              )}
            </p>
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}

/** Titles and dates only, as a committee's corner of the home page shows them. */
export function PublicHeadlineList({ reports }: { reports: PublishedReportSummary[] }) {
  return (
    <ul className="space-y-2">
      {reports.map((report) => (
        <li key={report.id} className="flex items-baseline gap-3">
          <span aria-hidden="true" className="h-1.5 w-1.5 shrink-0 translate-y-[-0.2em] rounded-full bg-brand/70" />
          <Link href={`/reports/${report.id}`} className="line-clamp-2 min-w-0 flex-1 hover:text-brand hover:underline">
            {report.title}
          </Link>
          <time dateTime={report.publishedAt.toISOString()} className="shrink-0 text-sm tabular-nums text-muted">
            {report.issueDate ? formatCalendarDate(report.issueDate) : formatDate(report.publishedAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}

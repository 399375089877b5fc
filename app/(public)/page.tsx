import Link from "next/link";
import { listLatestPublishedReports } from "@/lib/public/published-reports";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const reports = await listLatestPublishedReports({ take: 30 });
  return (
    <section aria-labelledby="latest-heading">
      <h1 id="latest-heading" className="mb-6 border-b-2 border-brand pb-2 text-xl font-bold">
        {messages.public.latest}
      </h1>
      {reports.length === 0 ? (
        <p className="text-muted">{messages.public.noReports}</p>
      ) : (
        <ol className="divide-y divide-rule" data-testid="latest-reports">
          {reports.map((report) => (
            <li key={report.id} className="py-5">
              <article>
                {report.kicker && <p className="text-sm text-muted">{report.kicker}</p>}
                <h2 className="text-xl font-bold leading-snug" style={{ fontFamily: "var(--font-serif)" }}>
                  <Link href={`/reports/${report.id}`} className="hover:text-brand hover:underline">
                    {report.title}
                  </Link>
                </h2>
                {report.subtitle && <p className="mt-1 text-muted">{report.subtitle}</p>}
                <p className="mt-2 line-clamp-2 text-[0.95rem] leading-7 text-ink/80">
                  {report.summary || report.plainTextStart}
                </p>
                <p className="mt-2 text-sm text-muted">
                  <span className="font-medium text-brand">{report.committee.name}</span>
                  <span aria-hidden="true"> · </span>
                  <time dateTime={report.publishedAt.toISOString()}>
                    {report.issueDate ? formatCalendarDate(report.issueDate) : formatDate(report.publishedAt)}
                  </time>
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

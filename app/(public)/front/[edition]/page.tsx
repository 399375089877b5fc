import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageAlternates } from "@/lib/public/report-metadata";
import { listColumns, listCommitteeSections, listLatestPublishedReports } from "@/lib/public/published-reports";
import { messages } from "@/lib/i18n";
import { PublicHeadlineList, PublicReportList } from "@/components/report/report-list";

// The home page (next.config.ts rewrites "/" here). Rendered per request from the cached public
// reads; the front server or Varnish keeps the HTML (CDN-Cache-Control in next.config.ts) until
// a public change empties them.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { alternates: pageAlternates("/") };

export default async function HomePage({ params }: { params: Promise<{ edition: string }> }) {
  if ((await params).edition !== "latest") notFound();
  const [latest, sections, columns] = await Promise.all([
    listLatestPublishedReports({ take: 10 }),
    listCommitteeSections(5),
    listColumns(),
  ]);
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <h1 className="sr-only">{messages.site.name}</h1>
      <div className="min-w-0 space-y-10">
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="mb-2 border-b-2 border-brand pb-2 text-xl font-bold">
            {messages.public.latest}
          </h2>
          {latest.length === 0 ? <p className="text-muted">{messages.public.noReports}</p> : <PublicReportList reports={latest} testId="latest-reports" />}
        </section>
        {sections.length > 0 && (
          <div className="grid gap-x-10 gap-y-8 md:grid-cols-2">
            {sections.map(({ committee, reports }) => (
              <section key={committee.slug} aria-labelledby={`committee-${committee.slug}`} data-testid="committee-section" className="min-w-0">
                <h2 id={`committee-${committee.slug}`} className="mb-3 flex items-baseline justify-between border-b border-rule pb-2 text-lg font-bold">
                  <Link href={`/committees/${committee.slug}`} className="hover:text-brand">
                    {committee.name}
                  </Link>
                  <Link href={`/committees/${committee.slug}`} className="text-sm font-normal text-brand hover:underline">
                    更多<span className="sr-only">{committee.name}稿件</span>
                  </Link>
                </h2>
                <PublicHeadlineList reports={reports} />
              </section>
            ))}
          </div>
        )}
      </div>
      <aside className="space-y-6" aria-label="栏目与发布单位">
        {columns.length > 0 && (
          <nav aria-labelledby="columns-heading">
            <h2 id="columns-heading" className="mb-2 border-b border-rule pb-2 font-bold">
              栏目
            </h2>
            <ul className="flex flex-wrap gap-2">
              {columns.map((c) => (
                <li key={c.column}>
                  <Link href={`/columns/${encodeURIComponent(c.column)}`} className="inline-block rounded border border-rule bg-white px-2 py-1 text-sm hover:border-brand">
                    {c.column}（{c.count}）
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {sections.length > 0 && (
          <nav aria-labelledby="committees-heading">
            <h2 id="committees-heading" className="mb-2 border-b border-rule pb-2 font-bold">
              发布单位
            </h2>
            <ul className="space-y-1 text-sm">
              {sections.map(({ committee }) => (
                <li key={committee.slug}>
                  <Link href={`/committees/${committee.slug}`} className="hover:text-brand hover:underline">
                    {committee.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </aside>
    </div>
  );
}

import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { committeeLegacyPage, getCommitteePage } from "@/lib/public/published-reports";
import { positionFromQuery, positionQuery, type Position } from "@/lib/public/keyset";
import { messages } from "@/lib/i18n";
import { PublicReportList } from "./report-list";
import { KeysetPagination } from "@/components/ui/keyset-pagination";

type Query = Record<string, string | string[] | undefined>;

/**
 * Where a committee list's address points: its position, or a redirect for the old page
 * numbers (`/page/N`, `?page=N`), which now start at a report's cursor. 404 when malformed or
 * past the end.
 */
export async function committeePosition(slug: string, base: string, query: Query, yearMonth: string | null, legacyPage?: string): Promise<Position> {
  const page = legacyPage ?? query.page;
  if (page !== undefined) {
    const n = typeof page === "string" && /^\d{1,6}$/.test(page) ? Number(page) : 0;
    const position = n >= 1 ? await committeeLegacyPage(slug, n, yearMonth) : null;
    if (!position) notFound();
    redirect(`${base}${positionQuery(position)}`);
  }
  return positionFromQuery(query) ?? notFound();
}

/** A committee's page: its reports, newest first a page at a time, with an archive by year and month. */
export async function CommitteeListing({ slug, query = {}, yearMonth = null, legacyPage }: { slug: string; query?: Query; yearMonth?: string | null; legacyPage?: string }) {
  const base = yearMonth ? `/committees/${slug}/archive/${yearMonth}` : `/committees/${slug}`;
  const position = await committeePosition(slug, base, query, yearMonth, legacyPage);
  const data = await getCommitteePage(slug, { position, yearMonth });
  if (!data) notFound();
  if (data.atNewest) redirect(base);
  const { committee, reports, total, archive, newer, older } = data;
  const years = [...new Set(archive.map((a) => a.yearMonth.slice(0, 4)))];
  const [y, m] = yearMonth?.split("-") ?? [];
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_14rem]">
      <section className="min-w-0" aria-labelledby="committee-heading">
        <h1 id="committee-heading" className="mb-2 border-b-2 border-brand pb-2 text-2xl font-bold">
          {committee.name}
          {yearMonth && <span className="ml-2 text-lg font-normal text-muted">{`${y}年${Number(m)}月`}</span>}
        </h1>
        {committee.description && <p className="mb-4 text-muted">{committee.description}</p>}
        {reports.length === 0 ? <p className="py-6 text-muted">{messages.public.noReports}</p> : <PublicReportList reports={reports} showCommittee={false} testId="committee-reports" />}
        <KeysetPagination base={base} newer={newer} older={older} total={total} />
      </section>
      <nav aria-labelledby="archive-heading" className="text-sm">
        <h2 id="archive-heading" className="mb-2 border-b border-rule pb-2 font-bold">
          按月归档
        </h2>
        {years.map((year) => (
          <div key={year} className="mb-3">
            <h3 className="font-medium">{year}年</h3>
            <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
              {archive
                .filter((a) => a.yearMonth.startsWith(year))
                .map((a) => (
                  <li key={a.yearMonth}>
                    <Link href={`/committees/${slug}/archive/${a.yearMonth}`} aria-current={a.yearMonth === yearMonth ? "page" : undefined} className="hover:text-brand hover:underline">
                      {Number(a.yearMonth.slice(5))}月（{a.count}）
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
    </div>
  );
}

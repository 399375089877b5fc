import Link from "next/link";
import { notFound } from "next/navigation";
import { getCommitteePage } from "@/lib/public/published-reports";
import { PublicReportList } from "./report-list";
import { Pagination } from "@/components/ui/pagination";

/** A committee's page: its reports, paginated, with an archive by year and month. */
export async function CommitteeListing({ slug, page = 1, yearMonth = null }: { slug: string; page?: number; yearMonth?: string | null }) {
  if (!Number.isInteger(page) || page < 1) notFound();
  const data = await getCommitteePage(slug, { page, yearMonth });
  if (!data) notFound();
  const { committee, reports, total, archive, pageSize } = data;
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
        {reports.length === 0 ? <p className="py-6 text-muted">暂无已发布的稿件</p> : <PublicReportList reports={reports} showCommittee={false} testId="committee-reports" />}
        {!yearMonth && <Pagination page={page} pages={Math.ceil(total / pageSize)} total={total} hrefFor={(p) => (p === 1 ? `/committees/${slug}` : `/committees/${slug}/page/${p}`)} />}
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

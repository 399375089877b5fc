import { notFound, permanentRedirect } from "next/navigation";
import { renamedColumnTarget } from "@/lib/public/column-redirect";
import { getColumnPage } from "@/lib/public/published-reports";
import { PublicReportList } from "./report-list";
import { Pagination } from "@/components/ui/pagination";

/** A 栏目 page: published reports filed under one column, across committees. */
export async function ColumnListing({ column, page = 1 }: { column: string; page?: number }) {
  if (!Number.isInteger(page) || page < 1 || column.length > 50) notFound();
  const { reports, total, pageSize } = await getColumnPage(column, page);
  if (total === 0) {
    // A renamed 栏目's old links keep working (308 to the new name).
    const target = await renamedColumnTarget(column);
    if (target) permanentRedirect(page === 1 ? `/columns/${encodeURIComponent(target)}` : `/columns/${encodeURIComponent(target)}/page/${page}`);
    notFound();
  }
  const base = `/columns/${encodeURIComponent(column)}`;
  return (
    <section aria-labelledby="column-heading">
      <h1 id="column-heading" className="mb-2 border-b-2 border-brand pb-2 text-2xl font-bold">
        栏目：{column}
      </h1>
      <PublicReportList reports={reports} testId="column-reports" />
      <Pagination page={page} pages={Math.ceil(total / pageSize)} total={total} hrefFor={(p) => (p === 1 ? base : `${base}/page/${p}`)} />
    </section>
  );
}

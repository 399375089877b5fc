import { notFound, permanentRedirect, redirect } from "next/navigation";
import { renamedColumnTarget } from "@/lib/public/column-redirect";
import { columnLegacyPage, getColumnPage } from "@/lib/public/published-reports";
import { positionFromQuery, positionQuery } from "@/lib/public/keyset";
import { PublicReportList } from "./report-list";
import { KeysetPagination } from "@/components/ui/keyset-pagination";

type Query = Record<string, string | string[] | undefined>;

/** A 栏目 page: published reports filed under one column, across committees, newest first a page at a time. */
export async function ColumnListing({ column, query = {}, legacyPage }: { column: string; query?: Query; legacyPage?: string }) {
  if (column.length > 50) notFound();
  const base = `/columns/${encodeURIComponent(column)}`;
  const page = legacyPage ?? query.page;
  if (page !== undefined) {
    // Old page numbers (`/page/N`, `?page=N`) now start at a report's cursor.
    const n = typeof page === "string" && /^\d{1,6}$/.test(page) ? Number(page) : 0;
    const start = n >= 1 ? await columnLegacyPage(column, n) : null;
    if (start) redirect(`${base}${positionQuery(start)}`);
    const target = n >= 1 ? await renamedColumnTarget(column) : null;
    if (target) permanentRedirect(`/columns/${encodeURIComponent(target)}?page=${n}`);
    notFound();
  }
  const position = positionFromQuery(query) ?? notFound();
  const { reports, total, newer, older, atNewest } = await getColumnPage(column, position);
  if (total === 0) {
    // A renamed 栏目's old links keep working (308 to the new name).
    const target = await renamedColumnTarget(column);
    if (target) permanentRedirect(`/columns/${encodeURIComponent(target)}`);
    notFound();
  }
  if (atNewest) redirect(base);
  return (
    <section aria-labelledby="column-heading">
      <h1 id="column-heading" className="mb-2 border-b-2 border-brand pb-2 text-2xl font-bold">
        栏目：{column}
      </h1>
      <PublicReportList reports={reports} testId="column-reports" />
      <KeysetPagination base={base} newer={newer} older={older} total={total} />
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getPublicDb } from "@/lib/db/public-db";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { format } from "@/lib/i18n";
import { searchMessages as t } from "@/lib/i18n/search.zh-CN";
import { loadCachedFilterOptions } from "@/lib/search/filter-options";
import { MAX_PAGE, parsePage, searchReports, type SearchResult } from "@/lib/search/search";
import type { TextPart } from "@/lib/search/snippet";
import { SearchForm } from "@/components/search/search-form";
import { Pagination } from "@/components/ui/pagination";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: t.title, robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const db = getPublicDb();
  const rawQuery = first(params.q);
  const committeeSlug = first(params.committee).slice(0, 100);
  const yearText = /^\d{4}$/.test(first(params.year)) ? first(params.year) : "";
  const column = first(params.column).slice(0, 100);
  const page = parsePage(params.page);

  // A failure (the database unreachable, say) is thrown to error.tsx: the reader still gets a
  // page with the message, and it answers 500, so no shared cache keeps it (next.config.ts).
  const options = await loadCachedFilterOptions();
  const committee = options.committees.find((c) => c.slug === committeeSlug);
  const result: SearchResult = await searchReports(db, {
    q: rawQuery,
    page,
    filters: { committeeId: committee?.id ?? null, year: yearText ? Number(yearText) : null, column: column || null },
  });

  const query = result.query;
  const hrefFor = (p: number) => {
    const sp = new URLSearchParams();
    if (query) sp.set("q", query);
    if (committeeSlug) sp.set("committee", committeeSlug);
    if (yearText) sp.set("year", yearText);
    if (column) sp.set("column", column);
    if (p > 1) sp.set("page", String(p));
    return `/search?${sp.toString()}`;
  };

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="mb-6 border-b-2 border-brand pb-2 text-xl font-bold">
        {t.title}
      </h1>
      <SearchForm query={query} committee={committeeSlug} year={yearText} column={column} options={options} />
      {!query ? (
        <p className="text-muted">{t.emptyQuery}</p>
      ) : !result.searched ? (
        <p className="text-muted">{t.nothingSearchable}</p>
      ) : result.total === 0 ? (
        <div className="text-muted" data-testid="search-no-results">
          <p>{format(t.noResults, { q: query })}</p>
          <p className="mt-1 text-sm">{t.noResultsHint}</p>
        </div>
      ) : (
        <Results result={result} hrefFor={hrefFor} />
      )}
    </section>
  );
}

function Results({ result, hrefFor }: { result: SearchResult; hrefFor: (page: number) => string }) {
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="sr-only">
        {t.results}
      </h2>
      <p className="mb-2 text-sm text-muted" role="status" data-testid="search-total">
        {format(result.totalIsLowerBound ? t.totalMore : t.total, { n: result.total })}
        {result.pageCount > 1 && (
          <span className="ml-2">{format(t.pageOf, { page: result.page, pages: result.pageCount })}</span>
        )}
      </p>
      <ol className="divide-y divide-rule" data-testid="search-results">
        {result.hits.map((hit) => (
          <li key={hit.id} className="py-5">
            <article>
              {hit.kicker && <p className="text-sm text-muted">{hit.kicker}</p>}
              <h3 className="text-xl font-bold leading-snug" style={{ fontFamily: "var(--font-serif)" }}>
                <Link href={`/reports/${hit.id}`} className="hover:text-brand hover:underline">
                  <Marked parts={hit.title} />
                </Link>
              </h3>
              <p className="mt-2 text-[0.95rem] leading-7 text-ink/80">
                <Marked parts={hit.snippet} />
              </p>
              <p className="mt-2 text-sm text-muted">
                <span className="font-medium text-brand">{hit.committee.name}</span>
                {hit.column && (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span>{hit.column}</span>
                  </>
                )}
                <span aria-hidden="true"> · </span>
                <time dateTime={hit.publishedAt.toISOString()}>
                  {hit.issueDate ? formatCalendarDate(hit.issueDate) : formatDate(hit.publishedAt)}
                </time>
              </p>
            </article>
          </li>
        ))}
      </ol>
      <Pagination page={result.page} pages={result.pageCount} hrefFor={hrefFor} />
      {result.page === MAX_PAGE || (result.pageCount === MAX_PAGE && result.totalIsLowerBound) ? (
        <p className="mt-3 text-sm text-muted">{format(t.pageLimit, { pages: MAX_PAGE })}</p>
      ) : null}
    </section>
  );
}

/** Text with its matched passages in <mark>; React escapes every part. */
function Marked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-yellow-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

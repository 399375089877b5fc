import Link from "next/link";

const LINK = "rounded border border-rule bg-white px-3 py-1 hover:border-brand hover:text-brand";

/**
 * 上一页 / page numbers / 下一页, with hrefs from `hrefFor(page)`; `total` adds a 共 N 篇
 * line for lists that do not show their count elsewhere.
 */
export function Pagination({ page, pages, hrefFor, total }: { page: number; pages: number; hrefFor: (page: number) => string; total?: number }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} rel="prev" className={LINK}>
          上一页
        </Link>
      )}
      {shown.map((p, i) => (
        <span key={p} className="flex items-center gap-2">
          {i > 0 && shown[i - 1]! < p - 1 && <span aria-hidden="true">…</span>}
          {p === page ? (
            <span aria-current="page" className="rounded bg-brand px-3 py-1 text-white">
              {p}
            </span>
          ) : (
            <Link href={hrefFor(p)} aria-label={`第 ${p} 页`} className={LINK}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages && (
        <Link href={hrefFor(page + 1)} rel="next" className={LINK}>
          下一页
        </Link>
      )}
      {total !== undefined && <span className="text-muted">共 {total} 篇</span>}
    </nav>
  );
}

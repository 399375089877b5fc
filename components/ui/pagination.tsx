import Link from "next/link";

/** 上一页 / page numbers / 下一页, with hrefs from `hrefFor(page)`. */
export function Pagination({ page, total, pageSize, hrefFor }: { page: number; total: number; pageSize: number; hrefFor: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav aria-label="分页" className="mt-6 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={hrefFor(page - 1)} className="rounded border border-rule bg-white px-3 py-1">
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
            <Link href={hrefFor(p)} className="rounded border border-rule bg-white px-3 py-1">
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages && (
        <Link href={hrefFor(page + 1)} className="rounded border border-rule bg-white px-3 py-1">
          下一页
        </Link>
      )}
      <span className="text-muted">共 {total} 篇</span>
    </nav>
  );
}

import Link from "next/link";
import { format, messages } from "@/lib/i18n";

const LINK = "rounded border border-rule bg-white px-3 py-1 hover:border-brand hover:text-brand";
const t = messages.public;

/**
 * Links of a keyset-paged list (lib/public/keyset.ts): to the newest page, to newer and to
 * older reports, and the list's total.
 */
export function KeysetPagination({ base, newer, older, total }: { base: string; newer: string | null; older: string | null; total: number }) {
  if (!newer && !older) return total > 0 ? <p className="mt-6 text-sm text-muted">{format(t.totalReports, { count: total })}</p> : null;
  return (
    <nav aria-label={t.pagingLabel} className="mt-6 flex flex-wrap items-center gap-2 text-sm">
      {newer && (
        <>
          <Link href={base} className={LINK}>
            {t.firstPage}
          </Link>
          <Link href={`${base}?after=${newer}`} rel="prev" className={LINK}>
            {t.newerPage}
          </Link>
        </>
      )}
      {older && (
        <Link href={`${base}?before=${older}`} rel="next" className={LINK}>
          {t.olderPage}
        </Link>
      )}
      <span className="text-muted">{format(t.totalReports, { count: total })}</span>
    </nav>
  );
}

"use client";

import Link from "next/link";
import { searchMessages as t } from "@/lib/i18n/search.zh-CN";

/** Search could not run (see page.tsx): the reader gets the message and a way on, never a stack. */
export default function SearchError({ reset }: { error: Error; reset: () => void }) {
  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="mb-6 border-b-2 border-brand pb-2 text-xl font-bold">
        {t.title}
      </h1>
      <p role="alert" className="text-muted">
        {t.error}
      </p>
      <p className="mt-4 flex gap-4">
        <button type="button" onClick={reset} className="rounded border border-rule px-4 py-2 hover:border-brand">
          {t.retry}
        </button>
        <Link href="/" className="px-4 py-2 text-brand underline">
          {t.home}
        </Link>
      </p>
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { messages } from "@/lib/i18n";

export const metadata: Metadata = { title: messages.public.goneTitle, robots: { index: false } };
// Rendered per request: a prerendered page, once revalidated, is served with status 200 and
// would override the 410 that proxy.ts sets on the rewrite.
export const dynamic = "force-dynamic";

/** Shown (with status 410, set in proxy.ts) at the URL of a report that was taken down. */
export default function ReportGone() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">{messages.public.goneTitle}</h1>
      <p className="mt-3 text-muted">{messages.public.goneBody}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        {messages.public.backHome}
      </Link>
    </div>
  );
}

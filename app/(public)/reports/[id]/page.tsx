import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublishedReport } from "@/lib/public/published-reports";
import { ReportArticle } from "@/components/report/report-article";
import { reportJsonLd, reportMetadata, serializeJsonLd } from "@/lib/public/report-metadata";

// Rendered per request from the cached public reads (lib/public/cache.ts); the front server or
// Varnish keeps the HTML (CDN-Cache-Control in next.config.ts) until a public change empties them.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = await getPublishedReport((await params).id);
  return report ? reportMetadata(report) : {};
}

export default async function ReportPage({ params }: Props) {
  const report = await getPublishedReport((await params).id);
  if (!report) notFound();
  return (
    <>
      {/* NewsArticle JSON-LD; serializeJsonLd escapes "<" so the text cannot end the script. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(reportJsonLd(report)) }} />
      <ReportArticle report={report} />
    </>
  );
}

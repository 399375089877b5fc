import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublishedReport } from "@/lib/public/published-reports";
import { ReportArticle } from "@/components/report/report-article";
import { reportJsonLd, reportMetadata, serializeJsonLd } from "@/lib/public/report-metadata";

// Rendered on first request and kept in Next's full-route cache (ISR) until a publish,
// unpublish or correction expires the public tag (lib/public/cache.ts), or 5 minutes pass.
export const revalidate = 300;
export const dynamicParams = true;
export async function generateStaticParams() {
  return []; // nothing at build time: the database is not there then
}

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

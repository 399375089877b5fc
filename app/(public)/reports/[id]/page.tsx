import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublishedReport } from "@/lib/public/published-reports";
import { ReportArticle } from "@/components/report/report-article";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = await getPublishedReport((await params).id);
  return report ? { title: report.title, description: report.summary || undefined } : {};
}

export default async function ReportPage({ params }: Props) {
  const report = await getPublishedReport((await params).id);
  if (!report) notFound();
  return <ReportArticle report={report} />;
}

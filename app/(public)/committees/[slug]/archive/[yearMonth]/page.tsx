import { notFound } from "next/navigation";
import { CommitteeListing } from "@/components/report/committee-listing";
import { monthRange } from "@/lib/public/published-reports";

export const dynamic = "force-dynamic";

export default async function CommitteeMonth({ params }: { params: Promise<{ slug: string; yearMonth: string }> }) {
  const { slug, yearMonth } = await params;
  if (!monthRange(yearMonth)) notFound();
  return <CommitteeListing slug={slug} yearMonth={yearMonth} />;
}

import { notFound } from "next/navigation";
import { CommitteeListing } from "@/components/report/committee-listing";
import { monthRange } from "@/lib/public/published-reports";

export const dynamic = "force-dynamic";

export default async function CommitteeMonth({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; yearMonth: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, yearMonth } = await params;
  if (!monthRange(yearMonth)) notFound();
  return <CommitteeListing slug={slug} yearMonth={yearMonth} query={await searchParams} />;
}

import type { Metadata } from "next";
import { ColumnListing } from "@/components/report/column-listing";
import { safeDecode } from "@/lib/format";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ column: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const column = safeDecode((await params).column);
  return { title: `栏目：${column}`, alternates: { canonical: `/columns/${encodeURIComponent(column)}` } };
}

export default async function ColumnPage({ params, searchParams }: Props & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ColumnListing column={safeDecode((await params).column)} query={await searchParams} />;
}

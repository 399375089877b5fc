import { ColumnListing } from "@/components/report/column-listing";
import { safeDecode } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function ColumnPageN({ params }: { params: Promise<{ column: string; page: string }> }) {
  const { column, page } = await params;
  // An old page number: redirects to where that page now begins (keyset paging).
  return <ColumnListing column={safeDecode(column)} legacyPage={page} />;
}

import { CommitteeListing } from "@/components/report/committee-listing";

export const dynamic = "force-dynamic";

export default async function CommitteePageN({ params }: { params: Promise<{ slug: string; page: string }> }) {
  const { slug, page } = await params;
  // An old page number: redirects to where that page now begins (keyset paging).
  return <CommitteeListing slug={slug} legacyPage={page} />;
}

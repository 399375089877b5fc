import { CommitteeListing } from "@/components/report/committee-listing";

export const dynamic = "force-dynamic";

export default async function CommitteePageN({ params }: { params: Promise<{ slug: string; page: string }> }) {
  const { slug, page } = await params;
  return <CommitteeListing slug={slug} page={Number(page)} />;
}

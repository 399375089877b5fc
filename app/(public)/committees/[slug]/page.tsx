import type { Metadata } from "next";
import { CommitteeListing } from "@/components/report/committee-listing";
import { listPublicCommittees } from "@/lib/public/published-reports";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const committee = (await listPublicCommittees()).find((c) => c.slug === slug);
  return committee
    ? { title: committee.name, alternates: { canonical: `/committees/${slug}`, types: { "application/rss+xml": `/committees/${slug}/feed.xml` } } }
    : {};
}

export default async function CommitteePage({ params, searchParams }: Props & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <CommitteeListing slug={(await params).slug} query={await searchParams} />;
}

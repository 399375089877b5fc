// RSS 2.0 of one committee; 404 for a slug no committee has.
import { findCommitteeBySlug, listFeedItems } from "@/lib/public/feed-items";
import { buildRss, committeeChannel, feedResponse, RSS_CONTENT_TYPE } from "@/lib/public/feeds";

// Read on every request, so a publish or takedown shows at once (caching comes later).
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const committee = await findCommitteeBySlug((await params).slug);
  if (!committee) return new Response("Not Found", { status: 404 });
  return feedResponse(buildRss(committeeChannel(committee), await listFeedItems({ committeeId: committee.id })), RSS_CONTENT_TYPE);
}

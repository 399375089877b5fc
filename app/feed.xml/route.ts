// RSS 2.0 of the whole site: the latest published reports of every committee.
import { listFeedItems } from "@/lib/public/feed-items";
import { buildRss, feedResponse, RSS_CONTENT_TYPE, siteChannel } from "@/lib/public/feeds";

// Read on every request, so a publish or takedown shows at once (caching comes later).
export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse(buildRss(siteChannel(), await listFeedItems()), RSS_CONTENT_TYPE);
}

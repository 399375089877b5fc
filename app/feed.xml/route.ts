// RSS 2.0 of the whole site: the latest published reports of every committee.
import { listFeedItems } from "@/lib/public/feed-items";
import { buildRss, feedResponse, RSS_CONTENT_TYPE, siteChannel } from "@/lib/public/feeds";

// Rendered per request; shared caches keep it (next.config.ts) until a public change purges
// its `feed` tag.
export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse(buildRss(siteChannel(), await listFeedItems()), RSS_CONTENT_TYPE);
}

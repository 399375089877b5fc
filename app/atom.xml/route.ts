// Atom 1.0 of the whole site: the latest published reports of every committee.
import { listFeedItems } from "@/lib/public/feed-items";
import { ATOM_CONTENT_TYPE, buildAtom, feedResponse, siteChannel } from "@/lib/public/feeds";

// Read on every request, so a publish or takedown shows at once (caching comes later).
export const dynamic = "force-dynamic";

export async function GET() {
  return feedResponse(buildAtom(siteChannel(), await listFeedItems()), ATOM_CONTENT_TYPE);
}

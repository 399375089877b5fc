import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { handleList, handleUpload } from "@/lib/media/http";
import { getMediaStore } from "@/lib/media/storage";

export const dynamic = "force-dynamic";
// sharp and the AWS SDK need Node, not the edge runtime.
export const runtime = "nodejs";

/** Upload: the image as the raw body, ?committeeId=…; see lib/media/http.ts. */
export async function POST(request: Request) {
  return handleUpload(request, { db: getDb(), store: getMediaStore(), actor: await getSessionUser() });
}

/** A committee's library: ?committeeId=…&q=…&from=…&to=… */
export async function GET(request: Request) {
  return handleList(request, { db: getDb(), store: getMediaStore(), actor: await getSessionUser() });
}

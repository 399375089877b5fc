import "server-only";
import { revalidateTag } from "next/cache";
import { PUBLIC_TAG } from "@/lib/public/cache";
import { internalRevalidateToken } from "@/lib/public/changes";

/**
 * After a publish, unpublish or correction: every cached public read is expired, so the
 * next request for any page that shows the report (report, committee, home, 栏目, search,
 * feeds, sitemap) reads the database again. Works inside a request (server actions, route
 * handlers); the scheduler, which runs outside one, asks its own server over HTTP.
 */
export function revalidatePublicPages(): void {
  revalidateTag(PUBLIC_TAG, { expire: 0 });
}

export async function revalidatePublicPagesFromOutsideRequest(): Promise<void> {
  const port = process.env.PORT ?? "3000";
  const res = await fetch(`http://127.0.0.1:${port}/api/internal/revalidate`, {
    method: "POST",
    headers: { "x-revalidate-token": internalRevalidateToken() },
  });
  if (!res.ok) throw new Error(`revalidation request failed: HTTP ${res.status}`);
}

// Next.js Proxy (formerly middleware; Next requires this file at the project root).
// A report that was published and then taken down answers 410 Gone with a short notice, so
// readers and search engines learn it was withdrawn, not mistyped.
import { NextResponse, type NextRequest } from "next/server";
import { isReportGone } from "@/lib/public/published-reports";

export const config = { matcher: "/reports/:id" };

/**
 * Answers are kept for one second, so a page under load asks the database at most once a
 * second, and a takedown shows within a second.
 */
const TTL_MS = 1000;
const MAX_ENTRIES = 10_000;
const recent = new Map<string, { gone: boolean; until: number }>();

async function goneNow(id: string): Promise<boolean> {
  const now = Date.now();
  const known = recent.get(id);
  if (known && known.until > now) return known.gone;
  const gone = await isReportGone(id);
  if (recent.size >= MAX_ENTRIES) recent.clear();
  recent.set(id, { gone, until: now + TTL_MS });
  return gone;
}

export async function proxy(request: NextRequest) {
  const id = request.nextUrl.pathname.split("/")[2] ?? "";
  if (!id || !(await goneNow(id))) return NextResponse.next();
  // The notice page is rendered by the app itself and answered here with status 410.
  // (A NextResponse.rewrite with { status: 410 } lost its status once the route cache had
  // been revalidated, so the status is set on a response of our own.)
  const notice = await fetch(new URL("/report-gone", request.url), { headers: request.headers, cache: "no-store" }).catch(() => null);
  if (notice?.ok) {
    const headers = new Headers(notice.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    return new NextResponse(notice.body, { status: 410, headers });
  }
  return new NextResponse("<!doctype html><meta charset=utf-8><title>该稿件已撤下</title><h1>该稿件已撤下</h1><p><a href=/>返回首页</a></p>", {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

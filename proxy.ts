// Next.js Proxy (formerly middleware; Next requires this file at the project root).
// A report that was published and then taken down answers 410 Gone with a short notice, so
// readers and search engines learn it was withdrawn, not mistyped.
import { NextResponse, type NextRequest } from "next/server";
import { isReportGone } from "@/lib/public/published-reports";

export const config = { matcher: "/reports/:id" };

export async function proxy(request: NextRequest) {
  const id = request.nextUrl.pathname.split("/")[2] ?? "";
  // One primary-key read per request that reaches Next: repeated reads of a published page are
  // answered by the front server's page cache (lib/front/) and never get here.
  if (!id || !(await isReportGone(id))) return NextResponse.next();
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

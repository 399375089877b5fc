// Next.js Proxy (formerly middleware; Next requires this file at the project root).
// A report that was published and then taken down answers 410 Gone with a short notice, so
// readers and search engines learn it was withdrawn, not mistyped.
import { NextResponse, type NextRequest } from "next/server";
import { isReportGone } from "@/lib/public/published-reports";
import { checkPreviewToken } from "@/lib/preview/links";
import { safeDecode } from "@/lib/format";

export const config = { matcher: ["/reports/:id", "/preview/:token"] };

/**
 * Every answer at a preview link (valid, expired or invalid): never indexed, never kept by a
 * browser or shared cache (and no CDN-Cache-Control: next.config.ts gives none to /preview/),
 * and the token never leaves in a Referer when the reader follows a link in the article.
 */
const PREVIEW_HEADERS = {
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
};

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/preview/")) return previewProxy(request);
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

/**
 * An expired preview link answers 410 with the notice page; everything else goes on to the page
 * (which answers 404 for invalid links), with the preview headers. Checking the token here costs
 * one HMAC and no database read.
 */
async function previewProxy(request: NextRequest) {
  const token = request.nextUrl.pathname.split("/")[2] ?? "";
  const check = checkPreviewToken(safeDecode(token));
  if (check.ok || check.reason !== "expired") return NextResponse.next({ headers: PREVIEW_HEADERS });
  const notice = await fetch(new URL("/preview/expired", request.url), { headers: request.headers, cache: "no-store" }).catch(() => null);
  if (notice?.ok) {
    const headers = new Headers(notice.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    for (const [name, value] of Object.entries(PREVIEW_HEADERS)) headers.set(name, value);
    return new NextResponse(notice.body, { status: 410, headers });
  }
  return new NextResponse("<!doctype html><meta charset=utf-8><title>预览链接已过期</title><h1>预览链接已过期</h1><p><a href=/>返回首页</a></p>", {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8", ...PREVIEW_HEADERS },
  });
}

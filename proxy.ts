// Next.js Proxy (formerly middleware; Next requires this file at the project root). Every page
// request that reaches Next passes here (static files and /api do not):
// - security headers and the Content-Security-Policy (lib/security/headers.ts), with a fresh
//   nonce for the private pages that Next renders per request;
// - a page URL whose segments or query do not decode to printable text is answered 404/400
//   before any page or database query sees it (PostgreSQL refuses U+0000 with an error that
//   was an HTTP 500);
// - a server action or form POST from another origin is refused with 403 here; Next's own check
//   answers those with a 500;
// - a report that was published and then taken down answers 410 Gone with a short notice, so
//   readers and search engines learn it was withdrawn, not mistyped;
// - a preview link is never indexed or kept, and an expired one answers 410.
import { NextResponse, type NextRequest } from "next/server";
import { reportRouting } from "@/lib/public/published-reports";
import { tagsForPath, xkeyHeader } from "@/lib/public/cache-tags";
import { contentSecurityPolicy, isPrivatePath, securityHeaders } from "@/lib/security/headers";
import { hasUnsafeTextChars } from "@/lib/validation/text";
import { checkPreviewToken } from "@/lib/preview/links";

export const config = { matcher: "/((?!_next/static|_next/image|api/|favicon\\.ico).*)" };

function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

function withHeaders(response: NextResponse, request: NextRequest, csp: string): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders(request.headers.get("x-forwarded-proto") === "https"))) {
    response.headers.set(name, value);
  }
  response.headers.set("content-security-policy", csp);
  return response;
}

function plainPage(status: number, title: string, text: string): NextResponse {
  return new NextResponse(
    `<!doctype html><html lang=zh-CN><meta charset=utf-8><title>${title}</title><h1>${title}</h1><p>${text}</p><p><a href=/>返回首页</a></p></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}

/** The host a browser addressed, as Next's server-action check reads it. */
function requestHost(request: NextRequest): string | null {
  return request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
}

function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false; // not a browser request made on someone's behalf
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== requestHost(request);
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isPrivate = isPrivatePath(pathname);
  const nonce = isPrivate ? btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))) : undefined;
  const csp = contentSecurityPolicy({ nonce });

  const segments = decodedSegments(pathname);
  if (!segments || segments.some(hasUnsafeTextChars)) {
    return withHeaders(plainPage(404, "页面不存在", "地址中含有无法识别的字符，请检查链接是否完整。"), request, csp);
  }
  if ([...request.nextUrl.searchParams].some(([name, value]) => hasUnsafeTextChars(name) || hasUnsafeTextChars(value))) {
    return withHeaders(plainPage(400, "地址不正确", "地址中含有无法识别的字符，请检查链接是否完整。"), request, csp);
  }
  if (request.method !== "GET" && request.method !== "HEAD" && isCrossOrigin(request)) {
    return withHeaders(plainPage(403, "请求被拒绝", "该操作只能在本站页面上进行，请回到本站重新操作。"), request, csp);
  }

  // Next takes the nonce for its own scripts from this request header (dynamic pages only).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  if (pathname.startsWith("/preview/")) return previewProxy(request, requestHeaders, segments[2] ?? "", csp);
  const id = pathname.startsWith("/reports/") && segments.length === 3 ? (segments[2] ?? "") : "";
  // One primary-key read per request that reaches Next: repeated reads of a published page are
  // answered by the front server's page cache (lib/front/) and never get here.
  const routing = id ? await reportRouting(id) : { gone: false, committeeSlug: null };
  if (!routing.gone) {
    const response = withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), request, csp);
    // What the page shows, for the shared caches' purge by tag (lib/public/cache-tags.ts).
    if (!isPrivate) response.headers.set("xkey", xkeyHeader(tagsForPath(pathname, routing.committeeSlug)));
    return response;
  }
  // The notice page is rendered by the app itself and answered here with status 410.
  // (A NextResponse.rewrite with { status: 410 } lost its status once the route cache had
  // been revalidated, so the status is set on a response of our own.)
  const notice = await fetch(new URL("/report-gone", request.url), { headers: request.headers, cache: "no-store" }).catch(() => null);
  if (notice?.ok) {
    const headers = new Headers(notice.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    return withHeaders(new NextResponse(notice.body, { status: 410, headers }), request, csp);
  }
  return withHeaders(plainPage(410, "该稿件已撤下", ""), request, csp);
}

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

/**
 * An expired preview link answers 410 with the notice page; everything else goes on to the page
 * (which answers 404 for invalid links), with the preview headers. Checking the token here costs
 * one HMAC and no database read.
 */
async function previewProxy(request: NextRequest, requestHeaders: Headers, token: string, csp: string) {
  const withPreviewHeaders = (response: NextResponse) => {
    withHeaders(response, request, csp);
    for (const [name, value] of Object.entries(PREVIEW_HEADERS)) response.headers.set(name, value);
    return response;
  };
  const check = checkPreviewToken(token);
  if (check.ok || check.reason !== "expired") return withPreviewHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
  const notice = await fetch(new URL("/preview/expired", request.url), { headers: request.headers, cache: "no-store" }).catch(() => null);
  if (notice?.ok) {
    const headers = new Headers(notice.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    return withPreviewHeaders(new NextResponse(notice.body, { status: 410, headers }));
  }
  return withPreviewHeaders(plainPage(410, "预览链接已过期", ""));
}

// Public pages go out without Next's client runtime. A reader's page needs no React: it is text,
// photos and links (the one interactive part, the reading preferences, is the inline script of
// app/layout.tsx). What Next adds to every page for client-side navigation — its framework and
// router chunks (141 KiB of JavaScript on a report page) and the page's RSC payload again as
// inline scripts (60 % of the HTML) — kept a phone's main thread busy until well after the
// first photo arrived: Lighthouse's mobile LCP on a report with 10 photos was 2.96 s with it
// and 1.25 s without (the figures of `npm run bench -- lighthouse`, README). Links then load
// the next page whole, from the page cache.
//
// The front server applies this to every page marked for shared caches (public, the same for
// every reader), on the miss that fills its cache and so on every hit; pages for one person (the
// studio, previews) keep the runtime they need. `npm run dev` runs Next alone: there the public
// pages keep it too.

/** `<script src="/_next/…">`: the framework, router and page chunks. */
const RUNTIME_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*>\s*<\/script>/g;
/** Inline scripts feeding the RSC payload to the router: `self.__next_f.push(…)`. */
const PAYLOAD_SCRIPT = /<script\b[^>]*>\s*\(?self\.__next_f\b[\s\S]*?<\/script>/g;
/** Preloads of those chunks. */
const SCRIPT_PRELOAD = /<link\b[^>]*\bas="script"[^>]*>/g;

/** The page without Next's client runtime; every other script (JSON-LD, our own) stays. */
export function withoutClientRuntime(html: string): string {
  return html.replace(RUNTIME_SCRIPT, "").replace(PAYLOAD_SCRIPT, "").replace(SCRIPT_PRELOAD, "");
}

/** Whether a response is an HTML page (the only kind that carries the runtime). */
export function isHtml(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return typeof value === "string" && /^text\/html\b/i.test(value.trim());
}

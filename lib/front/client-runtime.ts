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

import crypto from "node:crypto";

/** `<script src="/_next/…">`: the framework, router and page chunks. */
const RUNTIME_SCRIPT = /<script\b[^>]*\bsrc="\/_next\/[^"]*"[^>]*>\s*<\/script>/g;
/** Inline scripts feeding the RSC payload to the router: `self.__next_f.push(…)`. */
const PAYLOAD_SCRIPT = /<script\b[^>]*>\s*\(?self\.__next_f\b[\s\S]*?<\/script>/g;
/** The bundler's list of the chunks to start with: `(globalThis["TURBOPACK"] …).push(…)`. */
const BUNDLER_SCRIPT = /<script\b[^>]*>\s*\(globalThis\["TURBOPACK"\][\s\S]*?<\/script>/g;
/** Preloads of those chunks. */
const SCRIPT_PRELOAD = /<link\b[^>]*\bas="script"[^>]*>/g;
/**
 * A Suspense boundary that React streamed after the shell (Next puts the page's metadata in one):
 * its content in a hidden `<div id="S:n">`, then a script that moves it in place of the
 * boundary's fallback, `$RC("B:n","S:n")`, with React's helpers defined in front of the first one.
 */
const STREAMED_SEGMENT = /<div hidden id="S:(\d+)">([\s\S]*?)<\/div><script>((?:(?!<\/script>)[\s\S])*?)\$RC\("B:\1","S:\1"\)<\/script>/g;
/**
 * Next streams a page's metadata into the body, icons included, and moves the icon links into
 * the head with this script: browsers read icons from the head only.
 */
const ICON_MOVER_SCRIPT = /<script>document\.querySelectorAll\('body link\[rel="icon"\], body link\[rel="apple-touch-icon"\]'\)\.forEach\(el => document\.head\.appendChild\(el\)\)<\/script>/;
/** The links that script moves. */
const ICON_LINK = /<link\b[^>]*\brel="(?:icon|apple-touch-icon)"[^>]*>/g;
/** React's timing script beside streamed boundaries. */
const TIMING_SCRIPT = /<script>requestAnimationFrame\(function\(\)\{\$RT=performance\.now\(\)\}\);<\/script>/g;

/**
 * The page with its streamed Suspense boundaries put in place, as React's scripts would do in
 * the browser: the content where the fallback was, and the scripts gone (the page's policy runs
 * only our own; lib/security/headers.ts). A boundary whose fallback is not plain markup is left
 * as it came, with every script of React's.
 */
function withStreamedSegmentsInPlace(html: string): string {
  const segments = [...html.matchAll(STREAMED_SEGMENT)];
  if (segments.length === 0) return html;
  let out = html;
  for (const [, id, content] of segments) {
    const boundary = new RegExp(`<!--\\$\\?--><template id="B:${id}"></template>((?:(?!<!--)[\\s\\S])*?)<!--/\\$-->`);
    if (!boundary.test(out)) return html;
    out = out.replace(boundary, () => `<!--$-->${content}<!--/$-->`);
  }
  return out.replace(STREAMED_SEGMENT, "").replace(TIMING_SCRIPT, "");
}

/**
 * The page with the icon links that Next streamed into the body moved into the head, as its
 * script would move them in the browser, and the script gone. Report bodies carry no <link>
 * (lib/content/render.ts), so every icon link after the head is Next's.
 */
function withIconsInHead(html: string): string {
  const headEnd = html.indexOf("</head>");
  if (headEnd < 0 || !ICON_MOVER_SCRIPT.test(html)) return html;
  const body = html.slice(headEnd);
  const icons = body.match(ICON_LINK) ?? [];
  return html.slice(0, headEnd) + icons.join("") + body.replace(ICON_MOVER_SCRIPT, "").replace(ICON_LINK, "");
}

/** The page without Next's client runtime; every other script (JSON-LD, our own) stays. */
export function withoutClientRuntime(html: string): string {
  const stripped = html.replace(RUNTIME_SCRIPT, "").replace(PAYLOAD_SCRIPT, "").replace(BUNDLER_SCRIPT, "").replace(SCRIPT_PRELOAD, "");
  return withIconsInHead(withStreamedSegmentsInPlace(stripped));
}

/** Inline scripts that run: any `<script>` without `src` but the JSON-LD (data, not code). */
const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;

/**
 * Whether every inline script left in `html` is one of `hashes` (CSP sources, `'sha256-…'`):
 * false when something was left that a policy of those hashes would refuse, such as React's
 * scripts around a streamed boundary that withoutClientRuntime could not put in place.
 */
export function runsOnlyListedScripts(html: string, hashes: readonly string[]): boolean {
  for (const [, attributes = "", body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc=/.test(attributes) || /\btype="application\/ld\+json"/.test(attributes)) continue;
    const hash = `'sha256-${crypto.createHash("sha256").update(body!, "utf8").digest("base64")}'`;
    if (!hashes.includes(hash)) return false;
  }
  return true;
}

/** Whether a response is an HTML page (the only kind that carries the runtime). */
export function isHtml(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return typeof value === "string" && /^text\/html\b/i.test(value.trim());
}

// Security headers and the Content-Security-Policy of every page (set in proxy.ts; the static
// ones also in next.config.ts for files and API answers that do not pass the proxy).
//
// Two policies, because of the front server's shared page cache (lib/front/page-cache.ts):
// - Private pages (/studio, /signin) are rendered per request and never cached. They get a
//   fresh nonce per request: `script-src 'nonce-…' 'strict-dynamic'`. Next reads the nonce
//   from this CSP in the request headers and puts it on its own scripts.
// - Public pages are rendered once and the same bytes are served to every reader, from Next's
//   full-route cache and from the front's cache. A nonce in them would be one value shared by
//   all readers for as long as the page is cached, so it would protect nothing, and asking for
//   one would force every public page to be rendered per request. Their scripts are Next's own
//   inline bootstrap (`self.__next_f.push(…)`, which changes with every render, so it cannot be
//   listed by hash either) and files under /_next. They get `script-src 'self' 'unsafe-inline'`.
//   That is acceptable only because public pages render no markup a person controls: report
//   bodies are rebuilt from the allow-listed Tiptap schema (lib/content/render.ts), fields are
//   escaped text, and the JSON-LD is escaped JSON (not executed; it needs no CSP source).
//   The front server then takes that bootstrap and Next's chunks out of every public page
//   (lib/front/client-runtime.ts), and with them goes the need: the page it sends allows only
//   the hashes of our own inline scripts (scriptsOnlyByHash), no 'unsafe-inline', no file.
// Everything else is the same for both: nothing from other origins except images (report
// photos may be hot-linked over http or https), no plugins, no <base>, forms only to this
// site, and no framing at all (clickjacking of the signed-in studio).
// style-src keeps 'unsafe-inline': React's style={…} attributes, Tiptap's table widths and the
// text-align of report paragraphs are inline style attributes, which nonces cannot cover.

const PRIVATE_PREFIXES = ["/studio", "/signin"];

/**
 * The one inline script of our own: READING_PREFERENCES_SCRIPT in app/layout.tsx, which must run
 * before the first paint on every page. Allowed by its hash, so the root layout need not read
 * the nonce (which would make every page dynamic). lib/security/headers.test.ts fails when the
 * script changes without this hash.
 */
export const INLINE_SCRIPT_HASHES = ["'sha256-TM1sF8UHTck3P6Wyk+5WKWqiE27x8alCeJ3TkqheI9E='"];

/** Pages rendered per request for a signed-in (or signing-in) person: these get nonces. */
export function isPrivatePath(pathname: string): boolean {
  return PRIVATE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

// No upgrade-insecure-requests: a cached public page is shared by readers over HTTP and HTTPS
// (an intranet reader may come in over plain HTTP), and HSTS already keeps HTTPS readers there.
export function contentSecurityPolicy(options: { nonce?: string; dev?: boolean }): string {
  const { nonce, dev = process.env.NODE_ENV === "development" } = options;
  // Next's development server evaluates modules with eval (React's call-stack rebuilding).
  const evalSource = dev ? " 'unsafe-eval'" : "";
  // With a nonce, 'unsafe-inline' would be ignored anyway; hashes count in both.
  const scripts = nonce
    ? `'self' 'nonce-${nonce}' ${INLINE_SCRIPT_HASHES.join(" ")} 'strict-dynamic'${evalSource}`
    : `'self' 'unsafe-inline'${evalSource}`;
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

/**
 * The policy of a public page sent without Next's client runtime: its script-src allows only the
 * hashes of our own inline scripts (INLINE_SCRIPT_HASHES). An inline script that slipped into
 * such a page from anywhere else would not run. Other directives stay as they were.
 */
export function scriptsOnlyByHash(policy: string): string {
  return policy
    .split(";")
    .map((directive) => (/^\s*script-src\b/i.test(directive) ? `${directive.match(/^\s*/)![0]}script-src ${INLINE_SCRIPT_HASHES.join(" ")}` : directive))
    .join(";");
}

/** HSTS for one year, only on answers that went out over HTTPS (a browser ignores it otherwise). */
export const HSTS = "max-age=31536000";

/** Headers every answer carries; `https` when the request came over HTTPS via a trusted proxy. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    ...(https ? { "strict-transport-security": HSTS } : {}),
  };
}

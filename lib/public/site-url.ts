// The public site's absolute base URL, for canonical links, feeds, sitemaps and JSON-LD.
// Read on every call (not at module load), so a production build picks up the address the
// server is started with rather than the one it was built with.

const FALLBACK = "http://localhost:3000";

/** `PUBLIC_URL`, else `NEXTAUTH_URL`, else http://localhost:3000 — never with a trailing slash. */
export function siteUrl(): string {
  for (const candidate of [process.env.PUBLIC_URL, process.env.NEXTAUTH_URL]) {
    const value = candidate?.trim();
    if (value) return value.replace(/\/+$/, "");
  }
  return FALLBACK;
}

/** An absolute URL on this site: absoluteUrl("/reports/abc") → https://example.org/reports/abc. */
export function absoluteUrl(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  return `${siteUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Public paths, in one place so that feeds, sitemap and pages agree. */
export const publicPaths = {
  home: "/",
  report: (id: string) => `/reports/${encodeURIComponent(id)}`,
  committee: (slug: string) => `/committees/${encodeURIComponent(slug)}`,
  column: (column: string) => `/columns/${encodeURIComponent(column)}`,
  search: "/search",
  rss: "/feed.xml",
  atom: "/atom.xml",
  committeeRss: (slug: string) => `/committees/${encodeURIComponent(slug)}/feed.xml`,
  committeeAtom: (slug: string) => `/committees/${encodeURIComponent(slug)}/atom.xml`,
} as const;

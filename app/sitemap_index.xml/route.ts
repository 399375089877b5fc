// /sitemap_index.xml: a sitemap index (https://www.sitemaps.org/protocol.html#index) of the
// files app/sitemap.ts serves at /sitemap/<id>.xml, one address to give a search console.
// (/sitemap.xml itself cannot be served: Next reserves it for app/sitemap.ts, which with
// generateSitemaps answers only at /sitemap/<id>.xml.)
import { listSitemapIds } from "@/lib/public/feed-items";
import { escapeXml } from "@/lib/public/feeds";
import { absoluteUrl } from "@/lib/public/site-url";

export const dynamic = "force-dynamic";

export async function GET() {
  const ids = await listSitemapIds();
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...ids.map((id) => `<sitemap><loc>${escapeXml(absoluteUrl(`/sitemap/${id}.xml`))}</loc></sitemap>`),
    `</sitemapindex>`,
    "",
  ].join("\n");
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=0, must-revalidate" } });
}

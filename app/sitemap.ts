// sitemap.xml, split with generateSitemaps (Next 16: the id arrives as a promise of a string)
// into /sitemap/0.xml (home, committee and 栏目 pages) and /sitemap/1.xml … (published
// reports, 10,000 a file, well under the protocol's 50,000). With generateSitemaps Next
// serves no /sitemap.xml; robots.txt names every file, and /sitemap_index.xml
// (app/sitemap_index.xml/route.ts) is their index.
import type { MetadataRoute } from "next";
import { listSitemapColumns, listSitemapCommittees, listSitemapIds, listSitemapReports } from "@/lib/public/feed-items";
import { absoluteUrl, publicPaths } from "@/lib/public/site-url";

// Rendered per request; shared caches keep it (next.config.ts) until a public change purges
// its `sitemap` tag.
export const dynamic = "force-dynamic";

export async function generateSitemaps() {
  // `next build` asks for the ids to prerender, but there is no database at build time; the
  // route is dynamic, and at request time the ids come from the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return [{ id: 0 }];
  return (await listSitemapIds()).map((id) => ({ id }));
}

export default async function sitemap(props: { id: Promise<string> }): Promise<MetadataRoute.Sitemap> {
  const id = Number(await props.id);
  if (!Number.isInteger(id) || id < 0) return [];
  if (id > 0) {
    const reports = await listSitemapReports(id - 1);
    return reports.map((report) => ({ url: absoluteUrl(publicPaths.report(report.id)), lastModified: report.lastModified }));
  }
  const [committees, columns] = await Promise.all([listSitemapCommittees(), listSitemapColumns()]);
  const latest = committees.reduce<Date | null>((max, c) => (c.lastModified && (!max || c.lastModified > max) ? c.lastModified : max), null);
  return [
    { url: absoluteUrl(publicPaths.home), ...(latest ? { lastModified: latest } : {}), changeFrequency: "daily", priority: 1 },
    ...committees.map((c) => ({
      url: absoluteUrl(publicPaths.committee(c.slug)),
      ...(c.lastModified ? { lastModified: c.lastModified } : {}),
      changeFrequency: "daily" as const,
      priority: 0.8,
    })),
    ...columns.map((c) => ({
      url: absoluteUrl(publicPaths.column(c.column)),
      ...(c.lastModified ? { lastModified: c.lastModified } : {}),
      changeFrequency: "daily" as const,
      priority: 0.6,
    })),
  ];
}

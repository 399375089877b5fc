// What each public page shows, as cache tags, and what each public change touches. Pages carry
// their tags in the `xkey` response header (Varnish's xkey vmod and the front server's page
// cache both read it); a change purges exactly the tags it names, so pages that did not change
// stay cached. Pure: used by proxy.ts, the write path and the listener.

/** Every public page carries this tag too: purging it empties everything (committee renames, …). */
export const ALL_PUBLIC = "public";

const token = (value: string) => encodeURIComponent(value);

export const reportTag = (id: string) => `report:${token(id)}`;
export const committeeTag = (slug: string) => `committee:${token(slug)}`;
export const columnTag = (name: string) => `column:${token(name)}`;

/**
 * The tags of a public page, by its path. A report page also shows its committee's neighbours
 * (previous and next), so it carries its committee's tag when that is known.
 */
export function tagsForPath(pathname: string, reportCommitteeSlug?: string | null): string[] {
  const segments = pathname.split("/").filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const [first, second] = segments;
  const tags = [ALL_PUBLIC];
  if (!first || first === "front") tags.push("home");
  else if (first === "reports" && second) {
    tags.push(reportTag(second));
    if (reportCommitteeSlug) tags.push(committeeTag(reportCommitteeSlug));
  } else if (first === "committees" && second) tags.push(committeeTag(second));
  else if (first === "columns" && second) tags.push(columnTag(second));
  else if (first === "search") tags.push("search");
  else if (first === "feed.xml" || first === "atom.xml") tags.push("feed");
  else if (first.startsWith("sitemap")) tags.push("sitemap");
  return tags;
}

/**
 * What a change to report `reportId` of committee `committeeSlug` touches: its page, its
 * committee's pages (lists, archives, feeds and the neighbours' links), every 栏目 it was or is
 * in, and the pages that list the newest reports of all committees.
 */
export function tagsForChange(change: { reportId: string; committeeSlug: string; columns: readonly string[] }): string[] {
  const columns = [...new Set(change.columns.filter(Boolean))].map(columnTag);
  return [reportTag(change.reportId), committeeTag(change.committeeSlug), ...columns, "home", "search", "feed", "sitemap"];
}

/** The `xkey` header value of a set of tags. */
export function xkeyHeader(tags: readonly string[]): string {
  return tags.join(" ");
}

import { describe, expect, it } from "vitest";
import { ALL_PUBLIC, tagsForChange, tagsForPath } from "./cache-tags";

describe("cache tags", () => {
  it("names what each public page shows", () => {
    expect(tagsForPath("/")).toEqual([ALL_PUBLIC, "home"]);
    expect(tagsForPath("/reports/abc", "xiamen")).toEqual([ALL_PUBLIC, "report:abc", "committee:xiamen"]);
    expect(tagsForPath("/committees/xiamen/page/3")).toEqual([ALL_PUBLIC, "committee:xiamen"]);
    expect(tagsForPath("/committees/xiamen/archive/2022-01")).toEqual([ALL_PUBLIC, "committee:xiamen"]);
    expect(tagsForPath(`/columns/${encodeURIComponent("工作综述")}/page/2`)).toEqual([ALL_PUBLIC, `column:${encodeURIComponent("工作综述")}`]);
    expect(tagsForPath("/search")).toEqual([ALL_PUBLIC, "search"]);
    expect(tagsForPath("/feed.xml")).toEqual([ALL_PUBLIC, "feed"]);
    expect(tagsForPath("/committees/xiamen/feed.xml")).toEqual([ALL_PUBLIC, "committee:xiamen"]);
  });

  it("purges a changed report's page, committee, old and new 栏目 and the site-wide lists, and nothing of other committees", () => {
    const tags = tagsForChange({ reportId: "abc", committeeSlug: "xiamen", columns: ["工作综述", "党建动态", "工作综述"] });
    expect(tags).toEqual(["report:abc", "committee:xiamen", `column:${encodeURIComponent("工作综述")}`, `column:${encodeURIComponent("党建动态")}`, "home", "search", "feed", "sitemap"]);
    const otherCommitteePage = tagsForPath("/committees/fuzhou");
    const otherReport = tagsForPath("/reports/xyz", "fuzhou");
    for (const page of [otherCommitteePage, otherReport]) expect(page.filter((tag) => tag !== ALL_PUBLIC && tags.includes(tag))).toEqual([]);
    // Tags never contain the separator of the xkey header.
    expect(tags.every((tag) => !/\s/.test(tag))).toBe(true);
  });
});

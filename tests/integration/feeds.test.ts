// Feeds and sitemap reads against a real database with the demo data: only live editions,
// newest first, and a report taken down leaves them at once.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/actor";
import { seedDemoData } from "@/prisma/seed";
import { freshDatabase } from "../support/test-database";

let db: Db;
let feedItems: typeof import("@/lib/public/feed-items");
let feeds: typeof import("@/lib/public/feeds");
let unpublishReport: typeof import("@/lib/reports/commands/unpublish-report").unpublishReport;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => name === "item" || name === "entry" });
function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const DEMO_TITLES = {
  fuzhou: "新时代机关党建的「福州答卷」",
  zhangzhou: "漳州高标准高质量开展党史学习教育综述",
};

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  // The app's own modules read DATABASE_URL through getDb(); point them at this file's database.
  process.env.DATABASE_URL = fresh.url;
  process.env.PUBLIC_URL = "https://dj.example.cn";
  feedItems = await import("@/lib/public/feed-items");
  feeds = await import("@/lib/public/feeds");
  ({ unpublishReport } = await import("@/lib/reports/commands/unpublish-report"));
  await seedDemoData(db);
});
afterAll(async () => {
  delete process.env.PUBLIC_URL;
  await db.$disconnect();
});

async function sessionOf(username: string): Promise<SessionUser> {
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  return (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion }))!;
}

describe("feed items", () => {
  it("lists the four published demo reports, newest first, and not the submitted speech", async () => {
    const items = await feedItems.listFeedItems();
    expect(items.map((i) => i.committee.slug).sort()).toEqual(["fuzhou", "xiamen", "zhangzhou", "zhuzhou"]);
    const times = items.map((i) => i.publishedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items[0]!.title).toBe(DEMO_TITLES.fuzhou);
    expect(items.some((i) => i.committee.slug === "sample-city")).toBe(false);
    for (const item of items) {
      expect(item.html).toContain("<p");
      expect(item.plainText.length).toBeGreaterThan(1000);
    }
  });

  it("reads the live edition, not the working copy", async () => {
    const report = await db.report.findFirstOrThrow({ where: { committee: { slug: "zhangzhou" } } });
    await db.report.update({ where: { id: report.id }, data: { title: "工作副本里改过的标题" } });
    const items = await feedItems.listFeedItems();
    expect(items.find((i) => i.id === report.id)?.title).toBe(DEMO_TITLES.zhangzhou);
    await db.report.update({ where: { id: report.id }, data: { title: DEMO_TITLES.zhangzhou } });
  });

  it("narrows to one committee and finds committees by slug", async () => {
    const xiamen = await feedItems.findCommitteeBySlug("xiamen");
    expect(xiamen).toMatchObject({ slug: "xiamen", name: "厦门市直机关工委" });
    const items = await feedItems.listFeedItems({ committeeId: xiamen!.id });
    expect(items.map((i) => i.committee.slug)).toEqual(["xiamen"]);
    expect(await feedItems.findCommitteeBySlug("no-such-city")).toBeNull();
    const sample = await feedItems.findCommitteeBySlug("sample-city");
    expect(await feedItems.listFeedItems({ committeeId: sample!.id })).toEqual([]);
  });

  it("builds valid RSS and Atom of them, with descriptions from the opening sentences", async () => {
    const items = await feedItems.listFeedItems();
    const rss = parse(feeds.buildRss(feeds.siteChannel(), items)).rss.channel;
    expect(rss.item).toHaveLength(4);
    expect(rss.item[0].title).toBe(DEMO_TITLES.fuzhou);
    expect(rss.item[0].link).toBe(`https://dj.example.cn/reports/${items[0]!.id}`);
    for (const item of rss.item) {
      expect(item.description.length).toBeGreaterThan(10);
      expect(Array.from(item.description as string).length).toBeLessThanOrEqual(120);
    }
    const atom = parse(feeds.buildAtom(feeds.siteChannel(), items)).feed;
    expect(atom.entry.map((e: { id: string }) => e.id)).toEqual(items.map((i) => `https://dj.example.cn/reports/${i.id}`));
  });
});

describe("sitemap reads", () => {
  it("list every committee, the published reports and the 栏目 in use", async () => {
    const committees = await feedItems.listSitemapCommittees();
    expect(committees.map((c) => c.slug)).toEqual(["zhuzhou", "fuzhou", "xiamen", "zhangzhou", "sample-city"]);
    expect(committees.find((c) => c.slug === "sample-city")!.lastModified).toBeNull();
    expect(committees.find((c) => c.slug === "fuzhou")!.lastModified).toBeInstanceOf(Date);

    expect(await feedItems.listSitemapIds()).toEqual([0, 1]);
    const reports = await feedItems.listSitemapReports(0);
    expect(reports).toHaveLength(4);
    const times = reports.map((r) => r.lastModified.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // 栏目: only those of live editions count, working copies do not.
    const fuzhou = await db.report.findFirstOrThrow({ where: { committee: { slug: "fuzhou" } } });
    await db.revision.update({ where: { id: fuzhou.liveRevisionId! }, data: { column: "五年综述" } });
    await db.report.update({ where: { id: fuzhou.id }, data: { column: "草稿栏目" } });
    const columns = (await feedItems.listSitemapColumns()).map((c) => c.column);
    expect(columns).toContain("五年综述");
    expect(columns).not.toContain("草稿栏目");
    expect((await feedItems.listFeedItems()).find((i) => i.id === fuzhou.id)?.column).toBe("五年综述");
  });

  it("dates a report by its live edition", async () => {
    const xiamen = await db.report.findFirstOrThrow({ where: { committee: { slug: "xiamen" } } });
    const corrected = new Date("2025-05-05T05:05:05Z");
    await db.revision.update({ where: { id: xiamen.liveRevisionId! }, data: { publishedAt: corrected } });
    expect((await feedItems.listSitemapReports(0)).find((r) => r.id === xiamen.id)?.lastModified).toEqual(corrected);
    const item = (await feedItems.listFeedItems()).find((i) => i.id === xiamen.id)!;
    expect(item.updatedAt).toEqual(corrected);
    expect(item.publishedAt).toEqual(xiamen.publishedAt);
  });
});

describe("a report taken down", () => {
  it("leaves the site feed, its committee's feed and the sitemap", async () => {
    const report = await db.report.findFirstOrThrow({ where: { committee: { slug: "zhangzhou" } } });
    await unpublishReport({ actor: await sessionOf("zhangzhou-reviewer"), reportId: report.id, reason: "数据有误" });

    const items = await feedItems.listFeedItems();
    expect(items.map((i) => i.id)).not.toContain(report.id);
    expect(items).toHaveLength(3);
    expect(await feedItems.listFeedItems({ committeeId: report.committeeId })).toEqual([]);
    expect((await feedItems.listSitemapReports(0)).map((r) => r.id)).not.toContain(report.id);
    expect(await feedItems.countPublishedReports()).toBe(3);
    const rss = feeds.buildRss(feeds.siteChannel(), items);
    expect(rss).not.toContain(report.id);
    expect(rss).not.toContain(DEMO_TITLES.zhangzhou);
  });
});

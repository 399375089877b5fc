// Feeds, sitemap, robots.txt and a report page's metadata, from the built site.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserAvailable, launchBrowser } from "../support/browser";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name) => ["item", "entry", "url", "sitemap"].includes(name),
});

async function getXml(path: string, contentType: string) {
  const res = await fetch(`${baseUrl()}${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toContain(contentType);
  const xml = await res.text();
  const valid = XMLValidator.validate(xml);
  expect(valid, `${path}: ${JSON.stringify(valid)}`).toBe(true);
  return parser.parse(xml);
}

const DEMO_TITLES = ["新时代机关党建的「福州答卷」", "凝心铸魂担使命 踔厉奋发谱新篇", "走好「第一方阵」建设模范机关", "漳州高标准高质量开展党史学习教育综述"];

describe.skipIf(!browserAvailable())("feeds and discovery", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("serves the site's RSS 2.0 feed with the published reports, newest first", async () => {
    const channel = (await getXml("/feed.xml", "application/rss+xml")).rss.channel;
    expect(channel.language).toBe("zh-cn");
    expect(channel["atom:link"]["@_href"]).toBe(`${baseUrl()}/feed.xml`);
    const titles = channel.item.map((item: { title: string }) => item.title);
    // Other browser tests publish into the same database; the demo reports are all here.
    for (const title of DEMO_TITLES) expect(titles).toContain(title);
    expect(titles.join()).not.toContain("汇报发言");
    const dates = channel.item.map((item: { pubDate: string }) => Date.parse(item.pubDate));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    for (const item of channel.item) {
      expect(item.link).toMatch(new RegExp(`^${baseUrl()}/reports/`));
      expect(item.guid["@_isPermaLink"]).toBe("true");
      expect(item.description).toBeTruthy();
    }
  });

  it("serves the site's Atom feed", async () => {
    const feed = (await getXml("/atom.xml", "application/atom+xml")).feed;
    expect(feed.id).toBe(`${baseUrl()}/atom.xml`);
    const titles = feed.entry.map((entry: { title: string }) => entry.title);
    for (const title of DEMO_TITLES) expect(titles).toContain(title);
  });

  it("lets shared caches keep feeds and sitemaps: the front cache answers a repeat itself", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/committees/xiamen/feed.xml", "/sitemap.xml", "/sitemap/0.xml"]) {
      const first = await fetch(`${baseUrl()}${path}`);
      expect(first.status, path).toBe(200);
      expect(first.headers.get("cdn-cache-control"), path).toBe("max-age=300");
      await first.text();
      const again = await fetch(`${baseUrl()}${path}`);
      expect(again.headers.get("x-cache"), path).toBe("HIT");
      expect(await again.text()).toContain("<");
    }
  });

  it("serves a committee's feeds with its reports only, and 404 for an unknown committee", async () => {
    const channel = (await getXml("/committees/xiamen/feed.xml", "application/rss+xml")).rss.channel;
    expect(channel.title).toContain("厦门市直机关工委");
    expect(channel.link).toBe(`${baseUrl()}/committees/xiamen`);
    expect(channel.item.length).toBeGreaterThanOrEqual(1);
    const titles = channel.item.map((item: { title: string }) => item.title);
    for (const other of ["新时代机关党建的「福州答卷」", "漳州高标准高质量开展党史学习教育综述"]) expect(titles).not.toContain(other);

    const feed = (await getXml("/committees/xiamen/atom.xml", "application/atom+xml")).feed;
    expect(feed.entry.map((entry: { title: string }) => entry.title)).toEqual(titles);

    for (const path of ["/committees/no-such-city/feed.xml", "/committees/no-such-city/atom.xml"]) {
      expect((await fetch(`${baseUrl()}${path}`)).status, path).toBe(404);
    }
  });

  it("has robots.txt keeping crawlers out of the back office and pointing at the sitemap", async () => {
    const res = await fetch(`${baseUrl()}/robots.txt`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/User-Agent: \*/i);
    for (const path of ["/studio", "/api", "/signin"]) expect(text).toContain(`Disallow: ${path}`);
    for (const file of ["/sitemap_index.xml", "/sitemap/0.xml", "/sitemap/1.xml"]) expect(text).toContain(`Sitemap: ${baseUrl()}${file}`);
  });

  it("has a sitemap index whose files list the home, committee and report pages", async () => {
    const index = (await getXml("/sitemap_index.xml", "xml")).sitemapindex;
    // Crawlers look at /sitemap.xml first: it serves the same index.
    expect((await getXml("/sitemap.xml", "xml")).sitemapindex).toEqual(index);
    const files = index.sitemap.map((entry: { loc: string }) => entry.loc);
    expect(files).toEqual([`${baseUrl()}/sitemap/0.xml`, `${baseUrl()}/sitemap/1.xml`]);

    const pages = (await getXml("/sitemap/0.xml", "xml")).urlset.url.map((entry: { loc: string }) => entry.loc);
    expect(pages).toContain(`${baseUrl()}/`);
    for (const slug of ["zhuzhou", "fuzhou", "xiamen", "zhangzhou"]) expect(pages).toContain(`${baseUrl()}/committees/${slug}`);

    const reports = (await getXml("/sitemap/1.xml", "xml")).urlset.url;
    expect(reports.length).toBeGreaterThanOrEqual(4);
    for (const entry of reports) {
      expect(entry.loc).toMatch(new RegExp(`^${baseUrl()}/reports/`));
      expect(Number.isNaN(Date.parse(entry.lastmod))).toBe(false);
    }
    const feedLinks = (await getXml("/feed.xml", "rss")).rss.channel.item.map((item: { link: string }) => item.link);
    expect(reports.map((entry: { loc: string }) => entry.loc).sort()).toEqual([...feedLinks].sort());

    expect((await fetch(`${baseUrl()}/sitemap/99.xml`)).status).toBe(404);
  });

  it("gives a report page a canonical URL, OpenGraph tags, NewsArticle JSON-LD and feed links", async () => {
    const items = (await getXml("/feed.xml", "rss")).rss.channel.item as { title: string; link: string; description: string }[];
    const item = items.find((i) => i.title === "漳州高标准高质量开展党史学习教育综述")!;
    const page = await browser.newPage();
    const response = await page.goto(item.link);
    expect(response?.status()).toBe(200);

    await expect(page.locator('link[rel="canonical"]').getAttribute("href")).resolves.toBe(item.link);
    await expect(page.locator('meta[property="og:title"]').getAttribute("content")).resolves.toBe(item.title);
    await expect(page.locator('meta[property="og:type"]').getAttribute("content")).resolves.toBe("article");
    await expect(page.locator('meta[property="og:url"]').getAttribute("content")).resolves.toBe(item.link);
    await expect(page.locator('meta[property="og:locale"]').getAttribute("content")).resolves.toBe("zh_CN");
    await expect(page.locator('meta[property="og:site_name"]').getAttribute("content")).resolves.toBe("机关党建工作综述");
    await expect(page.locator('meta[property="article:published_time"]').getAttribute("content")).resolves.toMatch(/^2022-01-1/);
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description).toBe(item.description);
    expect(description).toMatch(/[。！？]$/);

    const scripts = page.locator('script[type="application/ld+json"]');
    await expect(scripts.count()).resolves.toBe(1);
    const jsonLd = JSON.parse((await scripts.textContent())!);
    expect(jsonLd).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: item.title,
      description: item.description,
      inLanguage: "zh-CN",
      mainEntityOfPage: { "@type": "WebPage", "@id": item.link },
      publisher: { "@type": "Organization", name: "漳州市直机关工委" },
    });
    expect(Date.parse(jsonLd.datePublished)).not.toBeNaN();

    const feeds = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((l) => `${l.getAttribute("type")} ${l.getAttribute("href")}`));
    expect(feeds).toEqual(
      expect.arrayContaining([
        `application/rss+xml ${baseUrl()}/feed.xml`,
        `application/atom+xml ${baseUrl()}/atom.xml`,
        `application/rss+xml ${baseUrl()}/committees/zhangzhou/feed.xml`,
      ]),
    );
    await page.close();
  });

  it("advertises the site's feeds on the home page", async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl());
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first().getAttribute("href")).resolves.toBe(`${baseUrl()}/feed.xml`);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]').first().getAttribute("href")).resolves.toBe(`${baseUrl()}/atom.xml`);
    await page.close();
  });
});

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { absolutizeHtml, buildAtom, buildRss, cdata, committeeChannel, escapeXml, rfc3339, rfc822, siteChannel, type FeedItem } from "./feeds";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (name, jpath) => ["item", "entry", "category"].includes(name) || String(jpath).startsWith("feed.") && name === "link",
});

function parse(xml: string) {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return parser.parse(xml);
}

const nasty = `「福州答卷」 & <script>alert("x")</script> 'quoted' ]]> end`;

function item(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: "r1",
    title: "新时代机关党建的「福州答卷」",
    summary: "",
    plainText: "福州市直机关工委坚持以党的政治建设为统领。全面加强机关党的建设。",
    // The description comes from the body's paragraphs in the HTML (not its captions or headings).
    html: `<p>福州市直机关工委坚持以党的政治建设为统领。全面加强机关党的建设。</p><p><img src="/media/a.jpg" alt="图"></p>`,
    byline: "本报记者 黄晓珍",
    column: "工作综述",
    publishedAt: new Date("2024-03-01T01:00:00Z"),
    updatedAt: new Date("2024-03-02T02:30:00Z"),
    committee: { slug: "fuzhou", name: "福州市直机关工委", city: "福州" },
    ...overrides,
  };
}

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.PUBLIC_URL;
  process.env.PUBLIC_URL = "https://dj.example.cn/";
});
afterEach(() => {
  if (saved === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = saved;
});

describe("XML text", () => {
  it("escapes the five special characters and leaves Chinese text alone", () => {
    expect(escapeXml(`党建 & <b>"x"</b> 'y'`)).toBe("党建 &amp; &lt;b&gt;&quot;x&quot;&lt;/b&gt; &apos;y&apos;");
  });

  it("drops characters XML 1.0 forbids, keeps astral characters", () => {
    expect(escapeXml("a\u0000b\u000Bc\uFFFE𠀀\uD800d")).toBe("abc𠀀d");
  });

  it("splits ]]> across CDATA sections", () => {
    const parsed = parse(`<x>${cdata("a]]>b")}</x>`);
    expect(parsed.x).toBe("a]]>b");
  });

  it("makes root-relative links in the body absolute, leaves others alone", () => {
    expect(absolutizeHtml(`<img src="/media/a.jpg"><a href="https://x.cn/">x</a><a href="//cdn.cn/y">y</a>`)).toBe(
      `<img src="https://dj.example.cn/media/a.jpg"><a href="https://x.cn/">x</a><a href="//cdn.cn/y">y</a>`,
    );
  });

  it("formats dates as RFC 822 and RFC 3339", () => {
    const date = new Date("2022-01-17T01:00:00.123Z");
    expect(rfc822(date)).toBe("Mon, 17 Jan 2022 01:00:00 GMT");
    expect(rfc3339(date)).toBe("2022-01-17T01:00:00Z");
  });
});

describe("RSS 2.0", () => {
  it("has the channel's required elements, its language and a self link", () => {
    const rss = parse(buildRss(siteChannel(), [item()])).rss;
    expect(rss["@_version"]).toBe("2.0");
    const channel = rss.channel;
    expect(channel.title).toBe("机关党建工作综述");
    expect(channel.link).toBe("https://dj.example.cn/");
    expect(channel.description).toBeTruthy();
    expect(channel.language).toBe("zh-cn");
    expect(channel["atom:link"]).toMatchObject({ "@_href": "https://dj.example.cn/feed.xml", "@_rel": "self", "@_type": "application/rss+xml" });
    expect(channel.lastBuildDate).toBe("Sat, 02 Mar 2024 02:30:00 GMT");
  });

  it("describes each item: title, link, permalink guid, description, date, author, 栏目, body", () => {
    const [entry] = parse(buildRss(siteChannel(), [item()])).rss.channel.item;
    expect(entry.title).toBe("新时代机关党建的「福州答卷」");
    expect(entry.link).toBe("https://dj.example.cn/reports/r1");
    expect(entry.guid).toEqual({ "#text": "https://dj.example.cn/reports/r1", "@_isPermaLink": "true" });
    expect(entry.description).toBe("福州市直机关工委坚持以党的政治建设为统领。全面加强机关党的建设。");
    expect(entry.pubDate).toBe("Fri, 01 Mar 2024 01:00:00 GMT");
    expect(entry["dc:creator"]).toBe("本报记者 黄晓珍");
    expect(entry.category).toEqual(["工作综述"]);
    expect(entry["content:encoded"]).toContain(`<img src="https://dj.example.cn/media/a.jpg"`);
  });

  it("prefers the 摘要, names the committee when there is no byline and leaves out an empty 栏目", () => {
    const [entry] = parse(buildRss(siteChannel(), [item({ summary: "摘要文字。", byline: "", column: "" })])).rss.channel.item;
    expect(entry.description).toBe("摘要文字。");
    expect(entry["dc:creator"]).toBe("福州市直机关工委");
    expect(entry.category).toBeUndefined();
  });

  it("survives markup characters in every field", () => {
    const xml = buildRss(siteChannel(), [item({ title: nasty, summary: nasty, byline: nasty, column: nasty, html: `<p>${nasty}</p>` })]);
    const [entry] = parse(xml).rss.channel.item;
    expect(entry.title).toBe(nasty);
    expect(entry.description).toBe(nasty);
    expect(entry["dc:creator"]).toBe(nasty);
    expect(entry.category).toEqual([nasty]);
    expect(entry["content:encoded"]).toBe(`<p>${nasty}</p>`);
    // Raw markup appears only inside CDATA (the body), never as elements.
    expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")).not.toContain("<script>");
  });

  it("keeps the order given and is well-formed with no items", () => {
    const items = [item({ id: "new" }), item({ id: "old" })];
    expect(parse(buildRss(siteChannel(), items)).rss.channel.item.map((i: { link: string }) => i.link)).toEqual([
      "https://dj.example.cn/reports/new",
      "https://dj.example.cn/reports/old",
    ]);
    const empty = parse(buildRss(siteChannel(), [], new Date("2026-01-01T00:00:00Z"))).rss.channel;
    expect(empty.item).toBeUndefined();
    expect(empty.lastBuildDate).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
  });

  it("names a committee's feed after it and links its page", () => {
    const channel = parse(buildRss(committeeChannel({ slug: "xiamen", name: "厦门市直机关工委" }), [])).rss.channel;
    expect(channel.title).toContain("厦门市直机关工委");
    expect(channel.link).toBe("https://dj.example.cn/committees/xiamen");
    expect(channel["atom:link"]["@_href"]).toBe("https://dj.example.cn/committees/xiamen/feed.xml");
  });
});

describe("Atom 1.0", () => {
  it("has the feed's required elements and a self link", () => {
    const feed = parse(buildAtom(siteChannel(), [item()])).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["@_xml:lang"]).toBe("zh-CN");
    expect(feed.id).toBe("https://dj.example.cn/atom.xml");
    expect(feed.title).toBe("机关党建工作综述");
    expect(feed.updated).toBe("2024-03-02T02:30:00Z");
    expect(feed.author.name).toBe("机关党建工作综述");
    expect(feed.link).toEqual(
      expect.arrayContaining([
        { "@_rel": "self", "@_type": "application/atom+xml", "@_href": "https://dj.example.cn/atom.xml" },
        { "@_rel": "alternate", "@_type": "text/html", "@_href": "https://dj.example.cn/" },
      ]),
    );
  });

  it("describes each entry: id, title, link, published, updated, author, 栏目, summary, HTML content", () => {
    const [entry] = parse(buildAtom(siteChannel(), [item()])).feed.entry;
    expect(entry.id).toBe("https://dj.example.cn/reports/r1");
    expect(entry.title).toBe("新时代机关党建的「福州答卷」");
    expect(entry.link).toEqual([{ "@_rel": "alternate", "@_type": "text/html", "@_href": "https://dj.example.cn/reports/r1" }]);
    expect(entry.published).toBe("2024-03-01T01:00:00Z");
    expect(entry.updated).toBe("2024-03-02T02:30:00Z");
    expect(entry.author.name).toBe("本报记者 黄晓珍");
    expect(entry.category).toEqual([{ "@_term": "工作综述" }]);
    expect(entry.summary["#text"]).toBe("福州市直机关工委坚持以党的政治建设为统领。全面加强机关党的建设。");
    expect(entry.content["@_type"]).toBe("html");
    expect(entry.content["#text"]).toContain(`<img src="https://dj.example.cn/media/a.jpg"`);
  });

  it("survives markup characters in every field", () => {
    const xml = buildAtom(siteChannel(), [item({ title: nasty, summary: nasty, byline: nasty, column: nasty, html: `<p>${nasty}</p>` })]);
    const [entry] = parse(xml).feed.entry;
    expect(entry.title).toBe(nasty);
    expect(entry.summary["#text"]).toBe(nasty);
    expect(entry.author.name).toBe(nasty);
    expect(entry.category).toEqual([{ "@_term": nasty }]);
    expect(entry.content["#text"]).toBe(`<p>${nasty}</p>`);
  });

  it("is well-formed with no entries", () => {
    const feed = parse(buildAtom(committeeChannel({ slug: "sample-city", name: "示例市直机关工委" }), [], new Date("2026-01-01T00:00:00Z"))).feed;
    expect(feed.entry).toBeUndefined();
    expect(feed.updated).toBe("2026-01-01T00:00:00Z");
    expect(feed.author.name).toBe("示例市直机关工委");
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { feedAlternateTypes, htmlToPlainText, pageAlternates, reportJsonLd, reportMetadata, serializeJsonLd, type ReportForMetadata } from "./report-metadata";
import { absoluteUrl, siteUrl } from "./site-url";

function report(overrides: Partial<ReportForMetadata> = {}): ReportForMetadata {
  return {
    id: "abc123",
    title: "凝心铸魂担使命 踔厉奋发谱新篇",
    subtitle: "厦门市直机关党建工作综述",
    byline: "记者 张三",
    summary: "",
    column: "工作综述",
    html: "<h2>小标题</h2><p>厦门市直机关工委坚持政治引领。全面推进模范机关建设。</p>",
    publishedAt: new Date("2022-06-30T01:00:00Z"),
    editionPublishedAt: new Date("2022-07-02T08:00:00Z"),
    committee: { slug: "xiamen", name: "厦门市直机关工委" },
    ...overrides,
  };
}

const env = { ...process.env };
beforeEach(() => {
  process.env.PUBLIC_URL = "https://dj.example.cn";
});
afterEach(() => {
  for (const key of ["PUBLIC_URL", "NEXTAUTH_URL"]) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

describe("site URL", () => {
  it("prefers PUBLIC_URL, then NEXTAUTH_URL, then localhost, without a trailing slash", () => {
    process.env.PUBLIC_URL = "https://a.example.cn/";
    process.env.NEXTAUTH_URL = "https://b.example.cn";
    expect(siteUrl()).toBe("https://a.example.cn");
    delete process.env.PUBLIC_URL;
    expect(siteUrl()).toBe("https://b.example.cn");
    delete process.env.NEXTAUTH_URL;
    expect(siteUrl()).toBe("http://localhost:3000");
    expect(absoluteUrl("/reports/x")).toBe("http://localhost:3000/reports/x");
    expect(absoluteUrl("reports/x")).toBe("http://localhost:3000/reports/x");
    expect(absoluteUrl("https://elsewhere.cn/x")).toBe("https://elsewhere.cn/x");
  });
});

describe("reportMetadata", () => {
  it("gives title, a description from the opening sentences (of the body's paragraphs, not its headings) and an absolute canonical URL", () => {
    const metadata = reportMetadata(report());
    expect(metadata.title).toBe("凝心铸魂担使命 踔厉奋发谱新篇");
    expect(metadata.description).toBe("厦门市直机关工委坚持政治引领。全面推进模范机关建设。");
    expect(metadata.alternates?.canonical).toBe("https://dj.example.cn/reports/abc123");
  });

  it("uses the 摘要 for the description when there is one", () => {
    expect(reportMetadata(report({ summary: "一句话摘要。" })).description).toBe("一句话摘要。");
    // Without a 摘要 the rendered body's paragraphs come first (the plain text cannot tell a
    // caption or heading from a paragraph); the plain text only when the HTML has none.
    expect(reportMetadata(report({ plainText: "纯文本第一句。", html: "<p>正文第一句。</p>" })).description).toBe("正文第一句。");
    expect(reportMetadata(report({ plainText: "纯文本第一句。", html: "<h2>只有标题</h2>" })).description).toBe("纯文本第一句。");
  });

  it("keeps the feed links, the site's and the committee's, next to the canonical URL", () => {
    const types = reportMetadata(report()).alternates?.types;
    expect(types).toEqual(feedAlternateTypes({ slug: "xiamen", name: "厦门市直机关工委" }));
    expect(JSON.stringify(types)).toContain("/committees/xiamen/feed.xml");
    expect(JSON.stringify(types)).toContain("/atom.xml");
  });

  it("describes the article for OpenGraph", () => {
    expect(reportMetadata(report()).openGraph).toEqual({
      type: "article",
      title: "凝心铸魂担使命 踔厉奋发谱新篇",
      description: "厦门市直机关工委坚持政治引领。全面推进模范机关建设。",
      url: "https://dj.example.cn/reports/abc123",
      siteName: "机关党建工作综述",
      locale: "zh_CN",
      publishedTime: "2022-06-30T01:00:00.000Z",
      modifiedTime: "2022-07-02T08:00:00.000Z",
      section: "工作综述",
      authors: ["记者 张三"],
    });
  });

  it("credits the committee when there is no byline and leaves out an empty 栏目", () => {
    const og = reportMetadata(report({ byline: "", column: "", editionPublishedAt: null })).openGraph as Record<string, unknown>;
    expect(og.authors).toEqual(["厦门市直机关工委"]);
    expect(og).not.toHaveProperty("section");
    expect(og.modifiedTime).toBe("2022-06-30T01:00:00.000Z");
  });

  it("gives any page a canonical URL with the feed links", () => {
    expect(pageAlternates("/")).toEqual({ canonical: "https://dj.example.cn/", types: feedAlternateTypes() });
  });
});

describe("reportJsonLd", () => {
  it("is a schema.org NewsArticle", () => {
    expect(reportJsonLd(report())).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "凝心铸魂担使命 踔厉奋发谱新篇",
      alternativeHeadline: "厦门市直机关党建工作综述",
      description: "厦门市直机关工委坚持政治引领。全面推进模范机关建设。",
      datePublished: "2022-06-30T01:00:00.000Z",
      dateModified: "2022-07-02T08:00:00.000Z",
      author: { "@type": "Person", name: "记者 张三" },
      publisher: { "@type": "Organization", name: "厦门市直机关工委", url: "https://dj.example.cn/committees/xiamen" },
      mainEntityOfPage: { "@type": "WebPage", "@id": "https://dj.example.cn/reports/abc123" },
      url: "https://dj.example.cn/reports/abc123",
      inLanguage: "zh-CN",
      articleSection: "工作综述",
    });
  });

  it("names the committee as author without a byline, and drops empty fields", () => {
    const data = reportJsonLd(report({ byline: "", subtitle: "", column: "" }));
    expect(data.author).toEqual({ "@type": "Organization", name: "厦门市直机关工委", url: "https://dj.example.cn/committees/xiamen" });
    expect(data).not.toHaveProperty("alternativeHeadline");
    expect(data).not.toHaveProperty("articleSection");
  });

  it("serializes so that no text can close the script element", () => {
    const data = reportJsonLd(report({ title: `</script><script>alert(1)</script><!-- & \u2028` }));
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe("htmlToPlainText", () => {
  it("keeps block breaks and decodes entities", () => {
    expect(htmlToPlainText("<p>甲 &amp; 乙</p><p>&lt;丙&gt;<br>丁</p>")).toBe("甲 & 乙\n<丙>\n丁\n");
  });
});

// RSS 2.0 and Atom 1.0 documents of published reports, as strings. Pure: the route handlers
// read the items (lib/public/feed-items.ts) and hand them here.
import { messages } from "@/lib/i18n";
import { describeReport } from "./describe";
import { absoluteUrl, publicPaths } from "./site-url";

/** One published report as the feeds need it (its live edition's fields). */
export interface FeedItem {
  id: string;
  title: string;
  summary: string;
  plainText: string;
  html: string;
  byline: string;
  /** 栏目 */
  column: string;
  /** First publication */
  publishedAt: Date;
  /** When the live edition went online (a later edition or a correction) */
  updatedAt: Date;
  committee: { slug: string; name: string; city: string };
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The HTML page the feed belongs to */
  link: string;
  rssUrl: string;
  atomUrl: string;
  /** Author of the feed as a whole (Atom requires one when an entry has none) */
  author: string;
}

/** The feed of the whole site. */
export function siteChannel(): FeedChannel {
  return {
    title: messages.site.name,
    description: messages.site.tagline,
    link: absoluteUrl(publicPaths.home),
    rssUrl: absoluteUrl(publicPaths.rss),
    atomUrl: absoluteUrl(publicPaths.atom),
    author: messages.site.name,
  };
}

/** The feed of one committee. */
export function committeeChannel(committee: { slug: string; name: string }): FeedChannel {
  return {
    title: `${committee.name}｜${messages.site.name}`,
    description: `${committee.name}发布的工作综述与新闻`,
    link: absoluteUrl(publicPaths.committee(committee.slug)),
    rssUrl: absoluteUrl(publicPaths.committeeRss(committee.slug)),
    atomUrl: absoluteUrl(publicPaths.committeeAtom(committee.slug)),
    author: committee.name,
  };
}

// --- XML text -----------------------------------------------------------------------------

/** Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, "");
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Wraps text in CDATA; a "]]>" inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlChars(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** Root-relative src/href in the body become absolute, as feed readers show it off-site. */
export function absolutizeHtml(html: string): string {
  return html.replace(/\s(src|href)="\/(?!\/)/g, (_, attribute: string) => ` ${attribute}="${absoluteUrl("/")}`);
}

/** RFC 822 (as updated by RFC 1123) for RSS: Mon, 17 Jan 2022 01:00:00 GMT */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 for Atom: 2022-01-17T01:00:00Z */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

function latest(items: FeedItem[]): Date | null {
  return items.reduce<Date | null>((max, item) => (!max || item.updatedAt > max ? item.updatedAt : max), null);
}

// --- RSS 2.0 ------------------------------------------------------------------------------

/** An RSS 2.0 document (https://www.rssboard.org/rss-specification), items as given. */
export function buildRss(channel: FeedChannel, items: FeedItem[], now: Date = new Date()): string {
  const built = latest(items) ?? now;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<channel>`,
    element("title", channel.title),
    element("link", channel.link),
    element("description", channel.description),
    `<language>zh-cn</language>`,
    element("lastBuildDate", rfc822(built)),
    element("generator", messages.site.name),
    `<atom:link href="${escapeXml(channel.rssUrl)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const item of items) {
    const url = absoluteUrl(publicPaths.report(item.id));
    lines.push(
      `<item>`,
      element("title", item.title),
      element("link", url),
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      element("description", describeReport(item)),
      `<content:encoded>${cdata(absolutizeHtml(item.html))}</content:encoded>`,
      element("pubDate", rfc822(item.publishedAt)),
      element("dc:creator", item.byline || item.committee.name),
      ...(item.column ? [element("category", item.column)] : []),
      `</item>`,
    );
  }
  lines.push(`</channel>`, `</rss>`, "");
  return lines.join("\n");
}

// --- Atom 1.0 -----------------------------------------------------------------------------

/** An Atom 1.0 document (RFC 4287), entries as given. */
export function buildAtom(channel: FeedChannel, items: FeedItem[], now: Date = new Date()): string {
  const updated = latest(items) ?? now;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">`,
    element("id", channel.atomUrl),
    element("title", channel.title),
    element("subtitle", channel.description),
    element("updated", rfc3339(updated)),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.atomUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.link)}"/>`,
    `<author>${element("name", channel.author)}</author>`,
    element("generator", messages.site.name),
  ];
  for (const item of items) {
    const url = absoluteUrl(publicPaths.report(item.id));
    lines.push(
      `<entry>`,
      element("id", url),
      element("title", item.title),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      element("published", rfc3339(item.publishedAt)),
      element("updated", rfc3339(item.updatedAt > item.publishedAt ? item.updatedAt : item.publishedAt)),
      `<author>${element("name", item.byline || item.committee.name)}</author>`,
      ...(item.column ? [`<category term="${escapeXml(item.column)}"/>`] : []),
      `<summary type="text">${escapeXml(describeReport(item))}</summary>`,
      `<content type="html">${escapeXml(absolutizeHtml(item.html))}</content>`,
      `</entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

// --- HTTP ---------------------------------------------------------------------------------

export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";
export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/** A feed answer. Not cached by shared caches for now: a publish or takedown shows at once. */
export function feedResponse(xml: string, contentType: string): Response {
  return new Response(xml, {
    headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=0, must-revalidate", "X-Content-Type-Options": "nosniff" },
  });
}

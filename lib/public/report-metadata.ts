// What search engines and link previews read about a published report: <title>, description,
// canonical URL, feed links, OpenGraph and schema.org NewsArticle JSON-LD.
import type { Metadata } from "next";
import { messages } from "@/lib/i18n";
import { describeReport } from "./describe";
import { absoluteUrl, publicPaths } from "./site-url";

/** The live edition's fields these need (a PublishedReport fits). */
export interface ReportForMetadata {
  id: string;
  title: string;
  subtitle: string;
  byline: string;
  summary: string;
  /** 栏目 */
  column: string;
  /** Plain text of the body; when absent the description is taken from `html`. */
  plainText?: string;
  html?: string;
  /** First publication */
  publishedAt: Date;
  /** When the live edition went online, if later than the first publication */
  editionPublishedAt?: Date | null;
  committee: { slug: string; name: string };
  /** The cover image: og:image for link previews. */
  cover?: { largeSrc: string; largeWidth: number; largeHeight: number; alt: string } | null;
}

type Alternates = NonNullable<Metadata["alternates"]>;

/**
 * <link rel="alternate"> to the site's RSS and Atom feeds (and a committee's, given one).
 * Next merges metadata shallowly: a page that sets `alternates` (e.g. a canonical URL) must
 * repeat these, or the root layout's feed links disappear from it.
 */
export function feedAlternateTypes(committee?: { slug: string; name: string }): NonNullable<Alternates["types"]> {
  const site = messages.site.name;
  return {
    "application/rss+xml": [
      { url: publicPaths.rss, title: `${site} RSS` },
      ...(committee ? [{ url: publicPaths.committeeRss(committee.slug), title: `${committee.name} RSS` }] : []),
    ],
    "application/atom+xml": [
      { url: publicPaths.atom, title: `${site} Atom` },
      ...(committee ? [{ url: publicPaths.committeeAtom(committee.slug), title: `${committee.name} Atom` }] : []),
    ],
  };
}

/** `alternates` for a public page: its absolute canonical URL plus the feed links. */
export function pageAlternates(path: string, committee?: { slug: string; name: string }): Alternates {
  return { canonical: absoluteUrl(path), types: feedAlternateTypes(committee) };
}

/** Body text from rendered HTML, for a description when no plain text is at hand. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/(p|h[1-6]|li|blockquote|tr|figcaption|div)>|<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|#39|apos|nbsp|amp);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " ", amp: "&" })[entity]!);
}

function description(report: ReportForMetadata): string {
  // The lead of the rendered body, so the description starts at its first paragraph rather
  // than at a caption or heading; the plain text when there is no HTML.
  return describeReport({ summary: report.summary, html: report.html, plainText: report.plainText ?? htmlToPlainText(report.html ?? "") });
}

function modified(report: ReportForMetadata): Date {
  return report.editionPublishedAt && report.editionPublishedAt > report.publishedAt ? report.editionPublishedAt : report.publishedAt;
}

/** Metadata of a report page (return it from generateMetadata). */
export function reportMetadata(report: ReportForMetadata): Metadata {
  const url = absoluteUrl(publicPaths.report(report.id));
  const text = description(report);
  return {
    title: report.title,
    description: text,
    authors: [report.byline ? { name: report.byline } : { name: report.committee.name, url: absoluteUrl(publicPaths.committee(report.committee.slug)) }],
    alternates: { canonical: url, types: feedAlternateTypes(report.committee) },
    openGraph: {
      type: "article",
      title: report.title,
      description: text,
      url,
      siteName: messages.site.name,
      locale: "zh_CN",
      publishedTime: report.publishedAt.toISOString(),
      modifiedTime: modified(report).toISOString(),
      ...(report.column ? { section: report.column } : {}),
      authors: [report.byline || report.committee.name],
      ...(report.cover
        ? { images: [{ url: absoluteUrl(report.cover.largeSrc), width: report.cover.largeWidth, height: report.cover.largeHeight, alt: report.cover.alt }] }
        : {}),
    },
    twitter: report.cover
      ? { card: "summary_large_image", title: report.title, description: text, images: [absoluteUrl(report.cover.largeSrc)] }
      : { card: "summary", title: report.title, description: text },
  };
}

/** A schema.org NewsArticle (https://schema.org/NewsArticle) for a report page. */
export function reportJsonLd(report: ReportForMetadata): Record<string, unknown> {
  const url = absoluteUrl(publicPaths.report(report.id));
  const publisher = { "@type": "Organization", name: report.committee.name, url: absoluteUrl(publicPaths.committee(report.committee.slug)) };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: report.title,
    ...(report.subtitle ? { alternativeHeadline: report.subtitle } : {}),
    description: description(report),
    datePublished: report.publishedAt.toISOString(),
    dateModified: modified(report).toISOString(),
    author: report.byline ? { "@type": "Person", name: report.byline } : publisher,
    publisher,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    inLanguage: "zh-CN",
    ...(report.column ? { articleSection: report.column } : {}),
  };
}

/**
 * JSON for a <script type="application/ld+json">: "<" becomes \u003c (so no "</script>" or
 * "<!--" in the text can end the script early), as do U+2028/U+2029 for old parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

// What the public article (components/report/report-article.tsx) shows, and how an edition
// becomes it. The public page passes its published read (lib/public/published-reports.ts),
// which has this shape; previews (lib/preview/) build it from a report's working copy or a
// Revision with toArticle, so a preview goes through the very same renderer and styles.

/** The newspaper fields and body of one edition: both a Report row and a Revision have them. */
export interface ArticleEdition {
  kicker: string;
  title: string;
  subtitle: string;
  byline: string;
  source: string;
  originalTitle: string;
  responsibleEditor: string;
  column: string;
  issueDate: Date | null;
  /** Server-rendered from validated Tiptap JSON (lib/content/render.ts). */
  html: string;
  charCount: number;
}

export interface ArticleData extends ArticleEdition {
  id: string;
  /** The date shown when there is no issue date: first publication, or when it would appear. */
  publishedAt: Date;
  committee: { slug: string; name: string; city: string };
  corrections: { note: string; at: Date | null }[];
  previous: { id: string; title: string } | null;
  next: { id: string; title: string } | null;
}

export function toArticle(
  edition: ArticleEdition,
  context: Pick<ArticleData, "id" | "publishedAt" | "committee" | "corrections"> & Partial<Pick<ArticleData, "previous" | "next">>,
): ArticleData {
  return {
    kicker: edition.kicker,
    title: edition.title,
    subtitle: edition.subtitle,
    byline: edition.byline,
    source: edition.source,
    originalTitle: edition.originalTitle,
    responsibleEditor: edition.responsibleEditor,
    column: edition.column,
    issueDate: edition.issueDate,
    html: edition.html,
    charCount: edition.charCount,
    id: context.id,
    publishedAt: context.publishedAt,
    committee: context.committee,
    corrections: context.corrections,
    previous: context.previous ?? null,
    next: context.next ?? null,
  };
}

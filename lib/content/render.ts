/**
 * Server-side rendering of report content to HTML and plain text.
 *
 * No DOM: every node is turned into HTML from the schema's own `toDOM` spec
 * (the same `renderHTML` the editor uses) with `domOutputSpecToHTMLString`
 * from @tiptap/static-renderer. Walking the ProseMirror tree directly, instead
 * of calling `renderToHTMLString`, avoids re-resolving the extension list on
 * every call (which dominated the cost) and lets adjacent text share its
 * marks (`<strong>a<em>b</em></strong>` rather than one `<strong>` per piece).
 *
 * Input is validated first, so the renderer never sees an unknown node or an
 * unsafe URL; links are still rebuilt here with a fixed `rel`.
 */
import type { DOMOutputSpec, Mark, Node as PMNode } from "@tiptap/pm/model";
import { domOutputSpecToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { countChineseCharacters } from "./char-count";
import { LINK_REL, type FigureAttrs } from "./extensions";
import { isSafeImageSrc, isSafeLinkHref } from "./urls";
import { parseContentNode, type ContentError, type TiptapDoc } from "./validate";

export interface RenderedContent {
  /** HTML fragment (no wrapper element), safe to insert into a page. */
  html: string;
  /** Text only: one block per line; table cells separated by tabs. */
  plainText: string;
  /** 字数 of `plainText`, see countChineseCharacters. */
  charCount: number;
}

/** A rendition of a library image, as stored in Media.variants. */
export interface FigureVariant {
  width: number;
  height: number;
  storageKey: string;
  mimeType: string;
}

/** What the renderer needs of a Media row to write `<picture>`; loaded by the caller. */
export interface FigureMedia {
  width: number;
  height: number;
  variants: readonly FigureVariant[];
}

/** Media rows by id, for the figures whose `mediaId` they match. */
export type MediaLookup = ReadonlyMap<string, FigureMedia>;

const NO_MEDIA: MediaLookup = new Map();

export class ContentRenderError extends Error {
  constructor(readonly contentError: ContentError) {
    super(`Cannot render invalid content: ${contentError.code} at ${contentError.path || "(root)"}`);
    this.name = "ContentRenderError";
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

/** Marker for "children go here" when a mark's spec is split into open and close tags. */
const HOLE = "\u0000hole\u0000";

function splitAtHole(html: string): [string, string] {
  const index = html.indexOf(HOLE);
  return index < 0 ? [html, ""] : [html.slice(0, index), html.slice(index + HOLE.length)];
}

function isExternalHref(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

/** Links are built here, not from the stored attributes: rel is fixed, target follows the URL. */
function linkTags(mark: Mark): [string, string] {
  const href = mark.attrs.href as unknown;
  const title = mark.attrs.title as unknown;
  const attributes = [
    isSafeLinkHref(href) ? `href="${escapeAttribute(href)}"` : null,
    isSafeLinkHref(href) && isExternalHref(href) ? 'target="_blank"' : null,
    `rel="${LINK_REL}"`,
    typeof title === "string" && title !== "" ? `title="${escapeAttribute(title)}"` : null,
  ].filter((attribute): attribute is string => attribute !== null);
  return [`<a ${attributes.join(" ")}>`, "</a>"];
}

/** Tags of marks without attributes (bold, italic…) are the same every time. */
const plainMarkTags = new Map<string, [string, string]>();

function markTags(mark: Mark): [string, string] {
  if (mark.type.name === "link") return linkTags(mark);
  const hasAttrs = Object.keys(mark.attrs).length > 0;
  const cached = hasAttrs ? undefined : plainMarkTags.get(mark.type.name);
  if (cached) return cached;
  const toDOM = mark.type.spec.toDOM;
  if (!toDOM) throw new Error(`Mark ${mark.type.name} has no toDOM`);
  const tags = splitAtHole(domOutputSpecToHTMLString(toDOM(mark, true) as DOMOutputSpec)(HOLE));
  if (!hasAttrs) plainMarkTags.set(mark.type.name, tags);
  return tags;
}

/**
 * Inline content with marks kept open across neighbouring text that shares
 * them. Marks are ordered by schema rank, so nesting stays consistent.
 */
function renderInline(parent: PMNode, context: RenderContext): string {
  let html = "";
  const open: Array<{ mark: Mark; close: string }> = [];
  parent.forEach((child) => {
    let keep = 0;
    while (keep < open.length && keep < child.marks.length && open[keep]!.mark.eq(child.marks[keep]!)) keep++;
    while (open.length > keep) html += open.pop()!.close;
    for (const mark of child.marks.slice(keep)) {
      const [openTag, closeTag] = markTags(mark);
      html += openTag;
      open.push({ mark, close: closeTag });
    }
    html += child.isText ? escapeText(child.text ?? "") : renderNode(child, context);
  });
  while (open.length > 0) html += open.pop()!.close;
  return html;
}

function renderNode(node: PMNode, context: RenderContext): string {
  if (node.type.name === "figure") return renderFigure(node.attrs as FigureAttrs, context, node === context.priority);
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) throw new Error(`Node ${node.type.name} has no toDOM`);
  const children = node.isLeaf ? "" : node.inlineContent ? renderInline(node, context) : renderBlocks(node, context);
  return domOutputSpecToHTMLString(toDOM(node))(children);
}

function renderBlocks(parent: PMNode, context: RenderContext): string {
  let html = "";
  parent.forEach((child) => {
    html += renderNode(child, context);
  });
  return html;
}

/** Media rows, and the figure that is likely the page's largest paint (see priorityFigure). */
interface RenderContext {
  media: MediaLookup;
  priority: PMNode | null;
}

/**
 * A photo among the first blocks of the body is likely on the first screen and the largest
 * thing on it: loaded at once with high priority (not lazily, which would hold back the
 * page's Largest Contentful Paint). Every later photo loads lazily.
 */
const PRIORITY_BLOCKS = 3;

function priorityFigure(doc: PMNode): PMNode | null {
  for (let index = 0; index < Math.min(PRIORITY_BLOCKS, doc.childCount); index++) {
    const child = doc.child(index);
    if (child.type.name === "figure" && isSafeImageSrc((child.attrs as FigureAttrs).src)) return child;
  }
  return null;
}

/**
 * The body column is at most 42rem wide (report-article.tsx); below that, the screen less the
 * 1rem margin on each side of <main> (app/(public)/layout.tsx). With `100vw` a phone picked a
 * rendition one step wider than it shows.
 */
const FIGURE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

function srcset(variants: readonly FigureVariant[]): string {
  return [...variants]
    .sort((a, b) => a.width - b.width)
    .map((variant) => `/media/${variant.storageKey} ${variant.width}w`)
    .join(", ");
}

/**
 * A library image becomes `<picture>`: AVIF and WebP sources with every width, the JPEG
 * fallback as `<img>` with width and height (of the largest rendition) so the page keeps
 * the image's space before it loads. Other images keep their plain `<img>`. A figure without
 * its photo is its caption alone, styled as a caption — never a broken image.
 */
function renderFigure(attrs: FigureAttrs, context: RenderContext, priority: boolean): string {
  const media = context.media;
  const captionParts: string[] = [];
  if (attrs.caption) captionParts.push(`<span class="caption">${escapeText(attrs.caption)}</span>`);
  if (attrs.credit) captionParts.push(`<span class="credit">${escapeText(attrs.credit)}</span>`);
  const figcaption = captionParts.length > 0 ? `<figcaption>${captionParts.join(" ")}</figcaption>` : "";
  const mediaAttr = attrs.mediaId ? ` data-media-id="${escapeAttribute(attrs.mediaId)}"` : "";
  const alt = escapeAttribute(attrs.alt ?? "");

  if (!isSafeImageSrc(attrs.src)) {
    return `<figure class="report-figure is-missing"${mediaAttr}>${figcaption}</figure>`;
  }
  const item = attrs.mediaId ? media.get(attrs.mediaId) : undefined;
  const byType = (mimeType: string) => (item?.variants ?? []).filter((variant) => variant.mimeType === mimeType);
  const jpegs = byType("image/jpeg");
  if (!item || jpegs.length === 0) {
    return `<figure class="report-figure"${mediaAttr}><img src="${escapeAttribute(attrs.src)}" alt="${alt}" ${priority ? 'fetchpriority="high"' : 'loading="lazy"'}/>${figcaption}</figure>`;
  }
  const largest = jpegs.reduce((a, b) => (b.width > a.width ? b : a));
  const sources = (["image/avif", "image/webp"] as const)
    .map((type) => byType(type))
    .filter((variants) => variants.length > 0)
    .map((variants) => `<source type="${variants[0]!.mimeType}" srcset="${escapeAttribute(srcset(variants))}" sizes="${FIGURE_SIZES}"/>`)
    .join("");
  const img =
    `<img src="${escapeAttribute(attrs.src)}" srcset="${escapeAttribute(srcset(jpegs))}" sizes="${FIGURE_SIZES}" ` +
    `width="${largest.width}" height="${largest.height}" alt="${alt}" ${priority ? 'fetchpriority="high"' : 'loading="lazy" decoding="async"'}/>`;
  return `<figure class="report-figure"${mediaAttr}><picture>${sources}${img}</picture>${figcaption}</figure>`;
}

// ---------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------

function inlineText(textblock: PMNode): string {
  let text = "";
  textblock.forEach((child) => {
    if (child.isText) text += child.text ?? "";
    else if (child.type.name === "hardBreak") text += "\n";
  });
  return text;
}

function figureText(figure: PMNode): string {
  const { caption, credit } = figure.attrs as FigureAttrs;
  return [caption, credit].filter((part): part is string => !!part && part.trim() !== "").join(" ");
}

/** Lines of text of a block subtree; empty blocks produce no line. */
function collectLines(node: PMNode, lines: string[]): void {
  if (node.isTextblock) {
    const text = inlineText(node);
    if (text.trim() !== "") lines.push(text);
    return;
  }
  if (node.type.name === "figure") {
    const text = figureText(node);
    if (text !== "") lines.push(text);
    return;
  }
  if (node.type.name === "table") {
    // One line per row, cells separated by tabs; a cell's own blocks are joined by spaces.
    node.forEach((row) => {
      const cells: string[] = [];
      row.forEach((cell) => {
        const cellLines: string[] = [];
        collectLines(cell, cellLines);
        cells.push(cellLines.join(" ").replace(/\n/g, " "));
      });
      if (cells.some((cell) => cell.trim() !== "")) lines.push(cells.join("\t"));
    });
    return;
  }
  node.forEach((child) => collectLines(child, lines));
}

function renderPlainText(doc: PMNode): string {
  const lines: string[] = [];
  collectLines(doc, lines);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------

/**
 * Renders validated report content. Throws ContentRenderError when the input
 * would not pass parseContent: storing unvalidated content is a bug upstream,
 * and a published page must never show it.
 */
export function renderContent(doc: TiptapDoc, options: { media?: MediaLookup } = {}): RenderedContent {
  const parsed = parseContentNode(doc);
  if (!parsed.ok) throw new ContentRenderError(parsed.error);
  const plainText = renderPlainText(parsed.node);
  return {
    html: renderBlocks(parsed.node, { media: options.media ?? NO_MEDIA, priority: priorityFigure(parsed.node) }),
    plainText,
    charCount: countChineseCharacters(plainText),
  };
}

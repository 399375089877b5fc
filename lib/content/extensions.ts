/**
 * The one Tiptap extension list of report content.
 *
 * The browser editor, the validator and the server renderer all build their
 * schema from `contentExtensions`, so what an editor can produce, what the
 * server accepts and what a published page shows cannot drift apart.
 *
 * This module must stay importable on the server: no React, and nothing that
 * touches `window`/`document` when the module is loaded.
 */
import { getSchema, Node, type AnyExtension, type Extensions } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { StarterKit } from "@tiptap/starter-kit";
import { Link } from "@tiptap/extension-link";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import { TextAlign } from "@tiptap/extension-text-align";
import { mediaMessages } from "@/lib/i18n/media.zh-CN";
import { isSafeImageSrc, isSafeLinkHref } from "./urls";

/** Heading levels a report may use; level 1 is the page title, never content. */
export const HEADING_LEVELS = [2, 3, 4] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export const TEXT_ALIGNMENTS = ["left", "center", "right", "justify"] as const;
export type TextAlignment = (typeof TEXT_ALIGNMENTS)[number];

/** The `rel` every published link carries. */
export const LINK_REL = "noopener noreferrer nofollow";

export interface FigureAttrs {
  /** null: a figure waiting for its photo (an imported caption whose image did not come through). */
  src: string | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  mediaId: string | null;
}

/** Text content of the first element matching `selector`, or null when absent or blank. */
function textOf(element: HTMLElement, selector: string): string | null {
  const text = element.querySelector(selector)?.textContent ?? null;
  return text !== null && text.trim() !== "" ? text : null;
}

/**
 * A photo with its caption (图片说明) and credit (摄影/来源). An atom: the
 * caption is edited through the node's attributes, not as inline content, so
 * a figure can never hold formatting the schema does not allow.
 */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    // Attributes are rendered by renderHTML below as a whole, hence rendered: false.
    return {
      src: {
        default: null,
        validate: "string|null",
        rendered: false,
        parseHTML: (element: HTMLElement) => element.querySelector("img")?.getAttribute("src") || null,
      },
      alt: {
        default: null,
        validate: "string|null",
        rendered: false,
        parseHTML: (element: HTMLElement) => element.querySelector("img")?.getAttribute("alt") || null,
      },
      caption: {
        default: null,
        validate: "string|null",
        rendered: false,
        parseHTML: (element: HTMLElement) => textOf(element, "figcaption .caption"),
      },
      credit: {
        default: null,
        validate: "string|null",
        rendered: false,
        parseHTML: (element: HTMLElement) => textOf(element, "figcaption .credit"),
      },
      mediaId: {
        default: null,
        validate: "string|null",
        rendered: false,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-media-id") || null,
      },
    };
  },

  parseHTML() {
    return [{ tag: "figure.report-figure" }];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as FigureAttrs;
    const figcaptionParts: Array<string | [string, Record<string, string>, string]> = [];
    if (attrs.caption) figcaptionParts.push(["span", { class: "caption" }, attrs.caption]);
    if (attrs.caption && attrs.credit) figcaptionParts.push(" ");
    if (attrs.credit) figcaptionParts.push(["span", { class: "credit" }, attrs.credit]);

    const hasImage = isSafeImageSrc(attrs.src);
    const figureAttrs: Record<string, string> = { class: hasImage ? "report-figure" : "report-figure is-missing" };
    if (attrs.mediaId) figureAttrs["data-media-id"] = attrs.mediaId;
    // A figure still waiting for its photo (an empty or null src: to be uploaded, or an imported
    // caption) shows an obvious slot in the editor, never a broken image. (Published pages are
    // rendered by lib/content/render.ts, which leaves the slot out and shows the caption alone.)
    // An unsafe src is treated the same.
    const figcaption = ["figcaption", {}, ...figcaptionParts];
    const img = hasImage
      ? ["img", { src: attrs.src, alt: attrs.alt ?? "", loading: "lazy" }]
      : ["span", { class: "report-figure__missing", contenteditable: "false" }, mediaMessages.figure.missing];

    return figcaptionParts.length > 0 ? ["figure", figureAttrs, img, figcaption] : ["figure", figureAttrs, img];
  },
});

/**
 * StarterKit minus what reports do not use. The editor-only helpers
 * (undo/redo, drop and gap cursor, list keymap, trailing paragraph) stay on:
 * they add no node or mark to the schema.
 */
const ConfiguredStarterKit = StarterKit.configure({
  code: false,
  codeBlock: false,
  heading: { levels: [...HEADING_LEVELS] },
  link: false,
});

/**
 * The report link. It ends where the person ended it: Tiptap's link is inclusive while
 * autolink is on, so text typed or pasted right after a link became part of it (a pasted article
 * turned into one long link); not inclusive, the cursor at a link's end carries no link mark.
 * class, target and rel stay in the schema (older stored JSON has them) but are never read from
 * pasted HTML nor written to the page: the editor would otherwise render a stored `class` and let
 * an editor lay a link over the reviewer's screen (issue 9). Every link gets the fixed rel from
 * HTMLAttributes instead.
 */
const inert = { default: null, rendered: false, parseHTML: () => null };
const ReportLink = Link.extend({
  inclusive: () => false,
  addAttributes() {
    return { ...this.parent?.(), target: inert, rel: inert, class: inert };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  HTMLAttributes: { rel: LINK_REL, target: null, class: null },
  isAllowedUri: (url: string) => isSafeLinkHref(url),
});

export const contentExtensions: Extensions = [
  ConfiguredStarterKit,
  ReportLink,
  TextAlign.configure({
    types: ["heading", "paragraph"],
    alignments: [...TEXT_ALIGNMENTS],
    defaultAlignment: null,
  }),
  Table.configure({ resizable: false, renderWrapper: true }),
  TableRow,
  TableHeader,
  TableCell,
  Figure,
] satisfies AnyExtension[];

let cachedSchema: Schema | undefined;

/** The ProseMirror schema of report content, built once per process. */
export function getContentSchema(): Schema {
  cachedSchema ??= getSchema(contentExtensions);
  return cachedSchema;
}

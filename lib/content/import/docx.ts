/**
 * Import of a Word document (.docx; .doc and .wps arrive here after LibreOffice converted
 * them) into report fields and Tiptap content.
 *
 * mammoth reads the document into clean HTML but drops alignment and font size by design;
 * `transformDocument` sees them, so centred large/bold lines (a title set by hand) and
 * centred or right-aligned paragraphs are marked with a style of our own first. The HTML is
 * then walked once: images become figures (with the short paragraph after them as caption,
 * `(… 摄)` as credit), `一、` / `（一）` lines become headings, and the leading lines give the
 * header fields through the same recognition as newspaper text (recognize.ts). Finally
 * @tiptap/html parses the result into the report schema — mammoth sanitises nothing, the
 * schema and the validator do.
 */
import mammoth from "mammoth";
import { generateJSON } from "@tiptap/html/server";
import { Window } from "happy-dom";
import type { JSONContent } from "@tiptap/core";
import { contentExtensions } from "../extensions";
import { parseContent } from "../validate";
import { ImportError, looksLikeText, sniffImage, type StoredImage, type StoreImage } from "./errors";
import { charLength, DASH_SUBTITLE, extractMetadata, looksLikeCaption, splitCaption, SENTENCE_PUNCTUATION, type SourceLine } from "./recognize";
import type { ImportedReport } from "./types";

const STYLE_MAP = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='标题'] => h1.doc-title:fresh",
  "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
  "p[style-name='ImportTitle'] => p.import-title:fresh",
  "p[style-name='ImportCenter'] => p.import-center:fresh",
  "p[style-name='ImportRight'] => p.import-right:fresh",
  "u => u",
];

interface MammothRun {
  type: string;
  isBold?: boolean;
  fontSize?: number | null;
  children?: MammothRun[];
  value?: string;
}
interface MammothParagraph {
  type: "paragraph";
  styleId?: string | null;
  styleName?: string | null;
  alignment?: string | null;
  numbering?: unknown;
  children: MammothRun[];
}

function runsOf(element: { children?: MammothRun[] }): MammothRun[] {
  return (element.children ?? []).flatMap((child) => (child.type === "run" ? [child] : runsOf(child)));
}

function textOfRun(run: MammothRun): string {
  return (run.children ?? []).map((child) => (child.type === "text" ? (child.value ?? "") : textOfRun(child))).join("");
}

/** Marks paragraphs whose only sign of structure is direct formatting. */
function markDirectFormatting(paragraph: MammothParagraph): MammothParagraph {
  const styled = paragraph.styleName && !/^(normal|正文|body ?text|plain ?text)/iu.test(paragraph.styleName);
  if (styled || paragraph.numbering) return paragraph;
  const runs = runsOf(paragraph).filter((run) => textOfRun(run).trim() !== "");
  if (runs.length === 0) return paragraph;
  const text = runs.map(textOfRun).join("").trim();
  const large = runs.every((run) => (run.fontSize ?? 0) >= 16);
  const bold = runs.every((run) => run.isBold);
  if (paragraph.alignment === "center") {
    const titleLike = charLength(text) <= 60 && !SENTENCE_PUNCTUATION.test(text) && (large || bold);
    return { ...paragraph, styleName: titleLike ? "ImportTitle" : "ImportCenter" };
  }
  if (paragraph.alignment === "right") return { ...paragraph, styleName: "ImportRight" };
  return paragraph;
}

const SECTION_1 = /^[一二三四五六七八九十]{1,3}、/u;
const SECTION_2 = /^[（(][一二三四五六七八九十]{1,3}[）)]/u;

function headingLevelByText(text: string): 2 | 3 | null {
  if (charLength(text) > 40 || /[。；;！？]$/u.test(text)) return null;
  if (SECTION_1.test(text)) return 2;
  if (SECTION_2.test(text) && !/[。；;]/u.test(text)) return 3;
  return null;
}

/** mammoth's typings omit `transforms`, which it documents and exports. */
interface MammothTransforms {
  transforms: { paragraph: (transform: (paragraph: MammothParagraph) => MammothParagraph) => (element: unknown) => unknown };
}

interface PendingImage {
  bytes: Uint8Array;
  contentType: string | null;
  alt: string | null;
}

export interface DocxImportResult extends ImportedReport {
  /** Figures in the result, and how many wait for their photo. */
  figures: { total: number; waiting: number };
}

export async function importDocx(buffer: Buffer, options: { storeImage?: StoreImage } = {}): Promise<DocxImportResult> {
  const images: PendingImage[] = [];
  let result: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        transformDocument: (mammoth as unknown as MammothTransforms).transforms.paragraph(markDirectFormatting),
        convertImage: mammoth.images.imgElement(async (image) => {
          const bytes = new Uint8Array(await image.readAsBuffer());
          images.push({ bytes, contentType: sniffImage(bytes), alt: (image as { altText?: string }).altText ?? null });
          return { src: `import-image:${images.length - 1}` };
        }),
      },
    );
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError("无法读取这个 Word 文档，文件可能已损坏。请用 Word 或 WPS 打开后另存为 .docx 再导入");
  }

  // Every image is checked before any is stored: a refused file stores nothing.
  if (images.some((image) => image.contentType === null && looksLikeText(image.bytes))) {
    throw new ImportError("文档中的图片不是图片文件（疑似脚本或网页），已拒绝导入");
  }

  const warnings: string[] = [];
  const stored: Array<StoredImage | "deferred" | null> = [];
  for (const [index, image] of images.entries()) {
    const answer = image.contentType && options.storeImage ? await options.storeImage(image.bytes, image.contentType) : null;
    if (answer && "refused" in answer) {
      warnings.push(`第 ${index + 1} 张图片未保存：${answer.refused}`);
      stored.push(null);
    } else stored.push(answer && "deferred" in answer ? "deferred" : answer);
  }
  const unsupported = images.filter((image) => image.contentType === null).length;
  if (unsupported > 0) warnings.push(`文档中有 ${unsupported} 张图片的格式不受支持（只支持 JPEG、PNG、GIF、WebP），已保留为待上传照片的插图`);

  const window = new Window();
  try {
    const document = window.document;
    const body = document.createElement("div");
    body.innerHTML = result.value;
    const { html, lines, blockOf, titleHint, kickerHint, subtitleHint, figures } = restructure(body as unknown as HTMLElement, stored, images);

    const preset = Object.fromEntries(
      Object.entries({ title: titleHint, kicker: kickerHint, subtitle: subtitleHint }).filter(([, value]) => value !== undefined),
    );
    const extraction = extractMetadata(lines, preset);
    const kept = new Set(extraction.lines);
    const bodyHtml = html.filter((_, index) => {
      const line = blockOf.get(index);
      return line === undefined || kept.has(line);
    });
    const json = generateJSON(bodyHtml.join("") || "<p></p>", contentExtensions) as JSONContent;
    const content = normalizeDoc(json);
    const parsed = parseContent(content);
    if (!parsed.ok) throw new ImportError(`文档内容无法转换为稿件正文：${parsed.error.message}`);

    const waiting = figures.filter((figure) => figure.waiting).length;
    if (waiting > 0) {
      warnings.push(
        `有 ${waiting} 张图片尚未保存为照片（${figures
          .filter((figure) => figure.waiting)
          .map((figure) => (figure.caption ? `“${figure.caption.slice(0, 20)}”` : "无说明"))
          .join("、")}），已作为待上传照片的插图保留说明和署名，请在编辑器中上传`,
      );
    }
    if (extraction.report.title === undefined) warnings.push("未能识别标题，请手动填写");
    warnings.push(...extraction.warnings);
    const { title, ...rest } = extraction.report;
    // The dateline is recognised for the byline only; it stays in the text.
    const fields = { ...rest, dateline: undefined };
    return {
      ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      title: title ?? "",
      content: parsed.doc,
      warnings,
      figures: { total: figures.length, waiting },
    };
  } finally {
    await window.happyDOM.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

function figureHtml(src: string | null, mediaId: string | null, alt: string | null, caption: string | null, credit: string | null): string {
  const img = `<img src="${src ? escapeHtml(src) : ""}" alt="${escapeHtml(alt ?? "")}">`;
  const parts = [caption ? `<span class="caption">${escapeHtml(caption)}</span>` : "", credit ? `<span class="credit">${escapeHtml(credit)}</span>` : ""].join("");
  return `<figure class="report-figure"${mediaId ? ` data-media-id="${escapeHtml(mediaId)}"` : ""}>${img}${parts ? `<figcaption>${parts}</figcaption>` : ""}</figure>`;
}

/**
 * One pass over mammoth's top-level blocks: figures, headings by text, alignment. Returns
 * the blocks' HTML and, for the text blocks that may be header fields, one SourceLine each.
 */
function restructure(body: HTMLElement, stored: Array<StoredImage | "deferred" | null>, images: PendingImage[]) {
  const html: string[] = [];
  const lines: SourceLine[] = [];
  const blockOf = new Map<number, SourceLine>();
  const figures: Array<{ caption: string | null; waiting: boolean }> = [];
  let titleHint: string | undefined;
  const children = [...body.children] as HTMLElement[];

  for (let i = 0; i < children.length; i++) {
    const element = children[i]!;
    const tag = element.tagName.toLowerCase();
    const imgs = [...element.querySelectorAll("img")] as HTMLImageElement[];

    if (imgs.length > 0) {
      // Text around the image stays a paragraph; the image becomes a figure after it.
      for (const img of imgs) img.remove();
      const text = element.textContent?.trim() ?? "";
      if (text !== "") html.push(element.outerHTML);
      imgs.forEach((img, index) => {
        const id = Number(/^import-image:(\d+)$/u.exec(img.getAttribute("src") ?? "")?.[1] ?? -1);
        const image = images[id];
        const answer = stored[id] ?? null;
        const store = answer === "deferred" ? null : answer;
        let caption: { caption: string | null; credit: string | null } = { caption: null, credit: null };
        // The short paragraph right after the last image is its caption.
        const next = children[i + 1];
        if (index === imgs.length - 1 && next && next.tagName.toLowerCase() === "p" && next.querySelector("img") === null) {
          const nextText = next.textContent?.trim() ?? "";
          if (nextText !== "" && (charLength(nextText) <= 120 || looksLikeCaption(nextText))) {
            caption = splitCaption(nextText);
            i++;
          }
        }
        figures.push({ caption: caption.caption, waiting: answer === null });
        html.push(figureHtml(store?.src ?? null, store?.mediaId ?? null, image?.alt ?? null, caption.caption, caption.credit));
      });
      continue;
    }

    const text = (element.textContent ?? "").replace(/\u00a0/gu, " ").trim();
    if (tag === "p" && looksLikeCaption(text)) {
      // A ▲ caption whose photo was not in the document (pasted text, lost picture).
      const caption = splitCaption(text);
      figures.push({ caption: caption.caption, waiting: true });
      html.push(figureHtml(null, null, null, caption.caption, caption.credit));
      continue;
    }

    let out = element;
    if (tag === "h1") {
      if (element.classList.contains("doc-title") && titleHint === undefined) titleHint = text;
      out = rename(element, "h2");
    } else if (tag === "h2") out = rename(element, "h3");
    else if (/^h[3-6]$/u.test(tag)) out = rename(element, "h4");
    else if (tag === "p") {
      const level = headingLevelByText(text);
      if (element.classList.contains("import-title")) {
        if (titleHint === undefined && lines.length <= 1) titleHint = text;
        out = rename(element, "h2");
      } else if (level !== null) out = rename(element, `h${level}`);
      if (element.classList.contains("import-center") || element.classList.contains("import-title")) out.setAttribute("style", "text-align: center");
      if (element.classList.contains("import-right")) out.setAttribute("style", "text-align: right");
    }

    const index = html.length;
    html.push(out.outerHTML);
    if (/^(p|h[1-6])$/u.test(tag) && text !== "") {
      const line: SourceLine = { text, blankBefore: 1 };
      lines.push(line);
      blockOf.set(index, line);
    }
  }
  // The title line found by formatting is consumed by extractMetadata's preset, not as body;
  // a short line set above it is its 引题, a `——` line below it its 副题.
  let kickerHint: string | undefined;
  let subtitleHint: string | undefined;
  if (titleHint !== undefined) {
    const position = lines.findIndex((line) => line.text === titleHint);
    const drop = (line: SourceLine | undefined) => {
      if (!line) return;
      const index = [...blockOf].find(([, candidate]) => candidate === line)?.[0];
      if (index !== undefined) html[index] = "";
      lines.splice(lines.indexOf(line), 1);
    };
    if (position >= 0) {
      const above = position === 1 ? lines[0] : undefined;
      const below = lines[position + 1];
      const dashed = below ? DASH_SUBTITLE.exec(below.text) : null;
      drop(lines[position]);
      if (above && charLength(above.text) <= 40 && !SENTENCE_PUNCTUATION.test(above.text)) {
        kickerHint = above.text;
        drop(above);
      }
      if (below && dashed) {
        subtitleHint = dashed[1]!.trim();
        drop(below);
      }
    }
  }
  return { html, lines, blockOf, titleHint, kickerHint, subtitleHint, figures };
}

function rename(element: HTMLElement, tag: string): HTMLElement {
  const replacement = element.ownerDocument.createElement(tag);
  replacement.innerHTML = element.innerHTML;
  return replacement;
}

/** Drops empty paragraphs that Word leaves between blocks. */
function normalizeDoc(doc: JSONContent): JSONContent {
  const content = (doc.content ?? []).filter((node) => !(node.type === "paragraph" && (node.content ?? []).length === 0));
  return { type: "doc", content: content.length > 0 ? content : [{ type: "paragraph" }] };
}

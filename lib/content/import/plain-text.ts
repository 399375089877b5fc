/**
 * Import of a report pasted or uploaded as plain text (newspaper pages and
 * speeches copied into .txt) into report fields and Tiptap content.
 *
 * Best effort on structure, strict on text: every character of the input
 * ends up in a field or in the content, except whitespace and the markup
 * this importer understands and consumes (`#` heading marks, the labels
 * `作者:` `来源:` `责任编辑:` `(原标题)` and the `——` before a subtitle).
 * When a guess may be wrong, a warning says so instead of dropping text.
 *
 * The steps, in order:
 *  1. split into lines, remembering how many blank lines preceded each;
 *  2. take out metadata: Markdown title/subtitle, a header block (date,
 *     作者, 来源), (原标题) and its —— subtitle, 责任编辑, the byline, and a
 *     headline set in the middle of the page (next to the byline, or the
 *     first pair of short title-like lines);
 *  3. turn the remaining lines into blocks, re-joining paragraphs that the
 *     newspaper's columns split (a line that ends mid-sentence continues in
 *     the next one, possibly after a photo caption) and recognising short
 *     lines as section headings;
 *  4. inline `**bold**`, unless the text uses asterisks as redaction
 *     placeholders, in which case every asterisk stays literal.
 */
import type { JSONContent } from "@tiptap/core";
import type { ImportedReport } from "./types";
import {
  charLength,
  endsSentence,
  extractMetadata,
  isHeadingLike,
  isLeadInHeading,
  isNumberedHeading,
  joinSplit,
  splitLines,
  figureNode,
  splitCaption,
  type SourceLine,
} from "./recognize";

export type { ImportedReport } from "./types";

// ---------------------------------------------------------------------------
// 3. Blocks
// ---------------------------------------------------------------------------

type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "caption"; text: string }
  /** `mergeable`: a plain short-line heading that a second such line may continue. */
  | { kind: "heading"; level: number; lines: string[]; mergeable: boolean };

/** A photo caption: marked with ▲, or a complete sentence where a photo was cut out (2+ blank lines above). */
function isCaption(line: SourceLine): boolean {
  if (line.text.startsWith("▲")) return true;
  if (CANNOT_START.test(line.text)) return false;
  return line.blankBefore >= 2 && endsSentence(line.text) && charLength(line.text) <= 150;
}

function isDangling(block: Block | undefined): block is Extract<Block, { kind: "paragraph" }> {
  return block?.kind === "paragraph" && !endsSentence(block.text);
}

/** Marks that never begin a sentence: a paragraph starting with one was cut at a page break. */
const CANNOT_START = /^[，。、；：！？）」』”’,.;:!?)\]】》]/u;

/** A page banner (`厦门日报 2022年10月28日 第A05版`, `A05 要闻`): furniture of the page, never a section heading. */
export function isPageBanner(text: string): boolean {
  return charLength(text) <= 40 && (/第\s*[A-Z]?\d{1,3}\s*版/u.test(text) || /^[A-Z]\d{1,2}\s/u.test(text));
}

function buildBlocks(lines: SourceLine[], markdownLevels: Map<SourceLine, number>): { blocks: Block[]; joins: number; midSentence: string[]; banners: string[] } {
  const blocks: Block[] = [];
  /** Paragraph openings that read as the middle of a sentence, for a warning. */
  const midSentence: string[] = [];
  const banners: string[] = [];
  /** Captions met while a split paragraph waits for its continuation; they go after it. */
  let heldCaptions: Block[] = [];
  let joins = 0;

  const flushCaptions = (): void => {
    blocks.push(...heldCaptions);
    heldCaptions = [];
  };

  lines.forEach((line, index) => {
    const markdownLevel = markdownLevels.get(line);
    const last = blocks[blocks.length - 1];
    const next = lines[index + 1];

    if (markdownLevel !== undefined) {
      flushCaptions();
      blocks.push({ kind: "heading", level: markdownLevel, lines: [line.text], mergeable: false });
      return;
    }
    if (isDangling(last)) {
      if (isCaption(line) && heldCaptions.length < 3) {
        heldCaptions.push({ kind: "caption", text: line.text });
        return;
      }
      // Continuation of a paragraph the newspaper's columns split. Column breaks
      // leave one blank line; more than that is a real break in the text.
      if (line.blankBefore <= 1) {
        last.text = joinSplit(last.text, line.text);
        joins++;
        if (!isDangling(last)) flushCaptions();
        return;
      }
    }
    const cutAbove = isDangling(last);
    flushCaptions();

    if (isPageBanner(line.text)) {
      banners.push(line.text);
      blocks.push({ kind: "paragraph", text: line.text });
      return;
    }
    if (CANNOT_START.test(line.text) || (cutAbove && line.blankBefore > 1 && !isHeadingLike(line.text))) {
      midSentence.push([...line.text].slice(0, 12).join(""));
    }

    const standsAlone = line.blankBefore > 0 && (next === undefined || next.blankBefore > 0);
    if (standsAlone && isLeadInHeading(line.text)) {
      blocks.push({ kind: "heading", level: 4, lines: [line.text], mergeable: false });
    } else if (standsAlone && isHeadingLike(line.text)) {
      // Two heading lines in a row are one heading set on two lines (漳州).
      const mergeable = !isNumberedHeading(line.text);
      if (last?.kind === "heading" && last.mergeable && mergeable && last.lines.length === 1) {
        last.lines.push(line.text);
      } else {
        blocks.push({ kind: "heading", level: 3, lines: [line.text], mergeable });
      }
    } else if (isCaption(line)) {
      blocks.push({ kind: "caption", text: line.text });
    } else {
      blocks.push({ kind: "paragraph", text: line.text });
    }
  });
  flushCaptions();
  return { blocks, joins, midSentence, banners };
}

// ---------------------------------------------------------------------------
// 4. Inline text and Tiptap JSON
// ---------------------------------------------------------------------------

/**
 * Asterisks are redaction placeholders, not Markdown, when any run of three
 * or more occurs, or when some line has an odd number of `**`. In a redacted
 * text, `**市直机关…。**市直机关工委` would otherwise turn a sentence bold
 * and delete the placeholders that mark where the city's name was removed.
 */
function usesAsteriskPlaceholders(lines: SourceLine[]): boolean {
  return lines.some((line) => /\*{3,}/u.test(line.text) || (line.text.match(/\*\*/gu)?.length ?? 0) % 2 === 1);
}

const BOLD_PAIR = /\*\*([^*]+)\*\*/gu;

function inlineContent(text: string, parseBold: boolean): JSONContent[] {
  if (!parseBold) return [{ type: "text", text }];
  const content: JSONContent[] = [];
  let position = 0;
  for (const match of text.matchAll(BOLD_PAIR)) {
    const inner = match[1]!;
    if (inner.trim() === "") continue;
    if (match.index > position) content.push({ type: "text", text: text.slice(position, match.index) });
    content.push({ type: "text", text: inner, marks: [{ type: "bold" }] });
    position = match.index + match[0].length;
  }
  if (position < text.length) content.push({ type: "text", text: text.slice(position) });
  return content;
}

function blockToJSON(block: Block, parseBold: boolean): JSONContent {
  if (block.kind === "heading") {
    const content: JSONContent[] = [];
    block.lines.forEach((line, index) => {
      if (index > 0) content.push({ type: "hardBreak" });
      content.push(...inlineContent(line, parseBold));
    });
    return { type: "heading", attrs: { level: block.level }, content };
  }
  if (block.kind === "caption") return figureNode(splitCaption(block.text));
  return { type: "paragraph", content: inlineContent(block.text, parseBold) };
}

// ---------------------------------------------------------------------------

export function importPlainText(text: string): ImportedReport {
  const extraction = extractMetadata(splitLines(text));
  const { report, warnings } = extraction;
  const placeholders = usesAsteriskPlaceholders(extraction.lines);
  const { blocks, joins, midSentence, banners } = buildBlocks(extraction.lines, extraction.markdownLevels);

  const content = blocks.map((block) => blockToJSON(block, !placeholders));
  if (content.length === 0) {
    content.push({ type: "paragraph" });
    warnings.push("没有识别到正文内容");
  }

  if (report.title === undefined) warnings.push("未能识别标题，请手动填写");
  const captions = blocks.filter((block) => block.kind === "caption").length;
  if (captions > 0) {
    warnings.push(`原文中有 ${captions} 段图片说明，图片没有随文本导入；已作为待上传照片的插图保留说明和署名，请在编辑器中上传照片`);
  }
  if (joins > 0) warnings.push(`已将 ${joins} 处被分栏或分页截断的段落重新连接，请核对`);
  for (const opening of midSentence) warnings.push(`段落“${opening}…”似乎从句子中间开始（可能是分页截断），请核对并与上一段连接`);
  for (const banner of banners) warnings.push(`“${banner}”像是报纸版面标识，已作为普通段落保留，请核对后删除`);
  const outputTexts = [report.title, report.kicker, report.subtitle, ...content.flatMap(textsOf)];
  if (outputTexts.some((part) => part !== undefined && /\*{2,}/u.test(part))) {
    warnings.push("文中含有被删除内容的占位符（***），不能直接发布");
  }

  return {
    ...withoutUndefined({
      kicker: report.kicker,
      subtitle: report.subtitle,
      byline: report.byline,
      source: report.source,
      originalTitle: report.originalTitle,
      responsibleEditor: report.responsibleEditor,
      issueDate: report.issueDate,
    }),
    title: report.title ?? "",
    content: { type: "doc", content },
    warnings,
  };
}

function textsOf(node: JSONContent): string[] {
  const figure = node.type === "figure" ? [node.attrs?.caption, node.attrs?.credit].filter((part): part is string => typeof part === "string") : [];
  return [...(node.text !== undefined ? [node.text] : []), ...figure, ...(node.content ?? []).flatMap(textsOf)];
}

/** Optional fields are absent rather than `undefined` (exactOptionalPropertyTypes-friendly). */
function withoutUndefined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}

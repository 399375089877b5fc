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
import type { TiptapDoc } from "../validate";

export interface ImportedReport {
  /** 引题 */
  kicker?: string;
  /** 标题; empty when none could be recognised (a warning says so). */
  title: string;
  /** 副题 */
  subtitle?: string;
  /** 作者/记者, as printed (e.g. `本报记者 冯雪珠`). */
  byline?: string;
  /** 来源 */
  source?: string;
  /** 原标题 of a reprint */
  originalTitle?: string;
  /** 责任编辑 */
  responsibleEditor?: string;
  /** YYYY-MM-DD, only when the text states the date in its header. */
  issueDate?: string;
  content: TiptapDoc;
  /** For the editor, in Simplified Chinese. */
  warnings: string[];
}

interface SourceLine {
  text: string;
  /** Blank lines directly above this one (the start of the text counts as blank lines). */
  blankBefore: number;
}

type Headline = Pick<ImportedReport, "kicker" | "title" | "subtitle">;

// ---------------------------------------------------------------------------
// Character rules
// ---------------------------------------------------------------------------

/** Closing quotes and brackets that may follow the real last character of a sentence. */
const TRAILING_CLOSERS = /[”’」』）)》】〉"'\]]+$/u;
/** Marks after which a line is complete: a new line there is a new paragraph. */
const SENTENCE_END = /(?:[。！？!?；;：:…—]|(?<!\d)\.)$/u;
/** Punctuation that does not occur inside a heading. */
const SENTENCE_PUNCTUATION = /[。！？!?；;]/u;

function charLength(text: string): number {
  return [...text].length;
}

/** Whether a line ends a sentence (or a credit such as `(本报记者 黄晓珍 摄)`). */
function endsSentence(text: string): boolean {
  const trimmed = text.trimEnd();
  if (/[(（][^()（）]*[)）]$/u.test(trimmed)) return true;
  const core = trimmed.replace(TRAILING_CLOSERS, "");
  return core === "" || SENTENCE_END.test(core);
}

/**
 * A section heading: short, no sentence punctuation, not ending mid-phrase.
 * A line ending in a digit is a number cut by a column break (`引领2000` /
 * `多个`), not a heading.
 */
function isHeadingLike(text: string): boolean {
  return charLength(text) <= 20 && !endsSentence(text) && !SENTENCE_PUNCTUATION.test(text) && !/[，,、\d]$/u.test(text);
}

/** A lead-in subheading ending in a dash, e.g. `坚持不懈加强政治建设——`. */
function isLeadInHeading(text: string): boolean {
  return charLength(text) <= 24 && /[^—]——$/u.test(text) && !SENTENCE_PUNCTUATION.test(text) && !/[，,]/u.test(text);
}

/** A numbered section heading such as `1 培根铸魂写忠诚`; never part of a headline. */
function isNumberedHeading(text: string): boolean {
  return /^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[\s、.．]/u.test(text);
}

/** Candidate for 引题/标题/副题 when the headline stands in the middle of the page. */
function isHeadlineLike(text: string): boolean {
  return (
    charLength(text) <= 40 &&
    !endsSentence(text) &&
    !SENTENCE_PUNCTUATION.test(text) &&
    !/[，,、\d]$/u.test(text) &&
    !text.startsWith("▲") &&
    !isNumberedHeading(text)
  );
}

/** Joins two halves of a split paragraph; a space only between two Latin letters. */
function joinSplit(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? `${before} ${after}` : before + after;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

// ---------------------------------------------------------------------------
// 1. Lines
// ---------------------------------------------------------------------------

function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let blanks = 0;
  for (const raw of text.replace(/^\ufeff/u, "").split(/\r\n|\r|\n/u)) {
    // trim() also removes NBSP and the ideographic space used for indentation.
    const line = raw.replace(/\u00a0/gu, " ").trim();
    if (line === "") {
      blanks++;
      continue;
    }
    lines.push({ text: line, blankBefore: blanks });
    blanks = 0;
  }
  return lines;
}

// ---------------------------------------------------------------------------
// 2. Metadata. Each extractor removes the lines it consumes from `lines`.
// ---------------------------------------------------------------------------

interface Extraction {
  lines: SourceLine[];
  report: Omit<ImportedReport, "content" | "warnings" | "title"> & { title?: string };
  /** Markdown headings kept for the body, by line object. */
  markdownLevels: Map<SourceLine, number>;
  warnings: string[];
}

function removeLine(extraction: Extraction, line: SourceLine): void {
  extraction.lines = extraction.lines.filter((candidate) => candidate !== line);
}

const MARKDOWN_HEADING = /^(#{1,6})\s+(.+)$/u;

/** `# 标题`, `## 副题` right after it, deeper `#` levels become section headings. */
function extractMarkdownHeadings(extraction: Extraction): void {
  let titleLine: SourceLine | undefined;
  for (const line of [...extraction.lines]) {
    const match = MARKDOWN_HEADING.exec(line.text);
    if (!match) continue;
    const depth = match[1]!.length;
    const text = match[2]!.trim();
    const previous = extraction.lines[extraction.lines.indexOf(line) - 1];
    if (depth === 1 && extraction.report.title === undefined) {
      extraction.report.title = text;
      titleLine = line;
      removeLine(extraction, line);
    } else if (depth === 2 && titleLine !== undefined && previous === undefined && extraction.report.subtitle === undefined) {
      // Nothing but the title came before: this is the subtitle, not a section.
      extraction.report.subtitle = text;
      removeLine(extraction, line);
    } else {
      line.text = text;
      extraction.markdownLevels.set(line, Math.min(Math.max(depth, 2), 4));
    }
  }
}

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/u;
const HEADER_LABEL = /(作者|来源|记者|通讯员|责任编辑|编辑)\s*[:：]/gu;

function toIsoDate(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function assignLabel(report: Extraction["report"], label: string, value: string): void {
  if (value === "") return;
  if (label === "来源") report.source ??= value;
  else if (label === "责任编辑" || label === "编辑") report.responsibleEditor ??= value;
  else report.byline ??= label === "作者" ? value : `${label} ${value}`;
}

/**
 * A header line near the top: `2022-01-17   作者:吴静芳   来源:闽南日报`.
 * Consumed only when nothing but the date and labelled values is on it;
 * the line above it, if any, is the title.
 */
function extractHeaderBlock(extraction: Extraction): void {
  const candidates = extraction.lines.slice(0, 4);
  for (const line of candidates) {
    const dateMatch = DATE.exec(line.text);
    const labels = [...line.text.matchAll(HEADER_LABEL)];
    if (labels.length === 0 && !(dateMatch && dateMatch[0].length === line.text.length)) continue;

    let rest = line.text;
    let issueDate: string | undefined;
    if (dateMatch) {
      issueDate = toIsoDate(dateMatch[1]!, dateMatch[2]!, dateMatch[3]!);
      rest = rest.replace(dateMatch[0], " ");
    }
    const values: Array<[string, string]> = [];
    const labelMatches = [...rest.matchAll(HEADER_LABEL)];
    if (labelMatches.length > 0 && rest.slice(0, labelMatches[0]!.index).trim() !== "") continue;
    labelMatches.forEach((match, index) => {
      const start = match.index + match[0].length;
      const end = labelMatches[index + 1]?.index ?? rest.length;
      values.push([match[1]!, collapseSpaces(rest.slice(start, end))]);
    });
    if (dateMatch && issueDate === undefined) continue;

    if (issueDate !== undefined) extraction.report.issueDate ??= issueDate;
    for (const [label, value] of values) assignLabel(extraction.report, label, value);
    const position = extraction.lines.indexOf(line);
    removeLine(extraction, line);
    const above = extraction.lines[position - 1];
    if (position === 1 && above && extraction.report.title === undefined && charLength(above.text) <= 60 && !endsSentence(above.text)) {
      extraction.report.title = above.text;
      removeLine(extraction, above);
    }
    return;
  }
}

const ORIGINAL_TITLE = /^[(（【\[]\s*原标题\s*[)）】\]]\s*[:：]?\s*(.+)$|^原标题\s*[:：]\s*(.+)$/u;
const DASH_SUBTITLE = /^(?:——|--|—|──)\s*(.+)$/u;

/** `(原标题)…` of a reprint, and the `——…` subtitle that follows it (or the title). */
function extractOriginalTitle(extraction: Extraction): void {
  const headerLines = extraction.lines.slice(0, 6);
  for (const line of headerLines) {
    const match = ORIGINAL_TITLE.exec(line.text);
    if (!match) continue;
    extraction.report.originalTitle = (match[1] ?? match[2] ?? "").trim();
    const next = extraction.lines[extraction.lines.indexOf(line) + 1];
    removeLine(extraction, line);
    const subtitle = next && charLength(next.text) <= 60 ? DASH_SUBTITLE.exec(next.text) : null;
    if (next && subtitle && extraction.report.subtitle === undefined) {
      extraction.report.subtitle = subtitle[1]!.trim();
      removeLine(extraction, next);
    }
    return;
  }
}

const RESPONSIBLE_EDITOR = /^[(（]?\s*责任编辑\s*[:：]\s*(.+?)\s*[)）]?$/u;

function extractResponsibleEditor(extraction: Extraction): void {
  const line = extraction.lines.find((candidate) => RESPONSIBLE_EDITOR.test(candidate.text));
  if (!line) return;
  extraction.report.responsibleEditor ??= RESPONSIBLE_EDITOR.exec(line.text)![1]!;
  removeLine(extraction, line);
}

/** `本报记者 冯雪珠`, `株洲日报全媒体记者/卢昆红`, `记者 张三 通讯员 李四`, `文/王五`. */
const BYLINE =
  /^(?:(?:本报|本台|本刊|\p{Script=Han}{2,12}(?:日报|晚报|报社|新闻网|融媒体中心|广播电视台|电视台))?(?:全媒体)?(?:首席|特约|见习)?(?:记者|通讯员)\s*[/／:：]?|(?:文|文\/图|图\/文|摄影?)\s*[/／:：])\s*[\p{Script=Han}·•\s、/／]{2,30}$/u;

/** Takes the byline line; returns the title-like lines right above it (a headline set mid-page). */
function extractByline(extraction: Extraction): SourceLine[] {
  if (extraction.report.byline !== undefined) return [];
  const index = extraction.lines.findIndex((line) => charLength(line.text) <= 40 && BYLINE.test(line.text));
  if (index < 0) return [];
  const line = extraction.lines[index]!;
  extraction.report.byline = collapseSpaces(line.text);
  const above: SourceLine[] = [];
  for (let i = index - 1; i >= 0 && above.length < 3 && isHeadlineLike(extraction.lines[i]!.text); i--) {
    above.unshift(extraction.lines[i]!);
  }
  removeLine(extraction, line);
  return above;
}

/**
 * Newspaper headline order is 引题 – 标题 – 副题. With two lines, a closing
 * `……综述` or a leading dash marks a subtitle; otherwise the longer line is
 * the title (a kicker is usually the shorter line above it).
 */
function assignHeadline(texts: string[]): Headline {
  if (texts.length >= 3) return { kicker: texts[0]!, title: texts[1]!, subtitle: texts.slice(2).join(" ") };
  if (texts.length === 1) return { title: texts[0]! };
  const [first, second] = texts as [string, string];
  const dashed = DASH_SUBTITLE.exec(second);
  if (dashed) return { title: first, subtitle: dashed[1]!.trim() };
  if (/(?:综述|纪实|侧记|巡礼|述评|回眸)$/u.test(second) || charLength(second) <= charLength(first)) {
    return { title: first, subtitle: second };
  }
  return { kicker: first, title: second };
}

function applyHeadline(extraction: Extraction, lines: SourceLine[]): void {
  const atTop = extraction.lines.indexOf(lines[0]!) === 0;
  const headline = assignHeadline(lines.map((line) => line.text));
  extraction.report.title = headline.title;
  if (headline.kicker !== undefined) extraction.report.kicker ??= headline.kicker;
  if (headline.subtitle !== undefined) extraction.report.subtitle ??= headline.subtitle;
  for (const line of lines) removeLine(extraction, line);
  if (!atTop) extraction.warnings.push(`标题“${headline.title}”是在正文中间识别出来的，请核对标题、引题和副题`);
}

/** First two adjacent title-like lines in the first half of the text (株洲: 引题 + 标题). */
function findHeadlinePair(lines: SourceLine[]): SourceLine[] | undefined {
  const limit = Math.ceil(lines.length / 2);
  for (let i = 0; i + 1 < limit; i++) {
    const first = lines[i]!;
    const second = lines[i + 1]!;
    if ((first.blankBefore > 0 || i === 0) && second.blankBefore > 0 && isHeadlineLike(first.text) && isHeadlineLike(second.text)) {
      const after = lines[i + 2];
      if (after === undefined || after.blankBefore > 0) return [first, second];
    }
  }
  return undefined;
}

function extractMetadata(lines: SourceLine[]): Extraction {
  const extraction: Extraction = { lines, report: {}, markdownLevels: new Map(), warnings: [] };
  extractMarkdownHeadings(extraction);
  extractHeaderBlock(extraction);
  extractOriginalTitle(extraction);
  extractResponsibleEditor(extraction);
  const aboveByline = extractByline(extraction);

  if (extraction.report.title === undefined && aboveByline.length > 0) {
    applyHeadline(extraction, aboveByline);
  }
  if (extraction.report.title === undefined) {
    const pair = findHeadlinePair(extraction.lines);
    if (pair) applyHeadline(extraction, pair);
  }
  if (extraction.report.title === undefined) {
    // A speech or plain article: the first line, if it reads like a title.
    const first = extraction.lines[0];
    if (first && charLength(first.text) <= 60 && !endsSentence(first.text) && !extraction.markdownLevels.has(first)) {
      extraction.report.title = first.text;
      removeLine(extraction, first);
    }
  }
  return extraction;
}

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
  return line.blankBefore >= 2 && endsSentence(line.text) && charLength(line.text) <= 150;
}

function isDangling(block: Block | undefined): block is Extract<Block, { kind: "paragraph" }> {
  return block?.kind === "paragraph" && !endsSentence(block.text);
}

function buildBlocks(lines: SourceLine[], markdownLevels: Map<SourceLine, number>): { blocks: Block[]; joins: number } {
  const blocks: Block[] = [];
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
    flushCaptions();

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
  return { blocks, joins };
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
  return { type: "paragraph", content: inlineContent(block.text, parseBold) };
}

// ---------------------------------------------------------------------------

export function importPlainText(text: string): ImportedReport {
  const extraction = extractMetadata(splitLines(text));
  const { report, warnings } = extraction;
  const placeholders = usesAsteriskPlaceholders(extraction.lines);
  const { blocks, joins } = buildBlocks(extraction.lines, extraction.markdownLevels);

  const content = blocks.map((block) => blockToJSON(block, !placeholders));
  if (content.length === 0) {
    content.push({ type: "paragraph" });
    warnings.push("没有识别到正文内容");
  }

  if (report.title === undefined) warnings.push("未能识别标题，请手动填写");
  const captions = blocks.filter((block) => block.kind === "caption").length;
  if (captions > 0) {
    warnings.push(`原文中有 ${captions} 段图片说明，图片没有随文本导入；说明文字已保留为普通段落，请上传图片后改为插图`);
  }
  if (joins > 0) warnings.push(`已将 ${joins} 处被分栏或分页截断的段落重新连接，请核对`);
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
  return [...(node.text !== undefined ? [node.text] : []), ...(node.content ?? []).flatMap(textsOf)];
}

/** Optional fields are absent rather than `undefined` (exactOptionalPropertyTypes-friendly). */
function withoutUndefined<T extends Record<string, string | undefined>>(fields: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}

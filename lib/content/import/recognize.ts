/**
 * Recognition shared by the importers (plain newspaper text and .docx): the
 * character rules that tell a heading from a sentence, the report's header
 * fields (引题, 标题, 副题, byline, 来源, 原标题, 责任编辑, date) and photo
 * captions with their credits.
 *
 * Every extractor works on lines and removes the lines it consumes, so an
 * importer can tell which of its blocks became fields and which stay body.
 */
import type { ImportedReport } from "./types";

export interface SourceLine {
  text: string;
  /** Blank lines directly above this one (the start of the text counts as blank lines). */
  blankBefore: number;
}

export type Headline = Pick<ImportedReport, "kicker" | "title" | "subtitle">;

// ---------------------------------------------------------------------------
// Character rules
// ---------------------------------------------------------------------------

/** Closing quotes and brackets that may follow the real last character of a sentence. */
const TRAILING_CLOSERS = /[”’」』）)》】〉"'\]]+$/u;
/** Marks after which a line is complete: a new line there is a new paragraph. */
const SENTENCE_END = /(?:[。！？!?；;：:…—]|(?<!\d)\.)$/u;
/** Punctuation that does not occur inside a heading. */
export const SENTENCE_PUNCTUATION = /[。！？!?；;]/u;

export function charLength(text: string): number {
  return [...text].length;
}

/** Whether a line ends a sentence (or a credit such as `(本报记者 黄晓珍 摄)`). */
export function endsSentence(text: string): boolean {
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
export function isHeadingLike(text: string): boolean {
  return charLength(text) <= 20 && !endsSentence(text) && !SENTENCE_PUNCTUATION.test(text) && !/[，,、\d]$/u.test(text);
}

/** A lead-in subheading ending in a dash, e.g. `坚持不懈加强政治建设——`. */
export function isLeadInHeading(text: string): boolean {
  return charLength(text) <= 24 && /[^—]——$/u.test(text) && !SENTENCE_PUNCTUATION.test(text) && !/[，,]/u.test(text);
}

/** A numbered section heading such as `1 培根铸魂写忠诚`; never part of a headline. */
export function isNumberedHeading(text: string): boolean {
  return /^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[\s、.．]/u.test(text);
}

/** Candidate for 引题/标题/副题 when the headline stands in the middle of the page. */
export function isHeadlineLike(text: string): boolean {
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
export function joinSplit(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? `${before} ${after}` : before + after;
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

// ---------------------------------------------------------------------------
// 1. Lines
// ---------------------------------------------------------------------------

export function splitLines(text: string): SourceLine[] {
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

export interface Extraction {
  lines: SourceLine[];
  report: Omit<ImportedReport, "content" | "warnings" | "title"> & { title?: string; dateline?: string };
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
export const DASH_SUBTITLE = /^(?:——|--|—|──)\s*(.+)$/u;

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

/** `(记者 盛林娟)` closing a short news item, or on a line of its own at the end. */
const TRAILING_BYLINE = /[(（]\s*((?:本报|本台)?(?:全媒体)?(?:记者|通讯员)[\p{Script=Han}·•\s、/／]{2,30})\s*[)）]$/u;
/** `金山讯`, `本报讯（记者 张三）` opening the first paragraph. */
const DATELINE = /^(\p{Script=Han}{1,8}讯)\s*(?:[(（]\s*((?:本报|本台)?(?:全媒体)?(?:记者|通讯员)[^()（）]{2,30})\s*[)）])?/u;

/**
 * A byline in parentheses at the end of the text, or inside the dateline of the first
 * paragraph. A line that is only the byline is consumed; inside a paragraph it stays in the
 * text too (it is part of the sentence as printed) and is only copied to the field.
 */
function extractNewsByline(extraction: Extraction): void {
  if (extraction.report.byline !== undefined) return;
  const last = extraction.lines[extraction.lines.length - 1];
  const trailing = last ? TRAILING_BYLINE.exec(last.text) : null;
  if (last && trailing) {
    extraction.report.byline = collapseSpaces(trailing[1]!);
    if (trailing.index === 0) removeLine(extraction, last);
    return;
  }
  const first = extraction.lines.find((line) => charLength(line.text) > 40);
  const dateline = first ? DATELINE.exec(first.text) : null;
  if (dateline?.[2]) extraction.report.byline = collapseSpaces(dateline[2]);
  if (dateline) extraction.report.dateline = dateline[1]!;
}

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

export function extractMetadata(lines: SourceLine[], preset: Extraction["report"] = {}): Extraction {
  const extraction: Extraction = { lines, report: { ...preset }, markdownLevels: new Map(), warnings: [] };
  extractMarkdownHeadings(extraction);
  extractHeaderBlock(extraction);
  extractOriginalTitle(extraction);
  extractResponsibleEditor(extraction);
  const aboveByline = extractByline(extraction);
  extractNewsByline(extraction);

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
  // A reprint's —— subtitle is often its title again: one field says it once.
  if (extraction.report.subtitle !== undefined && extraction.report.subtitle === extraction.report.title) {
    delete extraction.report.subtitle;
    extraction.warnings.push("副标题与标题相同，只保留了标题");
  }
  return extraction;
}


// ---------------------------------------------------------------------------
// Captions and credits
// ---------------------------------------------------------------------------

/**
 * A photographer's or provider's credit closing a caption: `(本报记者 黄晓珍 摄)`,
 * `（图/张三）`, `(市直机关工委供图)`. The parentheses are consumed; the words stay.
 */
const CREDIT = /[(（]\s*([^()（）]*?(?:摄|摄影|供图|提供|图\s*[/／][^()（）]*))\s*[)）]\s*$/u;

export interface SplitCaption {
  caption: string | null;
  credit: string | null;
}

/** Splits a caption paragraph into its text (without the leading ▲) and its credit. */
export function splitCaption(text: string): SplitCaption {
  let rest = text.trim().replace(/^▲\s*/u, "");
  let credit: string | null = null;
  const match = CREDIT.exec(rest);
  if (match) {
    credit = collapseSpaces(match[1]!);
    rest = rest.slice(0, match.index).trim();
  }
  return { caption: rest === "" ? null : rest, credit };
}

/**
 * A paragraph that reads as a photo caption wherever it stands: marked with ▲, or
 * short and closed by a photo credit. (A short paragraph right after an image is a
 * caption too; only the .docx importer knows where images were.)
 */
export function looksLikeCaption(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith("▲")) return true;
  return charLength(trimmed) <= 150 && /[(（][^()（）]*(?:摄|摄影|供图)\s*[)）]$/u.test(trimmed);
}

/** Tiptap JSON of a figure waiting for its photo, or with one when `src` is given. */
export function figureNode(caption: SplitCaption, image?: { src: string | null; mediaId?: string | null; alt?: string | null }) {
  return {
    type: "figure",
    attrs: {
      src: image?.src ?? null,
      alt: image?.alt ?? null,
      caption: caption.caption,
      credit: caption.credit,
      mediaId: image?.mediaId ?? null,
    },
  };
}

/**
 * Comparison of two report bodies as a person reads them, never as JSON.
 *
 * The body is flattened into readable blocks (paragraphs, headings, list
 * items, table rows, figures…), the blocks are aligned by their text, and
 * neighbouring deleted/inserted blocks that are mostly the same text become
 * one "changed" block with a character-level diff inside (Chinese has no
 * spaces, so a word diff would be wrong). Formatting (marks, alignment,
 * heading level, list nesting) is compared separately through a signature,
 * so a block whose text is unchanged but whose formatting is not is reported
 * as a formatting-only change.
 *
 * Pure and server-safe: no database, no DOM.
 */
import { diffArrays, diffChars, type ChangeObject } from "diff";
import { format } from "@/lib/i18n";
import { diffMessages } from "@/lib/i18n/diff.zh-CN";
import type { TiptapDoc } from "@/lib/content/validate";

export type InlinePart = { kind: "same" | "inserted" | "deleted"; text: string };

export interface DiffBlock {
  /** paragraph | heading | listItem | tableRow | figure | blockquote | horizontalRule … */
  type: string;
  /** Chinese, e.g. 段落, 二级标题, 列表项, 表格行, 图片 */
  label: string;
  /** The text as a reader sees it (marks dropped). */
  text: string;
}

export type BlockChange =
  | { kind: "same"; block: DiffBlock }
  /** `moved`: the same text was deleted elsewhere (a paragraph moved, not written anew). */
  | { kind: "inserted"; block: DiffBlock; moved?: boolean }
  /** `moved`: the same text was inserted elsewhere. */
  | { kind: "deleted"; block: DiffBlock; moved?: boolean }
  | { kind: "changed"; before: DiffBlock; after: DiffBlock; parts: InlinePart[]; formattingOnly: boolean };

const m = diffMessages;

// ---------------------------------------------------------------------------
// Flattening the document into readable blocks
// ---------------------------------------------------------------------------

interface FlatBlock {
  block: DiffBlock;
  /** Normalised marks/attributes; equal text + unequal signature = formatting-only change. */
  signature: string;
}

interface WalkContext {
  inQuote: boolean;
  listDepth: number;
  listType: string | null;
}

type Attrs = Record<string, unknown>;

function attrsOf(node: TiptapDoc): Attrs {
  return (node.attrs ?? {}) as Attrs;
}

function children(node: TiptapDoc): TiptapDoc[] {
  return Array.isArray(node.content) ? node.content : [];
}

/** A node whose children are inline (text, hard breaks): paragraph, heading… */
function isTextblock(node: TiptapDoc): boolean {
  if (node.type === "paragraph" || node.type === "heading") return true;
  const content = children(node);
  return content.length > 0 && content.every((child) => child.type === "text" || child.type === "hardBreak");
}

function markKey(mark: { type: string; attrs?: Attrs }): string {
  if (mark.type === "link") return `link(${String(mark.attrs?.href ?? "")})`;
  return mark.type;
}

/** Text of inline content, plus a signature of its marks as merged runs `start-end:marks`. */
function inlineOf(node: TiptapDoc): { text: string; marks: string } {
  let text = "";
  const runs: Array<{ start: number; end: number; key: string }> = [];
  for (const child of children(node)) {
    let piece = "";
    if (child.type === "text") piece = child.text ?? "";
    else if (child.type === "hardBreak") piece = "\n";
    if (piece === "") continue;
    const key = (child.marks ?? [])
      .map((mark) => markKey(mark as { type: string; attrs?: Attrs }))
      .sort()
      .join("+");
    const start = text.length;
    text += piece;
    if (key === "") continue;
    const last = runs[runs.length - 1];
    if (last && last.end === start && last.key === key) last.end = text.length;
    else runs.push({ start, end: text.length, key });
  }
  return { text, marks: runs.map((run) => `${run.start}-${run.end}:${run.key}`).join(";") };
}

function headingLabel(level: unknown): string {
  if (level === 2) return m.blocks.heading2;
  if (level === 3) return m.blocks.heading3;
  if (level === 4) return m.blocks.heading4;
  return m.blocks.heading;
}

function textblockOf(node: TiptapDoc, context: WalkContext): FlatBlock | null {
  const { text, marks } = inlineOf(node);
  if (text.trim() === "") return null;
  const attrs = attrsOf(node);
  let type = node.type ?? "paragraph";
  let label: string = m.blocks.other;
  if (type === "heading") label = headingLabel(attrs.level);
  else if (type === "paragraph" && context.inQuote) {
    type = "blockquote";
    label = m.blocks.blockquote;
  } else if (type === "paragraph") label = m.blocks.paragraph;
  const signature = JSON.stringify([type, attrs.level ?? null, attrs.textAlign ?? null, context.inQuote, marks]);
  return { block: { type, label, text }, signature };
}

/** All text inside a table cell (or any subtree), its blocks joined by spaces. */
function subtreeText(node: TiptapDoc, texts: string[], marks: string[]): void {
  if (isTextblock(node)) {
    const inline = inlineOf(node);
    if (inline.text.trim() !== "") {
      texts.push(inline.text.replace(/\n/g, " "));
      marks.push(`${inline.marks}@${String(attrsOf(node).textAlign ?? "")}`);
    }
    return;
  }
  if (node.type === "figure") {
    texts.push(figureText(attrsOf(node)));
    marks.push(figureSignature(attrsOf(node)));
    return;
  }
  for (const child of children(node)) subtreeText(child, texts, marks);
}

function tableRowOf(row: TiptapDoc, context: WalkContext): FlatBlock | null {
  const cells = children(row);
  const texts: string[] = [];
  const cellSignatures: string[] = [];
  for (const cell of cells) {
    const cellTexts: string[] = [];
    const cellMarks: string[] = [];
    subtreeText(cell, cellTexts, cellMarks);
    texts.push(cellTexts.join(" "));
    const attrs = attrsOf(cell);
    cellSignatures.push(
      JSON.stringify([cell.type, attrs.colspan ?? 1, attrs.rowspan ?? 1, attrs.align ?? null, cellMarks.join("|")]),
    );
  }
  if (texts.every((text) => text.trim() === "")) return null;
  const header = cells.length > 0 && cells.every((cell) => cell.type === "tableHeader");
  return {
    block: {
      type: "tableRow",
      label: header ? m.blocks.tableHeaderRow : m.blocks.tableRow,
      text: texts.join(m.blockText.cellSeparator),
    },
    signature: JSON.stringify(["tableRow", context.inQuote, cellSignatures]),
  };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function figureText(attrs: Attrs): string {
  const caption = nonEmpty(attrs.caption) ?? nonEmpty(attrs.alt);
  const credit = nonEmpty(attrs.credit);
  if (caption === null && credit === null) return m.blockText.figureUntitled;
  if (credit === null) return format(m.blockText.figure, { caption: caption ?? "" });
  if (caption === null) return format(m.blockText.figure, { caption: credit });
  return format(m.blockText.figureWithCredit, { caption, credit });
}

function figureSignature(attrs: Attrs): string {
  return JSON.stringify(["figure", attrs.src ?? null, attrs.mediaId ?? null, attrs.alt ?? null]);
}

function walk(node: TiptapDoc, context: WalkContext, out: FlatBlock[]): void {
  switch (node.type) {
    case "bulletList":
    case "orderedList": {
      const inner = { ...context, listDepth: context.listDepth + 1, listType: node.type };
      for (const child of children(node)) walk(child, inner, out);
      return;
    }
    case "listItem": {
      // The item's own paragraphs form one block; nested lists follow it as their own items.
      let texts: string[] = [];
      let marks: string[] = [];
      const flush = () => {
        if (texts.length === 0) return;
        out.push({
          block: { type: "listItem", label: m.blocks.listItem, text: texts.join("\n") },
          signature: JSON.stringify(["listItem", context.listType, context.listDepth, context.inQuote, marks]),
        });
        texts = [];
        marks = [];
      };
      for (const child of children(node)) {
        if (isTextblock(child)) {
          const inline = inlineOf(child);
          if (inline.text.trim() !== "") {
            texts.push(inline.text);
            marks.push(`${child.type}:${inline.marks}`);
          }
        } else {
          flush();
          walk(child, context, out);
        }
      }
      flush();
      return;
    }
    case "blockquote": {
      const inner = { ...context, inQuote: true };
      for (const child of children(node)) walk(child, inner, out);
      return;
    }
    case "table":
      for (const row of children(node)) walk(row, context, out);
      return;
    case "tableRow": {
      const row = tableRowOf(node, context);
      if (row) out.push(row);
      return;
    }
    case "figure": {
      const attrs = attrsOf(node);
      out.push({
        block: { type: "figure", label: m.blocks.figure, text: figureText(attrs) },
        signature: figureSignature(attrs),
      });
      return;
    }
    case "horizontalRule":
      out.push({
        block: { type: "horizontalRule", label: m.blocks.horizontalRule, text: m.blockText.horizontalRule },
        signature: "horizontalRule",
      });
      return;
    default:
      if (node.type !== "doc" && isTextblock(node)) {
        const block = textblockOf(node, context);
        if (block) out.push(block);
        return;
      }
      for (const child of children(node)) walk(child, context, out);
  }
}

function flatten(doc: TiptapDoc): FlatBlock[] {
  const out: FlatBlock[] = [];
  if (doc && typeof doc === "object") walk(doc, { inQuote: false, listDepth: 0, listType: null }, out);
  return out;
}

/**
 * The document as a sequence of readable blocks: paragraphs and headings,
 * list items (nested lists flattened in order), table rows (cells joined by
 * " | "), figures as "图片：说明（来源）", horizontal rules as "——", and the
 * paragraphs of a blockquote. Blocks without text (empty paragraphs) are left
 * out, as the published page shows nothing for them.
 */
export function flattenBlocks(doc: TiptapDoc): DiffBlock[] {
  return flatten(doc).map((flat) => flat.block);
}

// ---------------------------------------------------------------------------
// Inline (character-level) diff
// ---------------------------------------------------------------------------

function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) length++;
  }
  return length;
}

type Segment = { kind: "same"; text: string } | { kind: "change"; deleted: string; inserted: string };

function segmentsOf(changes: ChangeObject<string>[]): Segment[] {
  const segments: Segment[] = [];
  for (const change of changes) {
    if (change.value === "") continue;
    const last = segments[segments.length - 1];
    if (!change.added && !change.removed) {
      if (last?.kind === "same") last.text += change.value;
      else segments.push({ kind: "same", text: change.value });
      continue;
    }
    const target = last?.kind === "change" ? last : { kind: "change" as const, deleted: "", inserted: "" };
    if (target !== last) segments.push(target);
    if (change.added) target.inserted += change.value;
    else target.deleted += change.value;
  }
  return segments;
}

function changeSize(segment: { deleted: string; inserted: string }): number {
  return Math.max(codePointLength(segment.deleted), codePointLength(segment.inserted));
}

/**
 * Readable parts from a character diff. Like diff-match-patch's semantic
 * cleanup, a short run of equal text between two changes (1–2 characters, or
 * no longer than the changes on both sides) is folded into them: "2021年3月" →
 * "2022年4月" reads as "1年3" → "2年4", not as two one-character edits.
 */
function partsOf(changes: ChangeObject<string>[]): InlinePart[] {
  const segments = segmentsOf(changes);
  const merged: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const previous = merged[merged.length - 1];
    const next = segments[i + 1];
    if (segment.kind === "same" && previous?.kind === "change" && next?.kind === "change") {
      const length = codePointLength(segment.text);
      if (length <= 2 || (length <= changeSize(previous) && length <= changeSize(next))) {
        previous.deleted += segment.text + next.deleted;
        previous.inserted += segment.text + next.inserted;
        i++;
        continue;
      }
    }
    merged.push(segment.kind === "change" ? { ...segment } : segment);
  }
  const parts: InlinePart[] = [];
  for (const segment of merged) {
    if (segment.kind === "same") parts.push({ kind: "same", text: segment.text });
    else {
      if (segment.deleted !== "") parts.push({ kind: "deleted", text: segment.deleted });
      if (segment.inserted !== "") parts.push({ kind: "inserted", text: segment.inserted });
    }
  }
  return parts;
}

/** Character-level diff of two strings as readable parts (see partsOf). */
export function diffInline(before: string, after: string): InlinePart[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: before }];
  if (before === "") return [{ kind: "inserted", text: after }];
  if (after === "") return [{ kind: "deleted", text: before }];
  return partsOf(diffChars(before, after));
}

// ---------------------------------------------------------------------------
// Block alignment
// ---------------------------------------------------------------------------

/** Blocks at least this similar (by characters in common) are one changed block, not delete + insert. */
const SIMILARITY_THRESHOLD = 0.5;
/** Above this many deleted × inserted pairs in one run, only nearby pairs are compared. */
const MAX_PAIRS = 2500;
const PAIR_BAND = 12;

const TEXTUAL_TYPES = new Set(["paragraph", "heading", "blockquote", "listItem"]);

function comparable(a: DiffBlock, b: DiffBlock): boolean {
  return a.type === b.type || (TEXTUAL_TYPES.has(a.type) && TEXTUAL_TYPES.has(b.type));
}

/** Shared bigrams (pairs of neighbouring characters) below this share mean "not the same paragraph". */
const BIGRAM_THRESHOLD = 0.3;
/**
 * Upper bound on character-diff work per comparison (roughly length × edit
 * distance): a wholesale rewrite of a long report must not stall the page.
 * Past it, remaining candidate pairs are shown as deleted + inserted.
 */
const WORK_BUDGET = 100_000_000;

interface TextProfile {
  length: number;
  chars: Map<string, number>;
  bigrams: Map<string, number>;
  bigramCount: number;
}

function profileOf(text: string): TextProfile {
  const chars = new Map<string, number>();
  const bigrams = new Map<string, number>();
  let previous: string | null = null;
  let length = 0;
  let bigramCount = 0;
  for (const char of text) {
    length++;
    chars.set(char, (chars.get(char) ?? 0) + 1);
    if (previous !== null) {
      const bigram = previous + char;
      bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
      bigramCount++;
    }
    previous = char;
  }
  return { length, chars, bigrams, bigramCount };
}

function sharedCount(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [key, count] of small) shared += Math.min(count, large.get(key) ?? 0);
  return shared;
}

interface Similarity {
  score: number;
  changes: ChangeObject<string>[] | null;
}

const DISSIMILAR: Similarity = { score: 0, changes: null };

class PairScorer {
  private readonly profiles = new Map<string, TextProfile>();
  private work = 0;

  private profile(text: string): TextProfile {
    let profile = this.profiles.get(text);
    if (!profile) {
      profile = profileOf(text);
      this.profiles.set(text, profile);
    }
    return profile;
  }

  /** 2 × characters in common (in order) / total characters, or 0 when below the threshold. */
  score(a: string, b: string): Similarity {
    const profileA = this.profile(a);
    const profileB = this.profile(b);
    const total = profileA.length + profileB.length;
    if (total === 0) return { score: 1, changes: [] };
    // Cheap bounds first: lengths, the characters both texts contain, then shared bigrams.
    if ((2 * Math.min(profileA.length, profileB.length)) / total < SIMILARITY_THRESHOLD) return DISSIMILAR;
    if ((2 * sharedCount(profileA.chars, profileB.chars)) / total < SIMILARITY_THRESHOLD) return DISSIMILAR;
    const bigramTotal = profileA.bigramCount + profileB.bigramCount;
    if (bigramTotal > 0 && (2 * sharedCount(profileA.bigrams, profileB.bigrams)) / bigramTotal < BIGRAM_THRESHOLD) {
      return DISSIMILAR;
    }
    // Similar enough means at most this many characters inserted + deleted; stop the diff beyond.
    const maxEditLength = Math.floor(total * (1 - SIMILARITY_THRESHOLD));
    this.work += total * maxEditLength;
    if (this.work > WORK_BUDGET) return DISSIMILAR;
    const changes = diffChars(a, b, { maxEditLength });
    if (!changes) return DISSIMILAR;
    let common = 0;
    for (const change of changes) if (!change.added && !change.removed) common += change.count;
    const score = (2 * common) / total;
    return score >= SIMILARITY_THRESHOLD ? { score, changes } : DISSIMILAR;
  }
}

/**
 * Pairs deleted with inserted blocks of one run, keeping their order and
 * maximising the total similarity (a weighted LCS). Returns pairs by index.
 */
function matchRun(
  deleted: FlatBlock[],
  inserted: FlatBlock[],
  scorer: PairScorer,
): Array<{ i: number; j: number; changes: ChangeObject<string>[] }> {
  const n = deleted.length;
  const k = inserted.length;
  if (n === 0 || k === 0) return [];
  const banded = n * k > MAX_PAIRS;
  const similarity: Array<Array<Similarity | null>> = Array.from({ length: n }, () => new Array<Similarity | null>(k).fill(null));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      if (banded && Math.abs(i - Math.round((j * n) / k)) > PAIR_BAND) continue;
      const a = deleted[i]!.block;
      const b = inserted[j]!.block;
      if (!comparable(a, b)) continue;
      const result = scorer.score(a.text, b.text);
      if (result.changes) similarity[i]![j] = result;
    }
  }
  // best[i][j]: best total over deleted[i..] × inserted[j..].
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = k - 1; j >= 0; j--) {
      const pair = similarity[i]![j];
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, pair ? pair.score + best[i + 1]![j + 1]! : 0);
    }
  }
  const pairs: Array<{ i: number; j: number; changes: ChangeObject<string>[] }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < k) {
    const pair = similarity[i]![j];
    if (pair?.changes && best[i]![j] === pair.score + best[i + 1]![j + 1]!) {
      pairs.push({ i, j, changes: pair.changes });
      i++;
      j++;
    } else if (best[i]![j] === best[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

function sameOrFormatting(before: FlatBlock, after: FlatBlock): BlockChange {
  if (before.signature === after.signature && before.block.type === after.block.type && before.block.label === after.block.label) {
    return { kind: "same", block: after.block };
  }
  return {
    kind: "changed",
    before: before.block,
    after: after.block,
    parts: [{ kind: "same", text: after.block.text }],
    formattingOnly: true,
  };
}

function diffRun(deleted: FlatBlock[], inserted: FlatBlock[], scorer: PairScorer, out: BlockChange[]): void {
  const pairs = matchRun(deleted, inserted, scorer);
  let i = 0;
  let j = 0;
  for (const pair of pairs) {
    for (; i < pair.i; i++) out.push({ kind: "deleted", block: deleted[i]!.block });
    for (; j < pair.j; j++) out.push({ kind: "inserted", block: inserted[j]!.block });
    out.push({
      kind: "changed",
      before: deleted[i]!.block,
      after: inserted[j]!.block,
      parts: partsOf(pair.changes),
      formattingOnly: false,
    });
    i++;
    j++;
  }
  for (; i < deleted.length; i++) out.push({ kind: "deleted", block: deleted[i]!.block });
  for (; j < inserted.length; j++) out.push({ kind: "inserted", block: inserted[j]!.block });
}

/** A deleted block whose exact text is inserted elsewhere was moved; both ends are marked. */
function markMoves(blocks: BlockChange[]): void {
  const inserted = new Map<string, Array<Extract<BlockChange, { kind: "inserted" }>>>();
  for (const change of blocks) {
    if (change.kind !== "inserted") continue;
    const key = `${change.block.type}\u0000${change.block.text}`;
    const list = inserted.get(key);
    if (list) list.push(change);
    else inserted.set(key, [change]);
  }
  for (const change of blocks) {
    if (change.kind !== "deleted") continue;
    const match = inserted.get(`${change.block.type}\u0000${change.block.text}`)?.shift();
    if (match) {
      change.moved = true;
      match.moved = true;
    }
  }
}

function diffBlocks(before: FlatBlock[], after: FlatBlock[]): BlockChange[] {
  // Align on text only (as integers, for speed); formatting is compared afterwards.
  const ids = new Map<string, number>();
  const idOf = (flat: FlatBlock) => {
    let id = ids.get(flat.block.text);
    if (id === undefined) {
      id = ids.size;
      ids.set(flat.block.text, id);
    }
    return id;
  };
  const changes = diffArrays(before.map(idOf), after.map(idOf));

  const scorer = new PairScorer();
  const out: BlockChange[] = [];
  let i = 0;
  let j = 0;
  let runDeleted: FlatBlock[] = [];
  let runInserted: FlatBlock[] = [];
  const flushRun = () => {
    if (runDeleted.length === 0 && runInserted.length === 0) return;
    diffRun(runDeleted, runInserted, scorer, out);
    runDeleted = [];
    runInserted = [];
  };
  for (const change of changes) {
    const count = change.value.length;
    if (change.removed) {
      runDeleted.push(...before.slice(i, i + count));
      i += count;
    } else if (change.added) {
      runInserted.push(...after.slice(j, j + count));
      j += count;
    } else {
      flushRun();
      for (let c = 0; c < count; c++) out.push(sameOrFormatting(before[i + c]!, after[j + c]!));
      i += count;
      j += count;
    }
  }
  flushRun();
  markMoves(out);
  return out;
}

/** The body's change, block by block, with counts; moved blocks count as one deletion and one insertion. */
export function diffBodies(before: TiptapDoc, after: TiptapDoc): { blocks: BlockChange[]; stats: { inserted: number; deleted: number; changed: number } } {
  const blocks = diffBlocks(flatten(before), flatten(after));
  const stats = { inserted: 0, deleted: 0, changed: 0 };
  for (const change of blocks) {
    if (change.kind !== "same") stats[change.kind]++;
  }
  return { blocks, stats };
}

/**
 * The plain text of a ProseMirror document together with a map from text
 * offsets to document positions and back, for comment anchors
 * (lib/content/anchor.ts).
 *
 * The text is what a reader sees: the text of every textblock (paragraph,
 * heading, list item or table cell paragraph) with "\n" between blocks and
 * "\n" for a hard break. Figures and rules contribute nothing, so inserting a
 * photo does not move anchors. Pure: no DOM.
 */
import type { Node as PMNode } from "@tiptap/pm/model";
import type { TextRange } from "@/lib/content/anchor";

/** A run of text that sits at consecutive document positions. */
interface Segment {
  /** Offset of the run's first character in `text`. */
  offset: number;
  /** Document position of that character. */
  pos: number;
  length: number;
}

export interface TextIndex {
  text: string;
  /** Sorted by both `offset` and `pos`. */
  segments: Segment[];
}

export const BLOCK_SEPARATOR = "\n";

export function buildTextIndex(doc: PMNode): TextIndex {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let firstBlock = true;

  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!firstBlock) {
      parts.push(BLOCK_SEPARATOR);
      length += BLOCK_SEPARATOR.length;
    }
    firstBlock = false;
    node.forEach((child, childOffset) => {
      // A hard break is one position wide and one "\n" long, so it maps like a character.
      const text = child.isText ? (child.text ?? "") : child.type.name === "hardBreak" ? "\n" : "";
      if (text === "") return;
      const last = segments[segments.length - 1];
      const childPos = pos + 1 + childOffset;
      // Marks split text into several nodes; merge them so the index stays small.
      if (last && last.offset + last.length === length && last.pos + last.length === childPos) last.length += text.length;
      else segments.push({ offset: length, pos: childPos, length: text.length });
      parts.push(text);
      length += text.length;
    });
    return false;
  });

  return { text: parts.join(""), segments };
}

/** Index of the last segment whose `key` is ≤ value, or -1. */
function lastSegmentAtOrBefore(segments: Segment[], key: "offset" | "pos", value: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]![key] <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The document position of a text offset. An offset on a block separator has
 * no position of its own: as the start of a range it moves forward to the
 * next block's text, as the end of a range back to the previous block's.
 */
export function textOffsetToPos(index: TextIndex, offset: number, bias: "start" | "end"): number | null {
  const { segments } = index;
  if (segments.length === 0) return null;
  const at = lastSegmentAtOrBefore(segments, "offset", offset);
  const segment = at >= 0 ? segments[at]! : undefined;
  const next = segments[at + 1];
  if (segment && offset <= segment.offset + segment.length) {
    if (bias === "start" && offset === segment.offset + segment.length && next && next.offset === offset) return next.pos;
    return segment.pos + (offset - segment.offset);
  }
  if (bias === "start") return next ? next.pos : segment ? segment.pos + segment.length : null;
  return segment ? segment.pos + segment.length : next ? next.pos : null;
}

/** The text offset of a document position; positions between blocks snap like textOffsetToPos. */
export function posToTextOffset(index: TextIndex, pos: number, bias: "start" | "end"): number {
  const { segments } = index;
  const at = lastSegmentAtOrBefore(segments, "pos", pos);
  const segment = at >= 0 ? segments[at]! : undefined;
  const next = segments[at + 1];
  if (segment && pos <= segment.pos + segment.length) return segment.offset + (pos - segment.pos);
  if (bias === "start") return next ? next.offset : segment ? segment.offset + segment.length : 0;
  return segment ? segment.offset + segment.length : next ? next.offset : 0;
}

/** Document range of a text range, or null when it covers no text. */
export function textRangeToPosRange(index: TextIndex, range: TextRange): { from: number; to: number } | null {
  const from = textOffsetToPos(index, range.start, "start");
  const to = textOffsetToPos(index, range.end, "end");
  return from !== null && to !== null && from < to ? { from, to } : null;
}

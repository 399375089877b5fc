/**
 * Plain text of a Tiptap document with a map back to its blocks.
 *
 * The text is built the way lib/content/render.ts builds `plainText` (one
 * line per non-empty text block, table cells joined by tabs, a cell's blocks
 * by spaces, a figure's caption and credit), so body offsets are offsets in
 * the stored plain text. This walks the JSON directly instead of building a
 * ProseMirror node: the checker must stay free of the schema to run in a worker.
 */
import type { JSONContent } from "@tiptap/core";

export interface TextSegment {
  /** Child indexes from the doc down to the block, e.g. [3, 0, 1, 0] for a paragraph in a table cell. */
  path: number[];
  /** Node type of the block: paragraph, heading, figure… */
  type: string;
  /** Offset of the block's first character in the plain text. */
  start: number;
  end: number;
}

export interface DocumentText {
  text: string;
  segments: TextSegment[];
}

function inlineText(node: JSONContent): string {
  let text = "";
  for (const child of node.content ?? []) {
    if (child.type === "text") text += child.text ?? "";
    else if (child.type === "hardBreak") text += "\n";
  }
  return text;
}

function figureText(node: JSONContent): string {
  const attrs = (node.attrs ?? {}) as { caption?: unknown; credit?: unknown };
  return [attrs.caption, attrs.credit].filter((part): part is string => typeof part === "string" && part.trim() !== "").join(" ");
}

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

/** One line of the plain text; a table row has several parts joined by tabs and spaces. */
interface Line {
  parts: Array<{ text: string; path: number[]; type: string }>;
}

function collect(node: JSONContent, path: number[], lines: Line[]): void {
  const type = node.type ?? "";
  if (TEXTBLOCKS.has(type)) {
    const text = inlineText(node);
    if (text.trim() !== "") lines.push({ parts: [{ text, path, type }] });
    return;
  }
  if (type === "figure") {
    const text = figureText(node);
    if (text !== "") lines.push({ parts: [{ text, path, type }] });
    return;
  }
  if (type === "table") {
    (node.content ?? []).forEach((row, r) => {
      const parts: Line["parts"] = [];
      (row.content ?? []).forEach((cell, c) => {
        const cellLines: Line[] = [];
        (cell.content ?? []).forEach((block, b) => collect(block, [...path, r, c, b], cellLines));
        // A cell's blocks are joined by spaces and its line breaks become spaces, as in render.ts.
        const cellParts = cellLines.flatMap((line) => line.parts).map((part) => ({ ...part, text: part.text.replace(/\n/g, " ") }));
        if (c > 0) parts.push({ text: "\t", path: [], type: "separator" });
        cellParts.forEach((part, i) => {
          if (i > 0) parts.push({ text: " ", path: [], type: "separator" });
          parts.push(part);
        });
      });
      if (parts.some((part) => part.type !== "separator" && part.text.trim() !== "")) lines.push({ parts });
    });
    return;
  }
  (node.content ?? []).forEach((child, i) => collect(child, [...path, i], lines));
}

export function documentText(doc: JSONContent): DocumentText {
  const lines: Line[] = [];
  (doc.content ?? []).forEach((child, i) => collect(child, [i], lines));
  let text = "";
  const segments: TextSegment[] = [];
  lines.forEach((line, index) => {
    if (index > 0) text += "\n";
    for (const part of line.parts) {
      if (part.type !== "separator") segments.push({ path: part.path, type: part.type, start: text.length, end: text.length + part.text.length });
      text += part.text;
    }
  });
  return { text, segments };
}

/** The block holding a plain-text offset, and the offset inside that block's text. */
export function locateInDocument(segments: TextSegment[], offset: number): { path: number[]; type: string; offset: number } | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = segments[mid]!;
    if (offset < segment.start) high = mid - 1;
    else if (offset >= segment.end && !(offset === segment.end && mid === segments.length - 1)) low = mid + 1;
    else return { path: segment.path, type: segment.type, offset: offset - segment.start };
  }
  return undefined;
}

/** ProseMirror size of a node given as JSON. */
export function nodeSize(node: JSONContent): number {
  if (node.type === "text") return (node.text ?? "").length;
  if (!node.content || node.content.length === 0) return isLeaf(node) ? 1 : 2;
  return 2 + node.content.reduce((sum, child) => sum + nodeSize(child), 0);
}

function isLeaf(node: JSONContent): boolean {
  return node.type === "hardBreak" || node.type === "figure" || node.type === "horizontalRule" || node.type === "image";
}

/** ProseMirror position just before the node at `path`, and the node's size. */
export function nodeRange(doc: JSONContent, path: number[]): { from: number; to: number } | undefined {
  let pos = 0;
  let node: JSONContent | undefined = doc;
  for (let depth = 0; depth < path.length; depth++) {
    const children: JSONContent[] = node?.content ?? [];
    const index = path[depth]!;
    if (index >= children.length) return undefined;
    if (depth > 0) pos += 1;
    for (let i = 0; i < index; i++) pos += nodeSize(children[i]!);
    node = children[index];
  }
  return node ? { from: pos, to: pos + nodeSize(node) } : undefined;
}

/**
 * ProseMirror position of an offset inside a block's text (hard breaks count
 * one, as in the plain text). A figure's caption is an attribute, so its
 * findings map to the figure node itself.
 */
export function toProseMirrorPosition(doc: JSONContent, path: number[], inBlockOffset: number): number {
  let pos = 0;
  let node: JSONContent = doc;
  for (let depth = 0; depth < path.length; depth++) {
    const children = node.content ?? [];
    const index = path[depth]!;
    for (let i = 0; i < index; i++) pos += nodeSize(children[i]!);
    node = children[index]!;
    if (depth < path.length - 1 || !isLeaf(node)) pos += 1;
  }
  if (isLeaf(node)) return pos;
  return pos + inBlockOffset;
}

// Highlighted snippets, computed in the app from the edition's plain text: a window around the
// first match, cut into plain and marked parts. The page renders the parts as text and <mark>
// elements, so nothing from the report is ever injected as HTML.
import { normalizeText } from "./tokenize";

export interface TextPart {
  text: string;
  /** True for a matched passage (rendered as <mark>) */
  hit: boolean;
}

export const SNIPPET_LENGTH = 120;
const LEAD = 30;

/**
 * Where the highlights occur in `text` (UTF-16 offsets, merged, in order). Matching is
 * case-insensitive and NFKC-insensitive for Latin letters and digits; Han strings match as
 * they stand.
 */
export function findMatches(text: string, highlights: string[]): [number, number][] {
  if (highlights.length === 0 || text === "") return [];
  // NFKC can change lengths (full-width → half-width keeps them; ligatures do not), so match
  // on a per-character folded copy that keeps offsets.
  const folded = foldKeepingOffsets(text);
  const ranges: [number, number][] = [];
  for (const needle of highlights) {
    if (!needle) continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(needle, from);
      if (at < 0) break;
      ranges.push([at, at + needle.length]);
      from = at + needle.length;
      if (ranges.length > 500) break;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const prev = merged.at(-1);
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function foldKeepingOffsets(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const unit = text[i]!;
    // ASCII and the CJK Unified Ideographs (nearly every character of a report) need no
    // normalising; the rest is looked up once per distinct character.
    if (code < 0x80) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : unit;
    else if (code >= 0x4e00 && code <= 0x9fff) out += unit;
    else out += foldUnit(unit);
  }
  return out;
}

const foldedUnits = new Map<string, string>();

function foldUnit(unit: string): string {
  let folded = foldedUnits.get(unit);
  if (folded === undefined) {
    const normal = normalizeText(unit).toLowerCase();
    folded = normal.length === 1 ? normal : unit.toLowerCase().length === 1 ? unit.toLowerCase() : unit;
    // Surrogate halves and the like are few; the bound is only a guard.
    if (foldedUnits.size < 10_000) foldedUnits.set(unit, folded);
  }
  return folded;
}

/** The whole text cut into parts by the highlights (for titles). */
export function highlightAll(text: string, highlights: string[]): TextPart[] {
  return partsOf(text, 0, text.length, findMatches(text, highlights));
}

/**
 * About SNIPPET_LENGTH characters of `text` around its first match, with every match in that
 * window marked; the beginning of the text when nothing matches (e.g. a title-only hit).
 */
export function makeSnippet(text: string, highlights: string[], length = SNIPPET_LENGTH): TextPart[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const matches = findMatches(flat, highlights);
  let start = 0;
  if (matches.length > 0) {
    start = Math.max(0, matches[0]![0] - LEAD);
    // Start after a sentence end near the lead-in when there is one.
    const before = flat.slice(start, matches[0]![0]);
    const stop = Math.max(before.lastIndexOf("。"), before.lastIndexOf("；"), before.lastIndexOf("！"), before.lastIndexOf("？"));
    if (stop >= 0) start += stop + 1;
  }
  // Do not split a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start] ?? "")) start -= 1;
  let end = Math.min(flat.length, start + length);
  if (end < flat.length && /[\uDC00-\uDFFF]/.test(flat[end] ?? "")) end += 1;
  const parts = partsOf(flat, start, end, matches);
  if (start > 0) parts.unshift({ text: "…", hit: false });
  if (end < flat.length) parts.push({ text: "…", hit: false });
  return parts;
}

function partsOf(text: string, start: number, end: number, matches: [number, number][]): TextPart[] {
  const parts: TextPart[] = [];
  let at = start;
  for (const [from, to] of matches) {
    if (to <= at || from >= end) continue;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    if (a > at) parts.push({ text: text.slice(at, a), hit: false });
    parts.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < end) parts.push({ text: text.slice(at, end), hit: false });
  return parts;
}

/**
 * Anchors of review comments in report text, in the manner of the W3C Web
 * Annotation TextQuoteSelector: the commented words (`quote`) plus a little
 * text on either side (`prefix`, `suffix`).
 *
 * Positions would break with the first edit above the comment; a quote with
 * its context survives edits anywhere else, and the context tells repeated
 * quotes apart (「党建工作」 may occur twenty times in a report). When the quote
 * itself has been changed, the anchor no longer matches and the comment is
 * shown as orphaned (「原文已修改」) rather than pinned to the wrong words.
 *
 * Offsets are UTF-16 indexes into the report's plain text; the editor builds
 * that text with one "\n" between blocks (components/editor/text-index.ts).
 * Pure: no DOM, usable on the server.
 */

export interface TextAnchor {
  /** The commented text, exactly. */
  quote: string;
  /** Up to CONTEXT_LENGTH characters immediately before the quote. */
  prefix: string;
  /** Up to CONTEXT_LENGTH characters immediately after the quote. */
  suffix: string;
}

export interface TextRange {
  start: number;
  end: number;
}

export const CONTEXT_LENGTH = 32;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `text.slice(start, end)` widened or narrowed so that no surrogate pair is cut in half. */
function sliceWhole(text: string, start: number, end: number): string {
  if (start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  return start < end ? text.slice(start, end) : "";
}

export function makeAnchor(text: string, start: number, end: number): TextAnchor {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, 0));
  return {
    quote: text.slice(from, to),
    prefix: sliceWhole(text, Math.max(0, from - CONTEXT_LENGTH), from),
    suffix: sliceWhole(text, to, Math.min(text.length, to + CONTEXT_LENGTH)),
  };
}

/** How many characters at the end of `text` (before `end`) equal the end of `prefix`. */
function commonSuffixLength(text: string, end: number, prefix: string): number {
  let length = 0;
  while (length < prefix.length && end - length > 0 && text[end - length - 1] === prefix[prefix.length - length - 1]) length++;
  return length;
}

/** How many characters of `text` from `start` equal the start of `suffix`. */
function commonPrefixLength(text: string, start: number, suffix: string): number {
  let length = 0;
  while (length < suffix.length && start + length < text.length && text[start + length] === suffix[length]) length++;
  return length;
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Character pairs `context` shares with `candidate`: how much of the old context is still nearby. */
function sharedBigrams(context: Map<string, number>, candidate: string): number {
  const remaining = new Map(context);
  let shared = 0;
  for (let i = 0; i + 1 < candidate.length; i++) {
    const pair = candidate.slice(i, i + 2);
    const left = remaining.get(pair);
    if (left) {
      shared++;
      remaining.set(pair, left - 1);
    }
  }
  return shared;
}

/**
 * Where the anchored quote is now, or null when it no longer occurs exactly.
 *
 * Among several occurrences the best context wins. The score counts the
 * characters that still adjoin the quote exactly (common suffix of `prefix`,
 * common prefix of `suffix`), weighted double, plus the character pairs of the
 * old context still found within CONTEXT_LENGTH on either side. The second
 * part keeps the right occurrence when an edit touched the characters right
 * next to it, where the adjacency count alone would drop to zero and a chance
 * one-character match elsewhere would win. Ties go to the first occurrence.
 */
export function findAnchor(text: string, anchor: TextAnchor): TextRange | null {
  const { quote, prefix, suffix } = anchor;
  if (quote === "") return null;

  const first = text.indexOf(quote);
  if (first < 0) return null;
  if (text.indexOf(quote, first + 1) < 0) return { start: first, end: first + quote.length };

  const prefixPairs = bigrams(prefix);
  const suffixPairs = bigrams(suffix);
  let best: TextRange | null = null;
  let bestScore = -1;
  for (let start = first; start >= 0; start = text.indexOf(quote, start + 1)) {
    const end = start + quote.length;
    const adjacent = commonSuffixLength(text, start, prefix) + commonPrefixLength(text, end, suffix);
    const nearby =
      sharedBigrams(prefixPairs, text.slice(Math.max(0, start - CONTEXT_LENGTH), start)) +
      sharedBigrams(suffixPairs, text.slice(end, end + CONTEXT_LENGTH));
    const score = 2 * adjacent + nearby;
    if (score > bestScore) {
      bestScore = score;
      best = { start, end };
    }
  }
  return best;
}

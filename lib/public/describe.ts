// A short description of a published report, for feeds, <meta name="description">,
// OpenGraph and JSON-LD: its 摘要 when the editors wrote one, else its opening sentence(s).

/** About how long a description may be, in characters (code points). */
export const DESCRIPTION_LENGTH = 120;

const SENTENCE_END = /[。！？!?]/u;
/** Closing quotes and brackets that belong to the sentence they follow: 。” or ！） */
const CLOSERS = /[”’」』）)》〉"'】]/u;
/** Where a sentence too long to use whole may be cut instead. */
const CLAUSE_END = /[，,；;：:、]/u;
const ELLIPSIS = "……";

function normalize(text: string): string {
  // A paragraph break after punctuation disappears (。 needs no space after it); after a
  // heading, which has none, it becomes a space.
  return text
    .replace(/\s*\n\s*/g, (_, offset: number, whole: string) => (/\p{P}/u.test(whole[offset - 1] ?? "") ? "" : " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits normalized text into sentences, each keeping its end mark and closing quotes. */
function sentences(chars: string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    current.push(chars[i]!);
    if (SENTENCE_END.test(chars[i]!)) {
      while (i + 1 < chars.length && (SENTENCE_END.test(chars[i + 1]!) || CLOSERS.test(chars[i + 1]!))) current.push(chars[++i]!);
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * 摘要 if present; otherwise the first sentence(s) of the plain text that fit in `max`
 * characters, cut after 。！？ (or, when even the first sentence is longer, after the last
 * clause mark before `max`, with ……). Counted and cut by code point, never inside one.
 */
export function describeReport({ summary, plainText }: { summary?: string | null; plainText?: string | null }, max = DESCRIPTION_LENGTH): string {
  const written = normalize(summary ?? "");
  if (written) return written;
  const chars = Array.from(normalize(plainText ?? ""));
  if (chars.length <= max) return chars.join("");

  const taken: string[] = [];
  for (const sentence of sentences(chars)) {
    if (taken.length + sentence.length > max) break;
    taken.push(...sentence);
  }
  if (taken.length > 0) return taken.join("").trim();

  // The first sentence alone is too long: cut at a clause mark, else at the limit.
  const room = chars.slice(0, max - ELLIPSIS.length);
  let cut = room.length;
  for (let i = room.length - 1; i >= room.length / 2; i--) {
    if (CLAUSE_END.test(room[i]!)) {
      cut = i;
      break;
    }
  }
  return room.slice(0, cut).join("").trim() + ELLIPSIS;
}

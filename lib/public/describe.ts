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
export function describeReport(
  { summary, plainText, html }: { summary?: string | null; plainText?: string | null; html?: string | null },
  max = DESCRIPTION_LENGTH,
): string {
  const written = normalize(summary ?? "");
  if (written) return written;
  const lead = html ? bodyLead(html) : "";
  const chars = Array.from(normalize(lead || plainText || ""));
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

/**
 * The body's running text from its rendered HTML: paragraphs and list items only. A report's
 * plain text begins wherever its body does — often a photo caption or a section heading
 * ("▲市直机关工委召开…", "1 学深学细…") — which is not how a description or an excerpt
 * should begin. Figures (with their captions), headings and tables are left out.
 */
export function bodyLead(html: string): string {
  return html
    .replace(/<figure[\s\S]*?<\/figure>/giu, "")
    .replace(/<(h[1-6]|table|script|style)\b[\s\S]*?<\/\1>/giu, "")
    .replace(/<\/(p|li|blockquote|div)>|<br\s*\/?>/giu, "\n")
    .replace(/<[^>]*>/gu, "")
    .replace(/&(lt|gt|quot|#39|apos|nbsp|amp);/gu, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " ", amp: "&" })[entity]!)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}

// Tokens of the search index, made in the app because PostgreSQL's parsers keep a run of
// Chinese characters as one word (zhparser, pg_bigm and PGroonga are not available).
//
// What a search means (the definition the tests and the benchmark check against a LIKE scan):
// a report matches a term when the term occurs as a substring of one of its fields (title,
// kicker, subtitle, summary, original title, body), both sides folded by `foldText` (NFKC,
// lower case). A term never holds whitespace, so it can never straddle two fields.
//
// The index makes that an exact lookup for short terms and a cheap candidate set for long ones:
//   - the folded text is cut at whitespace into runs; every character of a run is a lexeme
//     (unigram) and so is every pair of neighbours (bigram), punctuation included. A term of
//     1 character is its unigram, of 2 its bigram: the GIN index answers exactly what a
//     substring scan would, with no re-check;
//   - a longer term needs all its bigrams (AND; a superset of the reports holding it), and
//     the folded text kept beside the vector (SearchDocument.text) is tested with strpos.
// The vectors carry no positions or weights (ranking uses the text, see search.ts), which
// keeps them and the GIN index small. They are written as tsvector literals, so PostgreSQL
// applies no parser or dictionary of its own.

/** Characters that separate runs. Query terms are split at the same characters. */
export const WHITESPACE = /\s/u;
const ALL_WHITESPACE = /\s+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Longer facet values are cut (a lexeme may hold 2047 bytes). */
const MAX_FACET_LENGTH = 64;

/**
 * The one folding of text and queries: well-formed UTF-16 (PostgreSQL stores no lone
 * surrogates), control characters as spaces, NFKC (full-width ＧＤＰ２０２２ → gdp2022), lower case.
 */
export function foldText(text: string): string {
  return wellFormed(text)
    .replace(/\p{Cc}/gu, " ")
    .normalize("NFKC")
    .toLowerCase();
}

/** Lone surrogates (which PostgreSQL cannot store) become U+FFFD, as String#toWellFormed does. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** NFKC alone (the snippets fold per character to keep offsets, see snippet.ts). */
export function normalizeText(text: string): string {
  return text.normalize("NFKC");
}

/** Folded text without runs of whitespace at the ends or inside (what is stored and searched). */
export function foldAndSquash(text: string): string {
  return foldText(text).replace(ALL_WHITESPACE, " ").trim();
}

/** JavaScript's \s (what WHITESPACE matches), by UTF-16 code unit. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * The unigrams and bigrams of folded texts, each once, in no particular order; whitespace
 * breaks pairs. Grams of characters of the Basic Multilingual Plane (nearly all text) are
 * collected as numbers in an open-addressing hash table, several times faster than a Set of
 * strings; the few others go through a Set.
 */
export function gramsOf(texts: string[]): string[] {
  let size = 0;
  for (const text of texts) size += text.length * 2;
  let capacity = 64;
  while (capacity < size * 2) capacity *= 2;
  const table = new Uint32Array(capacity);
  const mask = capacity - 1;
  const out: string[] = [];
  const add = (key: number) => {
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    for (;;) {
      const found = table[slot]!;
      if (found === key) return;
      if (found === 0) break;
      slot = (slot + 1) & mask;
    }
    table[slot] = key;
    out.push(key < 0x10000 ? String.fromCharCode(key) : String.fromCharCode(key >>> 16, key & 0xffff));
  };
  const others = new Set<string>();
  for (const text of texts) {
    // The previous character: a BMP code unit (>= 0), none (-1), or an astral one (-2, in previousText).
    let previous = -1;
    let previousText = "";
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        previous = -1;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const ch = text.slice(i, i + 2);
        i += 1;
        others.add(ch);
        if (previous !== -1) others.add((previous >= 0 ? String.fromCharCode(previous) : previousText) + ch);
        previous = -2;
        previousText = ch;
        continue;
      }
      // A unigram's key is below 0x10000, a bigram's above (its first unit is never 0); 0 is "empty".
      if (c !== 0) add(c);
      if (previous > 0) add(((previous << 16) | c) >>> 0);
      else if (previous === -2) others.add(previousText + String.fromCharCode(c));
      previous = c;
    }
  }
  for (const gram of others) out.push(gram);
  return out;
}

/**
 * The lexemes a folded, whitespace-free term needs: itself when it has 1 or 2 characters,
 * else its bigrams (at most `max`, spread evenly with the first and the last). A text
 * containing the term contains all of them. Twelve keeps every bigram of most phrases: a GIN
 * AND skips through its rarest list, so a bigram more costs little, and the one that joins two
 * common words is often far rarer than either (at 1,000,000 reports, the titles' candidates for
 * 学习贯彻党的二十大精神 fell from 49,000 with six bigrams to none, 609 ms to 20 ms).
 */
export function termLexemes(term: string, max = 12): string[] {
  const chars = [...term];
  if (chars.length <= 2) return [term];
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  const unique = [...new Set(bigrams)];
  if (unique.length <= max) return unique;
  const picked = new Set<string>();
  for (let k = 0; k < max; k++) picked.add(unique[Math.round((k * (unique.length - 1)) / (max - 1))]!);
  return [...picked];
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The tsvector literal of a set of lexemes (no positions, no weights). */
export function vectorLiteral(lexemes: Iterable<string>): string {
  const parts: string[] = [];
  for (const lexeme of lexemes) {
    const plain = lexeme.indexOf("'") < 0 && lexeme.indexOf("\\") < 0;
    parts.push(plain ? lexeme : lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''"));
  }
  return parts.length === 0 ? "" : `'${parts.join("' '")}'`;
}

/**
 * A lexeme that stands for a filter value (committee, year, 栏目), e.g. `_y2022`. It has at
 * least 3 characters, so it never equals a unigram or bigram of the text; putting the filters
 * into the vector lets the GIN index answer "党建 in 厦门 in 2022" alone.
 */
export function facetLexeme(kind: "c" | "y" | "k", value: string | number): string {
  const clean = [...foldText(String(value))].filter((ch) => WORD_CHAR.test(ch)).join("");
  return `_${kind}${clean.slice(0, MAX_FACET_LENGTH)}`;
}

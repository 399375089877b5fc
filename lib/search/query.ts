// From what a reader typed to a tsquery built only from our own tokens (never the reader's
// text: operators, quotes, emoji and the like cannot reach PostgreSQL's query parser).
//
//   党 / 党建 / 二十大 → '党' / '党建' / '二十大'          one lexeme each (see tokenize.ts)
//   党建引领          → '党建引' & '建引领'                 overlapping trigrams
//   GDP 2022         → 'gdp':* & '2022':*                  words by prefix
//   "党的二十大精神"   → '党的二' & '的二十' & … (quoted: the whole string)
//   学习贯彻二十大精神 → unquoted runs over 4 characters are cut into words by jieba, each
//                      word required: '学习' & '贯彻' & '二十大' & '精神'
import { segmentWords } from "./segmenter";
import { hanQueryLexemes, normalizeText, segments, type Segment } from "./tokenize";

/** Longer input is cut: nobody types more, and the query stays cheap. */
export const MAX_QUERY_LENGTH = 100;
/** At most this many tokens take part (each token is one AND operand). */
export const MAX_TERMS = 12;
/** …and at most this many lexemes in all. */
export const MAX_LEXEMES = 24;
/** An unquoted Han run up to this long is searched as it stands; longer ones are cut into words. */
export const MAX_UNSPLIT_RUN = 4;

export interface ParsedQuery {
  /** The input as kept in the search box: NFKC, control characters out, spaces collapsed, cut. */
  text: string;
  /** The tsquery literal, or null when nothing searchable is left (empty result, no SQL). */
  tsquery: string | null;
  /** What to highlight: Han strings as they must occur, and lower-cased words (prefixes). */
  highlights: string[];
}

/** Trims, normalises and bounds anything that arrives as `q`. */
export function normalizeQuery(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return "";
  const cleaned = normalizeText(value)
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, MAX_QUERY_LENGTH).join("").trim();
}

interface Term {
  tsquery: string;
  highlight: string;
}

const quote = (lexeme: string) => `'${lexeme}'`;

/** A Han string that must occur as it stands. */
function hanPhrase(run: string): Term {
  return { tsquery: hanQueryLexemes(run).map(quote).join(" & "), highlight: run };
}

function termsOf(segment: Segment, quoted: boolean): Term[] {
  if (segment.kind === "word") return [{ tsquery: `${quote(segment.text)}:*`, highlight: segment.text }];
  if (quoted || [...segment.text].length <= MAX_UNSPLIT_RUN) return [hanPhrase(segment.text)];
  const words = segmentWords(segment.text);
  const long = words.filter((w) => [...w].length > 1);
  return (long.length > 0 ? long : words).map(hanPhrase);
}

export function parseQuery(raw: unknown): ParsedQuery {
  const text = normalizeQuery(raw);
  const terms: Term[] = [];
  // Quoted parts ("…", “…”, 「…」) are phrases; an unmatched quote is just a separator.
  const pattern = /"([^"]*)"|“([^”]*)”|「([^」]*)」/g;
  let last = 0;
  const addPart = (part: string, quoted: boolean) => {
    for (const segment of segments(part)) terms.push(...termsOf(segment, quoted));
  };
  for (const match of text.matchAll(pattern)) {
    addPart(text.slice(last, match.index), false);
    addPart(match[1] ?? match[2] ?? match[3] ?? "", true);
    last = match.index + match[0].length;
  }
  addPart(text.slice(last), false);

  const unique = new Map<string, Term>();
  for (const term of terms) if (!unique.has(term.tsquery)) unique.set(term.tsquery, term);
  const kept = [...unique.values()].slice(0, MAX_TERMS);
  return {
    text,
    tsquery: kept.length > 0 ? [...new Set(kept.flatMap((t) => t.tsquery.split(" & ")))].slice(0, MAX_LEXEMES).join(" & ") : null,
    highlights: [...new Set(kept.map((t) => t.highlight))],
  };
}

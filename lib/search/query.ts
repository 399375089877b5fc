// From what a reader typed to terms, and a tsquery built only from our own lexemes (never
// the reader's text: operators, quotes, emoji and the like cannot reach PostgreSQL's query
// parser, and every lexeme is quoted).
//
// A term is a folded string (see tokenize.ts) that must occur in the report as it stands:
//   党 / 党建          → '党' / '党建'                 one lexeme, exact (no re-check)
//   二十大 / 党建引领  → '二十' & '十大' / '党建' & '建引' & '引领'   bigrams, then strpos re-check
//   GDP 2022 / ＧＤＰ → gdp, 2022 (two terms) / gdp
//   5G网络            → one term "5g网络": letters, digits and Han characters together
//   "6.5%" / “党建+” → a quoted part keeps its punctuation: "6.5%" / "党建+"
//   学习贯彻二十大精神 → unquoted runs over 4 characters with Han characters in them are cut into
//                      words by jieba, each required: 学习, 贯彻, 二十大, 精神
// Everything a term must occur in is searched as a substring, so a report that contains the
// whole query string is always found (recall 1.0 against a LIKE scan); splitting only widens.
import { segmentWords } from "./segmenter";
import { foldText, quoteLexeme, termLexemes, wellFormed, WHITESPACE } from "./tokenize";

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
  /** Folded strings that must all occur (each whitespace-free), at most MAX_TERMS */
  terms: string[];
  /** The terms of 3 or more characters, which the index only narrows down: re-checked with strpos */
  recheck: string[];
  /** The tsquery literal, or null when nothing searchable is left (empty result, no SQL). */
  tsquery: string | null;
  /** What to highlight (the terms) */
  highlights: string[];
}

/** Trims, normalises and bounds anything that arrives as `q`. */
export function normalizeQuery(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return "";
  const cleaned = wellFormed(value)
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, MAX_QUERY_LENGTH).join("").trim();
}

const HAN = /\p{Script=Han}/u;
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** Terms of an unquoted part: letter/digit/Han runs, long runs with Han cut into words. */
function unquotedTerms(part: string): string[] {
  const out: string[] = [];
  for (const [run] of foldText(part).matchAll(WORD_RUN)) {
    if ([...run].length <= MAX_UNSPLIT_RUN || !HAN.test(run)) {
      out.push(run);
      continue;
    }
    const words = segmentWords(run).flatMap((w) => [...w.matchAll(WORD_RUN)].map((m) => m[0]));
    const long = words.filter((w) => [...w].length > 1);
    out.push(...(long.length > 0 ? long : words));
  }
  return out;
}

/** Terms of a quoted part: the folded text between whitespace, punctuation kept. */
function quotedTerms(part: string): string[] {
  return foldText(part)
    .split(WHITESPACE)
    .filter((t) => t !== "" && !/^\s+$/u.test(t));
}

export function parseQuery(raw: unknown): ParsedQuery {
  const text = normalizeQuery(raw);
  const terms: string[] = [];
  // Quoted parts ("…", “…”, 「…」) are phrases; an unmatched quote is just a separator.
  const pattern = /"([^"]*)"|“([^”]*)”|「([^」]*)」/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    terms.push(...unquotedTerms(text.slice(last, match.index)));
    terms.push(...quotedTerms(match[1] ?? match[2] ?? match[3] ?? ""));
    last = match.index + match[0].length;
  }
  terms.push(...unquotedTerms(text.slice(last)));

  const kept = [...new Set(terms.filter((t) => [...t].length <= MAX_QUERY_LENGTH))].slice(0, MAX_TERMS);
  if (kept.length === 0) return { text, terms: [], recheck: [], tsquery: null, highlights: [] };
  // Every short term's lexeme (exact), then the long terms' bigrams up to MAX_LEXEMES; a long
  // term is re-checked anyway, so dropping some of its bigrams loses nothing but narrowing.
  const short = kept.filter((t) => [...t].length <= 2);
  const long = kept.filter((t) => [...t].length > 2);
  const lexemes = new Set(short);
  for (const term of long) lexemes.add(termLexemes(term)[0]!);
  for (const term of long) for (const lexeme of termLexemes(term)) if (lexemes.size < MAX_LEXEMES) lexemes.add(lexeme);
  return {
    text,
    terms: kept,
    recheck: long,
    tsquery: [...lexemes].map(quoteLexeme).join(" & "),
    highlights: kept,
  };
}

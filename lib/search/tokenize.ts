// Tokens of the search index, made in the app because PostgreSQL's parsers keep a run of
// Chinese characters as one word (zhparser, pg_bigm and PGroonga are not available).
//
// A document becomes a 'simple' tsvector written as a literal, so PostgreSQL applies no
// parser or dictionary of its own:
//   - every character of a run of Han characters gives, at its own position, the character
//     itself, the bigram and the trigram that start there, so that
//       1 character   → one lexeme                  (党)
//       2 characters  → one lexeme                  (党建)
//       3 characters  → one lexeme                  (二十大)
//       4+ characters → its overlapping trigrams    (党建引 & 建引领)
//     find the texts that contain the characters, as a substring scan would, straight from the
//     GIN index (no phrase operator, so no re-check of every candidate's vector);
//   - every other run of letters/digits (Latin, digits, kana …) is one lower-cased lexeme,
//     found by prefix (gdp:*, 2022:*), plus its letter and digit parts (GDP50 → gdp, 50);
//   - everything else separates tokens; runs are one position apart so that positions (for
//     ts_rank_cd's cover density) never make neighbours of text across punctuation.
// Text is NFKC-normalised on both sides, so full-width ＧＤＰ and ２０２２ match GDP and 2022.

/** PostgreSQL keeps positions 1..16383 and at most 256 positions per lexeme. */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Longer Latin/digit runs are cut (a lexeme may hold 2047 bytes; nobody searches 64+). */
export const MAX_WORD_LENGTH = 64;

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export type Weight = "A" | "B" | "C" | "D";

export type Segment = { kind: "han"; text: string } | { kind: "word"; text: string };

export function normalizeText(text: string): string {
  return text.normalize("NFKC");
}

/** Splits normalised text into Han runs and lower-cased letter/digit runs; drops the rest. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let kind: Segment["kind"] | null = null;
  let run = "";
  const flush = () => {
    if (kind && run) out.push({ kind, text: kind === "word" ? run.toLowerCase().slice(0, MAX_WORD_LENGTH) : run });
    kind = null;
    run = "";
  };
  for (const ch of normalizeText(text)) {
    const next: Segment["kind"] | null = HAN.test(ch) ? "han" : WORD_CHAR.test(ch) ? "word" : null;
    if (next !== kind) flush();
    if (next) {
      kind = next;
      run += ch;
    }
  }
  flush();
  return out;
}

/** The index lexemes at each position of a Han run: character, bigram and trigram starting there. */
export function hanLexemes(run: string): string[][] {
  const chars = [...run];
  return chars.map((ch, i) => {
    const out = [ch];
    if (i + 1 < chars.length) out.push(ch + chars[i + 1]!);
    if (i + 2 < chars.length) out.push(ch + chars[i + 1]! + chars[i + 2]!);
    return out;
  });
}

/**
 * The lexemes a Han string must all contain to hold it: itself up to 3 characters, else its
 * overlapping trigrams (at most `max`, spread evenly and always with the last one).
 */
export function hanQueryLexemes(run: string, max = 6): string[] {
  const chars = [...run];
  if (chars.length <= 3) return [run];
  const trigrams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  if (trigrams.length <= max) return trigrams;
  const picked = new Set<string>();
  for (let k = 0; k < max; k++) picked.add(trigrams[Math.round((k * (trigrams.length - 1)) / (max - 1))]!);
  return [...picked];
}

/**
 * The lexemes of one letter/digit run, all at one position: the run itself and, when it mixes
 * letters and digits (GDP50, 5g), each part as well, so that a search for 50 or gdp finds it.
 */
export function wordLexemes(run: string): string[] {
  const parts = run.match(/\p{N}+|[^\p{N}]+/gu) ?? [];
  return parts.length > 1 ? [run, ...new Set(parts)] : [run];
}

/**
 * A lexeme that stands for a filter value (committee, year, 栏目), e.g. `_y2022`. No text
 * token starts with "_", so these never meet a search word; putting the filters into the
 * vector lets the GIN index answer "党建 in 厦门 in 2022" alone, without reading any vector.
 */
export function facetLexeme(kind: "c" | "y" | "k", value: string | number): string {
  const clean = [...normalizeText(String(value))].filter((ch) => WORD_CHAR.test(ch)).join("").toLowerCase();
  return `_${kind}${clean.slice(0, MAX_WORD_LENGTH)}`;
}

/**
 * The tsvector literal of some weighted fields, e.g. `'党建':1A,7C '建设':2A`. Lexemes hold
 * only Han characters, letters and digits, so they need no escaping inside the quotes.
 */
export function tsvectorLiteral(fields: { text: string; weight: Weight }[], facets: string[] = []): string {
  const positions = new Map<string, string[]>();
  let position = 1;
  const add = (lexeme: string, weight: Weight) => {
    let list = positions.get(lexeme);
    if (!list) positions.set(lexeme, (list = []));
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
  };
  for (const field of fields) {
    for (const segment of segments(field.text)) {
      if (segment.kind === "word") {
        for (const lexeme of wordLexemes(segment.text)) add(lexeme, field.weight);
        position += 2;
      } else {
        for (const lexemes of hanLexemes(segment.text)) {
          for (const lexeme of lexemes) add(lexeme, field.weight);
          position += 1;
        }
        position += 1;
      }
    }
    position += 1;
  }
  const parts: string[] = [];
  for (const [lexeme, list] of positions) parts.push(`'${lexeme}':${list.join(",")}`);
  for (const facet of facets) parts.push(`'${facet}'`);
  return parts.join(" ");
}

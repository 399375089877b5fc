/**
 * 字数 — the word count a Chinese editor expects to see next to a report.
 *
 * Rule (after Microsoft Word / WPS 「字数」, made explicit):
 *
 * - Each CJK character counts 1: Han ideographs (汉字), kana, hangul, and
 *   full-width letters and digits (ＧＤＰ２０２２ = 7).
 * - Each punctuation mark counts 1, full-width or CJK alike:
 *   ，。、；：？！“”‘’（）《》【】「」—…· — so 「——」 is 2 and 「……」 is 2.
 * - Each run of Latin (or Greek, Cyrillic…) letters and ASCII digits counts 1
 *   as one word or number. The run may contain `.` `,` `'` `’` `-` between two
 *   letters/digits, so `3.5`, `2,000`, `COVID-19` and `don't` are one each.
 * - Whitespace of every kind (including the ideographic space 「　」) and
 *   invisible characters (zero-width space, joiners, BOM) never count.
 * - Any other visible symbol counts 1 on its own: half-width punctuation and
 *   signs (`%` `,` `(` `#`), circled numbers (①), and each emoji (a composed
 *   emoji such as 👨‍👩‍👧 or a flag 🇨🇳 is one).
 *
 * Where this differs from Word: Word counts a whitespace-delimited Latin
 * token with its attached signs as one word (`3.5%` = 1); here the sign
 * counts separately (`3.5%` = 2), so that half-width and full-width
 * punctuation in Chinese text (`2021年,漳州` vs `2021年，漳州`) count alike.
 *
 * Examples:
 *   党的二十大                 → 5
 *   2022年GDP增长3.5%         → 7   (2022, 年, GDP, 增, 长, 3.5, %)
 *   “两个维护”                → 6
 *   COVID-19疫情              → 3
 *   Hello, world.             → 4   (Hello , world .)
 */

/** Scripts and blocks whose characters count one each, never as part of a word. */
const EAST_ASIAN = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\u3040-\u30ff\ufe30-\ufe4f\uff00-\uffef`;
const WORD_CHAR = String.raw`(?:(?![${EAST_ASIAN}])[\p{L}\p{Nd}])`;
/** Connectors allowed inside a word/number: 3.5, 2,000, COVID-19, don't. */
const WORD_RUN = String.raw`${WORD_CHAR}(?:${WORD_CHAR}|\p{M}|[.,'\u2019\-](?=${WORD_CHAR}))*`;
/** A flag pair, or a pictograph with its modifiers and zero-width-joined followers. */
const EMOJI = String.raw`\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\p{M}|[\u{1f3fb}-\u{1f3ff}]|\u200d\p{Extended_Pictographic})*`;
/** Never counted: whitespace, controls, format characters; stray combining marks. */
const INVISIBLE = String.raw`[\s\p{Z}\p{Cc}\p{Cf}\p{M}]+`;

/** One match per counted unit, except group 1, which is invisible. Sticky: used from a position. */
const TOKEN = new RegExp(`(${INVISIBLE})|${EMOJI}|${WORD_RUN}|[^]`, "uy");

/** Common CJK ideographs, CJK punctuation (not the ideographic space) and full-width forms. */
function isCommonEastAsian(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3001 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e);
}

export function countChineseCharacters(text: string): number {
  let count = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // Fast path for the bulk of a Chinese text; the regex handles everything else.
    if (isCommonEastAsian(code)) {
      count++;
      index++;
      continue;
    }
    if (code === 0x20 || code === 0x0a) {
      index++;
      continue;
    }
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    if (match === null) break; // unreachable: the last alternative matches any character
    if (match[1] === undefined) count++;
    index = TOKEN.lastIndex;
  }
  return count;
}

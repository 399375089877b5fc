import type { RawFinding } from "../types";

const GB15835 = "GB/T 15835-2011《出版物上数字的用法》";

const CN_DIGIT = "〇一二三四五六七八九";

function toChineseNumber(value: number): string {
  if (value < 10) return CN_DIGIT[value]!;
  if (value < 20) return `十${value % 10 === 0 ? "" : CN_DIGIT[value % 10]}`;
  if (value < 100) return `${CN_DIGIT[Math.floor(value / 10)]}十${value % 10 === 0 ? "" : CN_DIGIT[value % 10]}`;
  return String(value);
}

function finding(rule: string, offset: number, text: string, message: string, suggestion?: string): RawFinding {
  return { rule, offset, length: text.length, text, message, ...(suggestion !== undefined ? { suggestion } : {}), source: GB15835 };
}

/**
 * 22年 for 2022年. A two-digit number before 年 is a year only in context: a
 * month, 度/底/初/上半年 follows, or 于/在/自 precedes; 工作22年、22年来 are durations.
 */
const SHORT_YEAR =
  /(?<![\d.０-９%])(?:'|’)?(\d{2})年(?=\d{1,2}月|度|底|初(?![心衷])|末|上半年|下半年|前三季度|第[一二三四]季度|春节|全年)|(?<=[于在自至到从截])(\d{2})年(?![来多余间半代纪龄级内中后前里轻的之左上下])/g;

function shortYear(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(SHORT_YEAR)) {
    const digits = (m[1] ?? m[2])!;
    const century = Number(digits) > 40 ? "19" : "20";
    out.push(finding("number.short-year", m.index, m[0], `年份不应简写，“${m[0]}”应写全为“${century}${digits}年”`, `${century}${digits}年`));
  }
  return out;
}

/**
 * Fixed terms whose numbers are part of the word are written in Chinese
 * numerals: “十四五”, 党的二十大, 十九届六中全会, 四个意识, 三会一课.
 */
const FIXED_TERMS: Array<{ re: RegExp; fix: (m: RegExpMatchArray) => string }> = [
  { re: /(?<![\d.])(\d{1,2})五(?=规划|时期|期间|开局|”|"|」|以来|目标)/g, fix: (m) => `${toChineseNumber(Number(m[1]))}五` },
  { re: /十\d五/g, fix: (m) => `十${CN_DIGIT[Number(m[0][1])]}五` },
  { re: /(?<=党的|中共)(\d{1,2})大/g, fix: (m) => `${toChineseNumber(Number(m[1]))}大` },
  {
    re: /(?<![\d.])(\d{1,2})(届)(\d|[一二三四五六七八九])中全会/g,
    fix: (m) => `${toChineseNumber(Number(m[1]))}届${/\d/.test(m[3]!) ? CN_DIGIT[Number(m[3])] : m[3]}中全会`,
  },
  { re: /(?<=届|大)(\d)中全会/g, fix: (m) => `${CN_DIGIT[Number(m[1])]}中全会` },
  { re: /(?<![\d.])([二三四五六七八九]|十[一二三四五六七八九]?|二十)?届(\d)中全会/g, fix: (m) => `${m[1] ?? ""}届${CN_DIGIT[Number(m[2])]}中全会` },
  {
    // Only the counts that make the set phrase: “3个明确的目标” is an ordinary count.
    re: /(?<![\d.第])(4个(?:意识|自信|全面|服从|伟大)|2个(?:维护|确立|结合|务必)|3个务必|10个明确|14个坚持)(?![点部的])/g,
    fix: (m) => m[1]!.replace(/^\d+/, (n) => (n === "2" ? "两" : toChineseNumber(Number(n)))),
  },
  { re: /(?<![\d.])3会1课|三会1课|3会一课/g, fix: () => "三会一课" },
  { re: /(?<![\d.])(\d)位一体/g, fix: (m) => `${CN_DIGIT[Number(m[1])]}位一体` },
  { re: /1带1路|一带1路|1带一路/g, fix: () => "一带一路" },
  { re: /(?<![\d.])2学1做|两学1做|2学一做/g, fix: () => "两学一做" },
];

function fixedTerms(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const taken: Array<[number, number]> = [];
  for (const { re, fix } of FIXED_TERMS) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (taken.some(([s, e]) => m.index < e && s < end)) continue;
      taken.push([m.index, end]);
      const suggestion = fix(m);
      if (suggestion === m[0]) continue;
      out.push(finding("number.fixed-term", m.index, m[0], `定型的词语中的数字应使用汉字：“${suggestion}”`, suggestion));
    }
  }
  return out;
}

/**
 * One number written half in digits and half in Chinese: 3千, 5百, 十5, 二〇22年.
 * 万 and 亿 after digits are allowed (345亿); 千米/千克/百分点 are units.
 */
const MIXED =
  /(?<![\d.])\d+(?:\.\d+)?[千百十](?!米|克|瓦|伏|帕|赫|焦|卡|公里|公顷|分点|分比|分之|字节|兆|强|倍|年|月|日|位|\d)|(?<![一二三四五六七八九十百千万〇零])[一二三四五六七八九十百千〇○零]+\d+(?=[年万亿个名人家项件次元所%])|(?<!\d)百分之\d+(?:\.\d+)?/g;

const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The all-digit form where it is plain: 3千 → 3000, 百分之15 → 15%. */
function digitsFor(mixedForm: string): string | undefined {
  const unit = /^(\d+(?:\.\d+)?)([千百十])$/.exec(mixedForm);
  if (unit) {
    const value = Number(unit[1]) * UNIT[unit[2]!]!;
    return Number.isInteger(value) ? String(value) : undefined;
  }
  const percent = /^百分之(\d+(?:\.\d+)?)$/.exec(mixedForm);
  return percent ? `${percent[1]}%` : undefined;
}

function mixed(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(MIXED)) {
    if (/^[一二三四五六七八九十]+\d/.test(m[0]) && /[第十]/.test(text[m.index - 1] ?? "")) continue;
    out.push(finding("number.mixed", m.index, m[0], `同一个数字不应混用阿拉伯数字和汉字：“${m[0]}”宜全用阿拉伯数字或全用汉字`, digitsFor(m[0])));
  }
  return out;
}

/** 二○二二年 written with a white circle or letter O for 〇. */
function lingCircle(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(/[一二三四五六七八九〇○ＯO零]{4}(?=年)/g)) {
    if (!/[○ＯO零]/.test(m[0])) continue;
    const fixed = m[0].replace(/[○ＯO零]/g, "〇");
    out.push(finding("number.ling-circle", m.index, m[0], `汉字数字中的“零”写作“〇”：“${fixed}”`, fixed));
  }
  return out;
}

export function numberRule(text: string): RawFinding[] {
  return [...shortYear(text), ...fixedTerms(text), ...mixed(text), ...lingCircle(text)];
}

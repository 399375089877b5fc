import { isAsciiAlnum, isChineseContext, isDigit, isHan } from "../chars";
import type { RawFinding, RuleContext } from "../types";

const GB15834 = "GB/T 15834-2011《标点符号用法》";

function finding(rule: string, offset: number, text: string, message: string, suggestion?: string): RawFinding {
  return { rule, offset, length: text.length, text, message, ...(suggestion !== undefined ? { suggestion } : {}), source: GB15834 };
}

/** Two sentence-internal or ending marks in a row (，， 。。 ，。 、，): one of them is a slip. */
const DOUBLED = /([，。、；：])\1+|[，、；：][，。、；：]|。[，、；：]/g;

function doubled(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(DOUBLED)) {
    const keep = m[0][0] === m[0][1] ? m[0][0]! : m[0].includes("。") ? "。" : m[0][0]!;
    out.push(finding("punctuation.doubled", m.index, m[0], `标点「${m[0]}」重复或叠用，保留一个即可`, keep));
  }
  return out;
}

const FULL_WIDTH_OF: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。" };

/**
 * A half-width , ; : ? ! or sentence-final . touching Chinese text. Digits on
 * both sides (1,000 9:30 1.5), Latin on both sides (e.g.) and URLs are left alone.
 */
function halfWidth(text: string, context: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // , . : ; ? ! — test the code first: most characters are none of these.
    if (code !== 0x2c && code !== 0x2e && code !== 0x3a && code !== 0x3b && code !== 0x3f && code !== 0x21) continue;
    const char = text[i]!;
    const full = FULL_WIDTH_OF[char]!;
    const before = text[i - 1];
    const after = text[i + 1];
    if (isDigit(before) && isDigit(after)) continue;
    if (isAsciiAlnum(before) && isAsciiAlnum(after)) continue;
    if (context.isProtected(i)) continue;
    const chineseBefore = isChineseContext(before) && before !== "…";
    const chineseAfter = isHan(after) || after === "“" || after === "《";
    if (char === ".") {
      // Only a full stop written as '.': after Chinese, at the end of a sentence.
      if (!chineseBefore || isAsciiAlnum(after) || after === ".") continue;
    } else if (!chineseBefore && !chineseAfter) continue;
    out.push(finding("punctuation.halfwidth", i, char, `中文语句中的「${char}」应使用全角标点「${full}」`, full));
  }
  return out;
}

/** Half-width brackets around Chinese text, and straight double quotes. */
function halfWidthPairs(text: string, context: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(/\(([^()\n]{0,80})\)/g)) {
    if (context.isProtected(m.index)) continue;
    if (!/\p{Script=Han}/u.test(m[1]!)) continue;
    out.push(
      finding("punctuation.halfwidth-bracket", m.index, m[0], "括号内是中文时宜使用全角括号「（）」", `（${m[1]}）`),
    );
  }
  for (const m of text.matchAll(/"([^"\n]{1,80})"/g)) {
    if (context.isProtected(m.index)) continue;
    if (!/\p{Script=Han}/u.test(m[1]!)) continue;
    out.push(finding("punctuation.halfwidth-quote", m.index, m[0], "中文引号应使用「“”」，不用半角直引号", `“${m[1]}”`));
  }
  return out;
}

const OPENERS: Record<string, string> = { "“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "「": "」", "『": "』", "〈": "〉" };
const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(OPENERS).map(([open, close]) => [close, open]));
/** Codes of all paired marks, to skip other characters without building a string for each. */
const PAIRED_CODES = new Set([...Object.keys(OPENERS), ...Object.keys(CLOSERS)].map((char) => char.charCodeAt(0)));
const PAIR_NAME: Record<string, string> = { "“": "引号", "‘": "单引号", "《": "书名号", "（": "括号", "【": "方头括号", "「": "引号", "『": "引号", "〈": "书名号" };

/**
 * Closers that pair with nothing on purpose: list markers such as 1） a） 二）,
 * and ’ as an apostrophe in Latin text (Xi’an, China’s).
 */
function isListMarkerOrApostrophe(line: string, at: number, char: string): boolean {
  if (char === "’") return /[A-Za-z]/.test(line[at - 1] ?? "") && /[A-Za-z]/.test(line[at + 1] ?? "");
  if (char === "）") return /(?:^|[\s，。；：、）])[0-9A-Za-z一二三四五六七八九十]{1,3}$/.test(line.slice(Math.max(0, at - 4), at));
  return false;
}

function closesLater(line: string, from: number, open: string): boolean {
  const close = OPENERS[open]!;
  for (let j = from + 1; j < line.length; j++) {
    if (line[j] === close) return true;
    if (line[j] === open) return false;
  }
  return false;
}

/**
 * Quotes, brackets and 书名号 must pair up within a paragraph (a line). A
 * quotation running over several paragraphs opens each of them and closes
 * only the last, so an unclosed “ is fine when the
 * next paragraph opens with “.
 */
function unmatched(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const lines = text.split(/(?<=\n)/);
  let base = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const stack: Array<{ char: string; at: number }> = [];
    for (let i = 0; i < line.length; i++) {
      if (!PAIRED_CODES.has(line.charCodeAt(i))) continue;
      const char = line[i]!;
      if (OPENERS[char]) {
        // “…“ with no ” before the next “ or the end of the line: the second one is a
        // misdirected closing quote. When a ” follows, it pairs with the second one and
        // the first is the one left open.
        if ((char === "“" || char === "‘") && stack.length > 0 && stack[stack.length - 1]!.char === char && !closesLater(line, i, char)) {
          stack.pop();
          const close = OPENERS[char]!;
          out.push(finding("punctuation.unmatched", base + i, char, `引号方向有误：此处应为后引号「${close}」`, close));
          continue;
        }
        stack.push({ char, at: i });
      } else if (CLOSERS[char]) {
        const open = CLOSERS[char]!;
        let index = stack.length - 1;
        while (index >= 0 && stack[index]!.char !== open) index--;
        if (index < 0) {
          if (!isListMarkerOrApostrophe(line, i, char)) out.push(finding("punctuation.unmatched", base + i, char, `「${char}」没有与之配对的「${open}」`));
          continue;
        }
        // Everything opened after the matching opener was left unclosed.
        for (const left of stack.splice(index)) {
          if (left.char !== open) out.push(finding("punctuation.unmatched", base + left.at, left.char, `「${left.char}」没有与之配对的「${OPENERS[left.char]}」`));
        }
      }
    }
    const nextStartsWithQuote = /^\s*[“‘]/.test(lines[l + 1] ?? "");
    for (const left of stack) {
      if ((left.char === "“" || left.char === "‘") && nextStartsWithQuote) continue;
      out.push(finding("punctuation.unmatched", base + left.at, left.char, `${PAIR_NAME[left.char] ?? "符号"}「${left.char}」没有与之配对的「${OPENERS[left.char]}」`));
    }
    base += line.length;
  }
  return out;
}

/** 《甲》、《乙》 and “甲”、“乙”: GB/T 15834-2011 4.5.3.5, 通常不用顿号. */
function dunhaoBetweenTitles(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(/(?<=》)、(?=《)|(?<=”)、(?=“)/g)) {
    const between = text[m.index - 1] === "》" ? "书名号" : "引号";
    out.push(finding("punctuation.dunhao-between-titles", m.index, "、", `标有${between}的并列成分之间通常不用顿号`, ""));
  }
  return out;
}

/** Ellipsis is …… (two U+2026); dash is —— (two U+2014). */
function ellipsisAndDash(text: string, context: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(/\.{3,}|。{3,}|[·•]{3,}|、{3,}|(?<!…)…(?!…)|(?<!…)…{3}(?!…)/g)) {
    if (context.isProtected(m.index)) continue;
    if (m[0].startsWith(".") && !(isChineseContext(text[m.index - 1]) || isHan(text[m.index + m[0].length]))) continue;
    out.push(finding("punctuation.ellipsis", m.index, m[0], `省略号应为「……」（占两个字位置的六连点），不写作「${m[0]}」`, "……"));
  }
  for (const m of text.matchAll(/……(?:等等|等)(?![级次待同])/g)) {
    out.push(finding("punctuation.ellipsis-with-deng", m.index, m[0], "省略号与“等”“等等”意思重复，二者选用其一", "……"));
  }
  for (const m of text.matchAll(/(?<=[\p{Script=Han}，。”）])(?:-{2,}|－{2,}|—(?:\s+—)+|—{3,}|―{1,2}|─{1,2})(?=[\p{Script=Han}“（《])/gu)) {
    if (context.isProtected(m.index)) continue;
    out.push(finding("punctuation.dash", m.index, m[0], `破折号应为「——」（占两个字位置的长横），不写作「${m[0]}」`, "——"));
  }
  return out;
}

/** Full-width digits and Latin letters (０１２ ＡＢＣ) should be half-width. */
function fullWidthAlnum(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of text.matchAll(/[０-９Ａ-Ｚａ-ｚ]+(?:[．.][０-９]+)?/g)) {
    const half = m[0].replace(/[０-９Ａ-Ｚａ-ｚ．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    out.push({
      rule: "punctuation.fullwidth-alnum",
      offset: m.index,
      length: m[0].length,
      text: m[0],
      message: `阿拉伯数字和拉丁字母应使用半角形式“${half}”`,
      suggestion: half,
      source: "GB/T 15835-2011《出版物上数字的用法》",
    });
  }
  return out;
}

export function punctuationRule(text: string, context: RuleContext): RawFinding[] {
  return [
    ...doubled(text),
    ...halfWidth(text, context),
    ...halfWidthPairs(text, context),
    ...unmatched(text),
    ...dunhaoBetweenTitles(text),
    ...ellipsisAndDash(text, context),
    ...fullWidthAlnum(text),
  ];
}

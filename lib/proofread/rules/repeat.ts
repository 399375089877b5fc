import { isHanCode } from "../chars";
import { WORD_BOUNDARIES } from "../data/boundaries.generated";
import { FUNCTION_CHARS } from "../data/function-chars";
import type { RawFinding } from "../types";

const SOURCE = "文字校对：重复的字词";

/**
 * Function words that are not reduplicated in standard writing: 的的 了了 是是.
 * Content characters are left alone on purpose: across a word boundary a
 * doubled character is normal (学习习近平、工作作风、干部部门), and telling
 * that from a slip needs a dictionary the browser should not have to load.
 */
const NEVER_DOUBLED = new Set(FUNCTION_CHARS.split(""));

/** Legitimate forms that contain such a pair: 不了了之、实实在在、的的确确、是是非非. */
const LEGIT_CONTAINING = ["不了了之", "实实在在", "的的确确", "是是非非", "自由自在", "地地道道", "原原本本", "不甚了了", "小时了了"];

/** Two-character words that are repeated on purpose: 研究研究、学习学习 (try doing), 一步一步. */
const LEGIT_ABAB = new Set(
  "良久 很多 好多 许多 大批 大把 大片 好久 许久 很久 彼此 掂量 忽悠 研究 学习 讨论 商量 考虑 锻炼 休息 介绍 了解 交流 检查 总结 打听 收拾 活动 准备 比较 分析 琢磨 思考 调查 溜达 体验 认识 热闹 高兴 清醒 暖和 凉快 轻松 放松 表扬 提醒 指导 帮助 关心 反思 对照 梳理 雪白 通红 冰凉 滚烫 碧绿 蜡黄 漆黑 笔直 火热 谢谢".split(" "),
);

/** Sound words repeat as a matter of course (哗啦哗啦, 轰隆轰隆). */
const ONOMATOPOEIA = /[哗啦咕咚噜咯吱呼哧轰隆叮当哐啷嘀嗒哒扑通砰乒乓嘿哟嗡嘤咚锵]/;

function legitAt(text: string, index: number): boolean {
  // A word ending in the character, then one starting with it: 现在在全市, 为了了解, 达到目的的.
  const boundary = WORD_BOUNDARIES[text[index]!];
  if (boundary) {
    const previous = text[index - 1];
    const next = text[index + 2];
    if ((previous && boundary[0].includes(previous)) || (next && boundary[1].includes(next))) return true;
  }
  // Measure words after 一 (一所所学校, 一把把钥匙, 一对对新人).
  if (text[index - 1] === "一" && "对把所".includes(text[index]!)) return true;
  for (const form of LEGIT_CONTAINING) {
    const from = Math.max(0, index - form.length + 2);
    const found = text.indexOf(form, from);
    if (found !== -1 && found <= index && found + form.length >= index + 2) return true;
  }
  // AABB (实实在在 明明白白): the pair before or after is doubled too.
  if (text[index - 2] !== undefined && text[index - 2] === text[index - 1] && text[index - 2] !== text[index]) return true;
  if (text[index + 2] !== undefined && text[index + 2] === text[index + 3] && text[index + 2] !== text[index]) return true;
  return false;
}

export function repeatRule(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const char = text[i]!;
    if (char !== text[i + 1] || !NEVER_DOUBLED.has(char)) continue;
    let end = i + 2;
    while (text[end] === char) end++;
    if (end - i === 2 && legitAt(text, i)) {
      i = end - 1;
      continue;
    }
    const found = text.slice(i, end);
    out.push({ rule: "repeat.char", offset: i, length: found.length, text: found, message: `“${found}”疑为误重复，保留一个“${char}”`, suggestion: char, source: SOURCE });
    i = end - 1;
  }
  // ABAB: a two-character word written twice (我们我们、进行进行).
  for (let i = 0; i + 3 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!isHanCode(a) || !isHanCode(b) || a === b) continue;
    if (text.charCodeAt(i + 2) !== a || text.charCodeAt(i + 3) !== b) continue;
    const word = text.slice(i, i + 2);
    if (LEGIT_ABAB.has(word) || /[一二两三四五六七八九十百千万个每]/.test(word[0]!) || ONOMATOPOEIA.test(word)) continue;
    // “一天一天” style runs and 你一言我一语 are not this; a third repetition is a list (走走走).
    out.push({ rule: "repeat.word", offset: i, length: 4, text: word + word, message: `“${word}”疑为误重复，保留一个“${word}”`, suggestion: word, source: SOURCE });
    i += 3;
  }
  return out;
}

import type { RawFinding, RuleContext } from "../types";

const SOURCE = "发布规范：稿件不得留有占位符或隐去标记";

/**
 * Marks that stand for something still to be filled in or that was removed:
 * asterisks (`*`, `**`, `***` where a name or figure was redacted), crosses,
 * XX, white squares and circles, and bracketed notes such as 【待补】.
 * Bold markup written as `**…**` is caught too: in a report body it is never
 * what the reader should see.
 */
const PATTERNS: Array<{ re: RegExp; message: string }> = [
  { re: /[*＊]+/g, message: "星号多为隐去的名称、数字或未处理的格式标记，发布前须补全或删除" },
  { re: /[×Ｘ]{2,}|(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|(?<![\d\s])×(?![\d\s])/g, message: "“××/XX”是占位符，发布前须填写实际内容" },
  { re: /[□■☐]+/g, message: "“□”是占位符，发布前须填写实际内容" },
  { re: /[○◯]{2,}|△{2,}/g, message: "“○○/△△”是占位符，发布前须填写实际内容" },
  {
    re: /[【\[［(（]\s*(?:待补充?|待定|待核实?|待填写?|待确认|待完善|待更新|此处(?:填写|补充)[^】\]］)）]{0,10}|补充内容|TODO|TBD)\s*[】\]］)）]/gi,
    message: "方括号中的待办标记须在发布前处理",
  },
];

export function placeholderRule(text: string, context: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { re, message } of PATTERNS) {
    for (const match of text.matchAll(re)) {
      if (context.isProtected(match.index)) continue;
      findings.push({ rule: "placeholder.mark", offset: match.index, length: match[0].length, text: match[0], message, source: SOURCE });
    }
  }
  return findings;
}

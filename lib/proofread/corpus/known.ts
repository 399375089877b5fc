/**
 * Findings in the clean sample reports that are right: the source texts have
 * these defects. Everything else the checker reports there is a false alarm.
 * Each entry names the file, the rule and the flagged text, and says why.
 */
export interface KnownFinding {
  file: string;
  rule: string;
  text: string;
  why: string;
}

export const KNOWN_FINDINGS: KnownFinding[] = [
  { file: "redacted-city-speech-2023.txt", rule: "placeholder.mark", text: "*", why: "the city name and figures were redacted with asterisks; it must not be publishable as it stands" },
  { file: "redacted-city-speech-2023.txt", rule: "formulation.shape", text: "全面学习、全面把挥、全面落实", why: "把挥 is a slip for 把握 in a quotation of 习近平总书记" },
  { file: "xiamen-2022.txt", rule: "punctuation.unmatched", text: "”", why: "“党建红”护航、“碳汇绿”兴村” has a closing quote without its opening one" },
  { file: "xiamen-2022.txt", rule: "punctuation.halfwidth-bracket", text: "(本报记者 黄晓珍 摄)", why: "half-width brackets around Chinese text (hint)" },
  { file: "fuzhou-2024.txt", rule: "punctuation.unmatched", text: "”", why: "the quotation “上头千条线…瞎忙。” lost its opening mark (the inner quote should be ‘’)" },
  { file: "zhuzhou-2022.txt", rule: "punctuation.dunhao-between-titles", text: "、", why: "“两学一做”、“三严三实”、“不忘初心、牢记使命”: 顿号 between quoted items (hint)" },
  { file: "zhuzhou-2022.txt", rule: "style.discouraged", text: "十八大", why: "”十八大以来 without 党的 (hint)" },
];

export function isKnown(file: string, rule: string, text: string): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((known) => known.file === file && known.rule === rule && (rule === "placeholder.mark" ? text.includes(known.text) : known.text === text));
}

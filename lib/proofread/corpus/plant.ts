/**
 * Mechanical planting: one error of a given kind put into a clean sentence of
 * the sample reports. Each planter looks for a place where its error fits
 * (a comma to double, a 的 to repeat, a full year to abbreviate…) and returns
 * the changed sentence with the planted span, or nothing. The errors are the
 * slips seen in real drafts; the sentences around them are real.
 */
import type { PlantedCase } from "./planted";

type Planter = (sentence: string) => { text: string; start: number; length: number } | undefined;

function replaceAt(sentence: string, index: number, length: number, replacement: string) {
  return { text: sentence.slice(0, index) + replacement + sentence.slice(index + length), start: index, length: replacement.length };
}

function nth(sentence: string, needle: RegExp, pick: number): RegExpExecArray | undefined {
  const all = [...sentence.matchAll(new RegExp(needle.source, needle.flags.includes("g") ? needle.flags : needle.flags + "g"))];
  if (all.length === 0) return undefined;
  return all[pick % all.length] as RegExpExecArray;
}

const PLANTERS: Array<{ kind: PlantedCase["kind"]; name: string; plant: (s: string, seed: number) => ReturnType<Planter> }> = [
  { kind: "punctuation", name: "doubled comma", plant: (s, k) => { const m = nth(s, /，/, k); return m && replaceAt(s, m.index, 1, "，，"); } },
  { kind: "punctuation", name: "half-width comma", plant: (s, k) => { const m = nth(s, /(?<=\p{Script=Han})，(?=\p{Script=Han})/u, k); return m && replaceAt(s, m.index, 1, ","); } },
  { kind: "punctuation", name: "half-width full stop", plant: (s) => (s.endsWith("。") && /\p{Script=Han}。$/u.test(s) ? replaceAt(s, s.length - 1, 1, ".") : undefined) },
  { kind: "punctuation", name: "ellipsis as dots", plant: (s) => { const m = /……/.exec(s); return m ? replaceAt(s, m.index, 2, "...") : undefined; } },
  { kind: "punctuation", name: "dropped closing quote", plant: (s, k) => { const m = nth(s, /”/, k); return m && { text: s.slice(0, m.index) + s.slice(m.index + 1), start: s.lastIndexOf("“", m.index), length: 1 }; } },
  { kind: "punctuation", name: "顿号 between quoted items", plant: (s, k) => { const m = nth(s, /”“/, k); return m && { text: s.slice(0, m.index + 1) + "、" + s.slice(m.index + 1), start: m.index + 1, length: 1 }; } },
  { kind: "repeat", name: "的的", plant: (s, k) => { const m = nth(s, /的/, k); return m && replaceAt(s, m.index, 1, "的的"); } },
  { kind: "repeat", name: "了了", plant: (s, k) => { const m = nth(s, /了/, k); return m && replaceAt(s, m.index, 1, "了了"); } },
  { kind: "repeat", name: "是是/在在/和和", plant: (s, k) => { const m = nth(s, /[是在和]/, k); return m && replaceAt(s, m.index, 1, m[0] + m[0]); } },
  { kind: "number", name: "abbreviated year", plant: (s, k) => { const m = nth(s, /(?<!\d)20(\d\d)年(?=\d{1,2}月)/, k); return m && replaceAt(s, m.index, m[0].length, `${m[1]}年`); } },
  { kind: "number", name: "党的二十大 in digits", plant: (s, k) => { const m = nth(s, /党的(二十|十九|十八)大/, k); return m && replaceAt(s, m.index + 2, m[1]!.length + 1, `${({ 二十: 20, 十九: 19, 十八: 18 } as Record<string, number>)[m[1]!]}大`); } },
  { kind: "number", name: "mixed 千", plant: (s, k) => { const m = nth(s, /(?<![\d.])([1-9])000(?!\d)/, k); return m && replaceAt(s, m.index, m[0].length, `${m[1]}千`); } },
  { kind: "placeholder", name: "figure redacted as **", plant: (s, k) => { const m = nth(s, /(?<![\d.])\d{2,}(?![\d.])/, k); return m && replaceAt(s, m.index, m[0].length, "**"); } },
  { kind: "placeholder", name: "name redacted as ××", plant: (s, k) => { const m = nth(s, /(?:市直机关工委|市委|市直机关)/, k); return m && replaceAt(s, m.index, 0, "××"); } },
  {
    kind: "formulation",
    name: "homophone in a formulation",
    plant: (s, k) => {
      const slips: Array<[string, string]> = [
        ["习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主意思想"],
        ["中国特色社会主义", "中国特色社会主意"],
        ["全面从严治党", "全面从严治档"],
        ["党史学习教育", "党史学习叫育"],
        ["基层党组织", "基层党组值"],
        ["模范机关", "模范机官"],
        ["高质量发展", "高质量法展"],
        ["以人民为中心", "以人民为忠心"],
        ["中华民族伟大复兴", "中华民族伟大复新"],
        ["党的全面领导", "党的全面领到"],
      ];
      const present = slips.filter(([right]) => s.includes(right));
      if (present.length === 0) return undefined;
      const [right, wrong] = present[k % present.length]!;
      return replaceAt(s, s.indexOf(right), right.length, wrong);
    },
  },
  {
    kind: "formulation",
    name: "enumeration out of order",
    plant: (s) => {
      const m = /(学史明理)、(学史增信)|(学党史)、(悟思想)|(政治意识)、(大局意识)|(道路自信)、(理论自信)|(不忘初心)、(牢记使命)/.exec(s);
      if (!m) return undefined;
      const [a, b] = m.slice(1).filter(Boolean) as [string, string];
      return replaceAt(s, m.index, m[0].length, `${b}、${a}`);
    },
  },
];

/** Splits clean text into sentences (keeping the end mark), skipping short ones. */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^。！？\n]+[。！？]/g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 12);
}

/**
 * Plants errors into the given clean sentences: each planter walks the
 * sentences and plants at most `perPlanter` cases, at varying positions.
 */
export function plantIntoSentences(sentences: string[], perPlanter: number): Array<PlantedCase & { planter: string; start: number; length: number }> {
  const out: Array<PlantedCase & { planter: string; start: number; length: number }> = [];
  for (const planter of PLANTERS) {
    let count = 0;
    for (let i = 0; i < sentences.length && count < perPlanter; i++) {
      const planted = planter.plant(sentences[i]!, i);
      if (!planted || planted.start < 0) continue;
      out.push({ kind: planter.kind, planter: planter.name, text: planted.text, wrong: planted.text.slice(planted.start, planted.start + planted.length), start: planted.start, length: planted.length });
      count++;
    }
  }
  return out;
}

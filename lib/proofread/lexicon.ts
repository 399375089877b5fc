/**
 * Standard formulations and curated typos compiled into two automata:
 *
 * - `raw` holds the correct forms, their generated near-misses (similar-shape
 *   character, one character missing or doubled, enumeration out of order),
 *   listed wrong forms and the typo list, and is run over the text itself;
 * - `sound` holds the correct forms with every character replaced by the
 *   first character of its homophone group, and is run over the text mapped
 *   the same way: a match whose characters differ from the correct form is a
 *   same-pinyin slip, however many characters slipped, without enumerating
 *   the tens of thousands of homophone variants.
 *
 * Both are linear in the text. Building them takes a few milliseconds and is
 * done once per checker.
 */
import { AhoCorasick } from "./aho-corasick";
import type { Formulation } from "./data/formulations";
import { HOMOPHONE_GROUPS } from "./data/homophones.generated";
import { SHAPE_GROUPS } from "./data/shapes";
import type { ContextTypo, TypoEntry } from "./data/typos";
import type { RawFinding } from "./types";

type VariantType = "shape" | "missing" | "extra" | "order" | "wrong";

type RawEntry =
  | { type: "correct" }
  | { type: "variant"; variant: VariantType; right: string; note?: string; source: string }
  | { type: "typo"; right: string; note?: string; source: string; style: boolean; strong: boolean };

interface SoundEntry {
  right: string;
  note?: string;
  source: string;
}

let soundTable: Uint16Array | undefined;

/**
 * The syllable as a pinyin IME user may confuse it: zh/z, ch/c, sh/s and
 * -ng/-n are the common 模糊音 (复兴 typed as 复心).
 */
function fuzzySyllable(pinyin: string): string {
  return pinyin.replace(/^([zcs])h/, "$1").replace(/ng$/, "n");
}

/**
 * Code unit → code of the first character of its (fuzzy) homophone group;
 * other code units map to themselves. A flat table (128 kB) so that mapping
 * the text costs one array read per character and no string is built.
 */
function getSoundTable(): Uint16Array {
  if (soundTable) return soundTable;
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < table.length; code++) table[code] = code;
  const heads = new Map<string, number>();
  for (const line of HOMOPHONE_GROUPS.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = fuzzySyllable(line.slice(0, colon));
    const chars = line.slice(colon + 1);
    let head = heads.get(key);
    if (head === undefined) {
      head = chars.charCodeAt(0);
      heads.set(key, head);
    }
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = head;
  }
  soundTable = table;
  return table;
}

/** A formulation in sound codes (formulations are short; the text itself is mapped while searching). */
function toSound(text: string): string {
  const table = getSoundTable();
  let out = "";
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(table[text.charCodeAt(i)]!);
  return out;
}

let shapeMates: Map<string, string[]> | undefined;

function getShapeMates(): Map<string, string[]> {
  if (shapeMates) return shapeMates;
  shapeMates = new Map();
  for (const group of SHAPE_GROUPS) {
    for (const char of group) {
      const mates = shapeMates.get(char) ?? [];
      for (const other of group) if (other !== char && !mates.includes(other)) mates.push(other);
      shapeMates.set(char, mates);
    }
  }
  return shapeMates;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  const out: T[][] = [];
  items.forEach((item, index) => {
    for (const rest of permutations([...items.slice(0, index), ...items.slice(index + 1)])) out.push([item, ...rest]);
  });
  return out;
}

const SEPARATORS = new Set("、，,；");

/** Generated variants that are legitimate phrases in their own right. */
const LEGITIMATE = new Set(["中国现代化", "新时代党的建设要求", "党的领导", "社会主义现代化国家"]);

/** Near-miss spellings of one formulation (not yet filtered against correct forms). */
function variantsOf(f: Formulation): Array<{ text: string; variant: VariantType }> {
  const out: Array<{ text: string; variant: VariantType }> = [];
  const text = f.text;
  const mates = getShapeMates();
  for (let i = 0; i < text.length; i++) {
    for (const mate of mates.get(text[i]!) ?? []) out.push({ text: text.slice(0, i) + mate + text.slice(i + 1), variant: "shape" });
  }
  // Interior positions only: dropping or doubling the first or last character
  // makes a string that legitimately occurs next to other words (提高高质量发展).
  // Dropping a character from a shorter form often leaves a real phrase (基层党组织 → 基层组织);
  // a long form cut short at either end (…社会主义思) is no phrase at all.
  if (text.length >= 6) {
    const edge = text.length >= 8 ? 0 : 1;
    for (let i = edge; i < text.length - edge; i++) {
      if (SEPARATORS.has(text[i]!)) continue;
      out.push({ text: text.slice(0, i) + text.slice(i + 1), variant: "missing" });
    }
  }
  for (let i = 1; i < text.length - 1; i++) {
    if (SEPARATORS.has(text[i]!)) continue;
    out.push({ text: text.slice(0, i + 1) + text.slice(i), variant: "extra" });
  }
  if (f.items && f.items.length > 1 && f.items.length <= 5) {
    // Short enumerations are also written with commas or run together (牢记使命，不忘初心).
    const separator = f.separator ?? "、";
    const separators = f.items.length <= 4 ? [...new Set([separator, "、", "，"])] : [separator];
    for (const order of permutations(f.items)) {
      if (order.every((item, i) => item === f.items![i])) continue;
      for (const joiner of separators) out.push({ text: order.join(joiner), variant: "order" });
    }
  }
  for (const wrong of f.wrong ?? []) out.push({ text: wrong, variant: "wrong" });
  return out;
}

function correctFormsOf(f: Formulation): string[] {
  const forms = [f.text, ...(f.accepted ?? [])];
  if (f.items) for (const separator of ["、", "，", ""]) forms.push(f.items.join(separator));
  return forms;
}

const VARIANT_MESSAGE: Record<VariantType, (found: string, right: string) => string> = {
  shape: (found, right) => `“${found}”疑有形近字之误，规范表述为“${right}”`,
  missing: (found, right) => `“${found}”疑似漏字，规范表述为“${right}”`,
  extra: (found, right) => `“${found}”疑似多字，规范表述为“${right}”`,
  order: (found, right) => `“${found}”并列顺序有误，规范顺序为“${right}”`,
  wrong: (found, right) => `“${found}”表述不规范，应为“${right}”`,
};

/**
 * Depth of “” quotes before each offset, restarting at every line; built once
 * per text and only when a rule asks, so the cost stays linear.
 */
function quoteDepths(text: string): Int16Array {
  const depths = new Int16Array(text.length + 1);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    depths[i] = depth;
    const char = text.charCodeAt(i);
    if (char === 0x0a) depth = 0;
    else if (char === 0x201c) depth++;
    else if (char === 0x201d && depth > 0) depth--;
  }
  depths[text.length] = depth;
  return depths;
}

export interface LexiconInput {
  formulations: Formulation[];
  typos: TypoEntry[];
  contextTypos: ContextTypo[];
}

export interface Lexicon {
  check(text: string): RawFinding[];
  /** Patterns in the two automata, for the benchmark's notes. */
  size: { raw: number; sound: number };
}

export function compileLexicon(input: LexiconInput): Lexicon {
  const raw = new AhoCorasick();
  const rawEntries: RawEntry[] = [];
  const rawIndex = new Map<string, number>();
  const addRaw = (pattern: string, entry: RawEntry) => {
    if (pattern.length < 2 || rawIndex.has(pattern)) return;
    rawIndex.set(pattern, raw.add(pattern));
    rawEntries.push(entry);
  };

  const correct = new Set<string>();
  for (const f of input.formulations) for (const form of correctFormsOf(f)) correct.add(form);
  for (const form of correct) addRaw(form, { type: "correct" });

  // Typos before generated variants: a listed typo carries its own note.
  for (const t of input.typos) {
    if (correct.has(t.wrong)) continue;
    addRaw(t.wrong, { type: "typo", right: t.right, ...(t.note ? { note: t.note } : {}), source: t.source ?? "常见错别字表", style: t.kind === "style", strong: !!t.strong });
  }

  // A variant may occur inside a correct form (a long form cut short at its end is its
  // prefix); check() drops variant matches that lie inside a correct match in the text.
  for (const f of input.formulations) {
    for (const { text, variant } of variantsOf(f)) {
      if (correct.has(text) || LEGITIMATE.has(text)) continue;
      addRaw(text, { type: "variant", variant, right: f.text, ...(f.note ? { note: f.note } : {}), source: f.source ?? "规范表述库" });
    }
  }
  raw.build();

  const sound = new AhoCorasick();
  const soundEntries: SoundEntry[] = [];
  const soundIndex = new Set<string>();
  for (const f of input.formulations) {
    if (f.text.length < 4) continue;
    const key = toSound(f.text);
    if (soundIndex.has(key)) continue;
    soundIndex.add(key);
    sound.add(key);
    soundEntries.push({ right: f.text, ...(f.note ? { note: f.note } : {}), source: f.source ?? "规范表述库" });
  }
  sound.build();

  function check(text: string): RawFinding[] {
    const correctSpans: Array<[number, number]> = [];
    const candidates: RawFinding[] = [];
    const rawMatches = raw.search(text);
    for (const m of rawMatches) if (rawEntries[m.pattern]!.type === "correct") correctSpans.push([m.start, m.end]);
    const insideCorrect = (start: number, end: number) => correctSpans.some(([s, e]) => s <= start && end <= e && !(s === start && e === end));

    for (const m of rawMatches) {
      const entry = rawEntries[m.pattern]!;
      if (entry.type === "correct" || insideCorrect(m.start, m.end)) continue;
      const found = text.slice(m.start, m.end);
      if (entry.type === "typo") {
        const message = entry.note
          ? `“${found}”宜为“${entry.right}”。${entry.note}`
          : entry.style
            ? `“${found}”宜为“${entry.right}”`
            : `“${found}”是常见错别字，应为“${entry.right}”`;
        candidates.push({
          rule: entry.style ? (entry.strong ? "style.discouraged-strong" : "style.discouraged") : "typo.listed",
          offset: m.start,
          length: found.length,
          text: found,
          message,
          suggestion: entry.right,
          source: entry.source,
        });
      } else {
        const message = VARIANT_MESSAGE[entry.variant](found, entry.right) + (entry.note ? `（${entry.note}）` : "");
        candidates.push({ rule: `formulation.${entry.variant}`, offset: m.start, length: found.length, text: found, message, suggestion: entry.right, source: entry.source });
      }
    }

    for (const m of sound.search(text, getSoundTable())) {
      const entry = soundEntries[m.pattern]!;
      const found = text.slice(m.start, m.end);
      if (found === entry.right || correct.has(found) || insideCorrect(m.start, m.end)) continue;
      const message = `“${found}”疑有同音字之误，规范表述为“${entry.right}”` + (entry.note ? `（${entry.note}）` : "");
      candidates.push({ rule: "formulation.homophone", offset: m.start, length: found.length, text: found, message, suggestion: entry.right, source: entry.source });
    }

    let depths: Int16Array | undefined;
    for (const ct of input.contextTypos) {
      for (const m of text.matchAll(ct.re)) {
        const groupIndex = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 0;
        const found = m[groupIndex]!;
        const offset = groupIndex === 0 ? m.index : m.index + m[0].indexOf(found);
        if (insideCorrect(offset, offset + found.length)) continue;
        if (ct.outsideQuotes && (depths ??= quoteDepths(text))[offset]! > 0) continue;
        candidates.push({
          rule: ct.kind === "style" ? "style.discouraged" : "typo.context",
          offset,
          length: found.length,
          text: found,
          message: `“${found}”：${ct.note}`,
          suggestion: ct.right.replace("$1", found),
          source: ct.source,
        });
      }
    }
    return candidates;
  }

  return { check, size: { raw: rawEntries.length, sound: soundEntries.length } };
}

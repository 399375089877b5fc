// Proofreading benchmark: recall on planted errors, false alarms on clean text, speed.
//
//   npm run bench -- proofread
//
// Needs no database and no site. The corpus lives in lib/proofread/corpus: hand-planted real
// sentences (planted.ts), errors planted mechanically into clean sentences of the five sample
// reports (plant.ts), and the samples themselves as clean text (clean.ts), with the findings
// that are right there listed in known.ts. Figures are printed, never asserted.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { JSONContent } from "@tiptap/core";
import { countChineseCharacters } from "../../lib/content/char-count";
import { checkReport, createChecker, type Finding, type ReportFinding } from "../../lib/proofread/index";
import { cleanReportFromText } from "../../lib/proofread/corpus/clean";
import { isKnown } from "../../lib/proofread/corpus/known";
import { PLANTED } from "../../lib/proofread/corpus/planted";
import { plantIntoSentences, sentencesOf } from "../../lib/proofread/corpus/plant";
import { documentText } from "../../lib/proofread/document";
import { HOMOPHONE_GROUPS } from "../../lib/proofread/data/homophones.generated";

const SAMPLES_DIR = path.resolve(import.meta.dirname, "../../prisma/seed-data/samples");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function overlaps(f: Finding, start: number, length: number): boolean {
  return f.offset < start + Math.max(length, 1) && start < f.offset + Math.max(f.length, 1);
}

function fieldChars(fields: Record<string, unknown>): number {
  return Object.values(fields).reduce<number>((n, v) => n + (typeof v === "string" ? v.length : 0), 0);
}

export async function benchProofread(): Promise<void> {
  const checker = createChecker();
  const files = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".txt")).sort();
  const raws = files.map((file) => ({ file, raw: fs.readFileSync(path.join(SAMPLES_DIR, file), "utf8") }));

  // --- clean text: false alarms ------------------------------------------------------------
  console.log("\n[proofread] clean text: the five sample reports, imported as the product imports them");
  let cleanChars = 0;
  let falseAlarms = 0;
  let falseHints = 0;
  let expectedErrors = 0;
  let knownOther = 0;
  const bodies: string[] = [];
  const cleanSentences: string[] = [];
  for (const { file, raw } of raws) {
    const { report, restored } = cleanReportFromText(raw);
    const body = documentText(report.content ?? { type: "doc" }).text;
    bodies.push(body);
    const chars = body.length + fieldChars(report.fields);
    cleanChars += chars;
    const findings = checker.checkReport(report);
    const unexpected: ReportFinding[] = [];
    let placeholders = 0;
    let known = 0;
    for (const f of findings) {
      const k = isKnown(file, f.rule, f.text);
      if (k && f.rule === "placeholder.mark") placeholders++;
      else if (k) known++;
      else unexpected.push(f);
    }
    expectedErrors += placeholders;
    knownOther += known;
    const alarms = unexpected.filter((f) => f.severity !== "hint");
    falseAlarms += alarms.length;
    falseHints += unexpected.length - alarms.length;
    console.log(
      `  ${file.padEnd(32)} ${String(chars).padStart(6)} chars${restored ? " (half-width marks restored)" : ""}: ` +
        `${placeholders} redaction errors (expected), ${known} other true findings, ${alarms.length} false alarms, ${unexpected.length - alarms.length} false hints`,
    );
    for (const f of unexpected) console.log(`      false ${f.severity} ${f.rule} ${JSON.stringify(f.text)} → ${f.suggestion ?? ""}`);
    // Sentences with no finding at all are where errors get planted.
    for (const sentence of sentencesOf(body)) if (checker.checkText(sentence).length === 0) cleanSentences.push(sentence);
  }
  console.log(
    `  total ${cleanChars} chars: ${falseAlarms} false alarms (errors+warnings) = ${((falseAlarms / cleanChars) * 10000).toFixed(2)} per 10,000 chars; ` +
      `${falseHints} false hints = ${((falseHints / cleanChars) * 10000).toFixed(2)} per 10,000; ${expectedErrors} redaction placeholders reported as errors; ${knownOther} other true findings`,
  );

  console.log("\n[proofread] raw sample files as `npm run proofread` sees them (no import, column breaks not joined)");
  for (const { file, raw } of raws) {
    const counts = new Map<string, number>();
    for (const f of checker.checkText(raw)) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    console.log(`  ${file.padEnd(32)} ${[...counts].map(([r, n]) => `${r}×${n}`).join(", ")}`);
  }

  // --- planted errors: recall per kind -------------------------------------------------------
  const mechanical = plantIntoSentences(cleanSentences, 12);
  const cases = [
    ...PLANTED.map((c) => ({ ...c, origin: "hand", start: c.text.indexOf(c.wrong), length: c.wrong.length })),
    ...mechanical.map((c) => ({ ...c, origin: `planted: ${c.planter}` })),
  ];
  const perKind = new Map<string, { total: number; found: number; misses: string[] }>();
  for (const c of cases) {
    if (c.start < 0) throw new Error(`planted text not found: ${c.wrong} in ${c.text}`);
    const hit = checker.checkText(c.text).some((f) => overlaps(f, c.start, c.length));
    const entry = perKind.get(c.kind) ?? { total: 0, found: 0, misses: [] };
    entry.total++;
    if (hit) entry.found++;
    else entry.misses.push(`${c.origin}: ${c.wrong} in ${c.text}`);
    perKind.set(c.kind, entry);
  }

  // Structure: documents built from sample paragraphs with one structural defect each.
  const paragraphs = sentencesOf(bodies.join("\n")).slice(0, 40);
  const p = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
  const fields = { title: "市直机关党建五年工作综述", source: "", originalTitle: "" };
  const structureCases: Array<{ name: string; fields: Record<string, string>; content: JSONContent; rule: string }> = [];
  for (let i = 0; i < 5; i++) {
    const [a, b, cc] = [paragraphs[i * 3]!, paragraphs[i * 3 + 1]!, paragraphs[i * 3 + 2]!];
    structureCases.push(
      { name: "empty paragraph", fields, rule: "structure.empty-paragraph", content: { type: "doc", content: [p(a), { type: "paragraph" }, p(b)] } },
      {
        name: "empty table row",
        fields,
        rule: "structure.empty-table-row",
        content: {
          type: "doc",
          content: [
            p(a),
            {
              type: "table",
              content: [
                { type: "tableRow", content: [{ type: "tableCell", content: [p("单位")] }, { type: "tableCell", content: [p(b.slice(0, 10))] }] },
                { type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph" }] }, { type: "tableCell", content: [{ type: "paragraph" }] }] },
              ],
            },
          ],
        },
      },
      { name: "figure without image", fields, rule: "structure.figure-no-image", content: { type: "doc", content: [p(a), { type: "figure", attrs: { src: "", alt: "现场", caption: cc.slice(0, 20) } }] } },
      { name: "figure without alt", fields, rule: "structure.figure-no-alt", content: { type: "doc", content: [p(a), { type: "figure", attrs: { src: "/media/x.jpg", alt: null, caption: cc.slice(0, 20) } }] } },
      {
        name: "skipped heading level",
        fields,
        rule: "structure.heading-skip",
        content: { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: b.slice(0, 8) }] }, { type: "heading", attrs: { level: 4 }, content: [{ type: "text", text: cc.slice(0, 8) }] }, p(a)] },
      },
      { name: "reprint without source", fields: { ...fields, originalTitle: b.slice(0, 14) }, rule: "structure.reprint-no-source", content: { type: "doc", content: [p(a)] } },
      { name: "title over length", fields: { ...fields, title: (a + b).slice(0, 48) }, rule: "structure.title-length", content: { type: "doc", content: [p(cc)] } },
    );
  }
  const structure = { total: 0, found: 0, misses: [] as string[] };
  for (const sc of structureCases) {
    structure.total++;
    if (checker.checkReport({ fields: sc.fields, content: sc.content }).some((f) => f.rule === sc.rule)) structure.found++;
    else structure.misses.push(sc.name);
  }
  perKind.set("structure", structure);

  console.log(`\n[proofread] recall on planted errors (${cases.length} sentences: ${PLANTED.length} hand-planted, ${mechanical.length} planted into clean sample sentences; ${structureCases.length} structure documents)`);
  let allTotal = 0;
  let allFound = 0;
  for (const [kind, { total, found, misses }] of [...perKind].sort()) {
    allTotal += total;
    allFound += found;
    console.log(`  ${kind.padEnd(12)} ${String(found).padStart(3)}/${String(total).padEnd(3)} ${((found / total) * 100).toFixed(1)}%`);
    for (const miss of misses.slice(0, 8)) console.log(`      missed ${miss}`);
  }
  console.log(`  ${"all".padEnd(12)} ${String(allFound).padStart(3)}/${String(allTotal).padEnd(3)} ${((allFound / allTotal) * 100).toFixed(1)}%`);

  // Outside the lists: one character of a clean sentence replaced by another of the same
  // pinyin, anywhere. The checker only knows the slips its lists and formulations describe,
  // so this shows how much of free-text slips it does not see.
  const groupOf = new Map<string, string>();
  for (const line of HOMOPHONE_GROUPS.split("\n")) {
    const chars = line.slice(line.indexOf(":") + 1);
    if (chars.length > 1) for (const ch of chars) groupOf.set(ch, chars);
  }
  let freeTotal = 0;
  let freeFound = 0;
  cleanSentences.slice(0, 200).forEach((sentence, index) => {
    const positions = [...sentence].map((ch, i) => (groupOf.has(ch) ? i : -1)).filter((i) => i >= 0);
    if (positions.length === 0) return;
    const at = positions[(index * 7) % positions.length]!;
    const group = groupOf.get(sentence[at]!)!;
    const replacement = [...group].find((ch, i) => ch !== sentence[at] && i >= (index % group.length)) ?? [...group].find((ch) => ch !== sentence[at])!;
    const text = sentence.slice(0, at) + replacement + sentence.slice(at + 1);
    freeTotal++;
    if (checker.checkText(text).some((f) => overlaps(f, at, 1))) freeFound++;
  });
  console.log(`  outside the lists: a same-pinyin slip of one character anywhere in a clean sentence: ${freeFound}/${freeTotal} found (${((freeFound / freeTotal) * 100).toFixed(1)}%)`);

  // --- speed ---------------------------------------------------------------------------------
  let long = "";
  for (let i = 0; countChineseCharacters(long) < 20000; i++) long += (long ? "\n" : "") + bodies[i % bodies.length];
  const longDoc: JSONContent = { type: "doc", content: long.split("\n").map((line) => p(line)) };
  const coldStart = performance.now();
  const fresh = createChecker();
  fresh.checkText("预热。");
  const compileMs = performance.now() - coldStart;
  const textTimes: number[] = [];
  const reportTimes: number[] = [];
  for (let i = 0; i < 5; i++) fresh.checkText(long);
  for (let i = 0; i < 50; i++) {
    let t = performance.now();
    fresh.checkText(long);
    textTimes.push(performance.now() - t);
    t = performance.now();
    checkReport({ fields, content: longDoc });
    reportTimes.push(performance.now() - t);
  }
  console.log(
    `\n[proofread] speed: ${countChineseCharacters(long)} 字 (${long.length} chars); building the automata ${compileMs.toFixed(1)} ms once per checker\n` +
      `  checkText   p50 ${percentile(textTimes, 50).toFixed(1)} ms  p95 ${percentile(textTimes, 95).toFixed(1)} ms  (50 runs)\n` +
      `  checkReport p50 ${percentile(reportTimes, 50).toFixed(1)} ms  p95 ${percentile(reportTimes, 95).toFixed(1)} ms  (50 runs, ${longDoc.content!.length} paragraphs)`,
  );
}

/**
 * Proofreading checker for reports: a pure function from a report (fields and
 * Tiptap content) to findings. No database, no server-only code: the same
 * module is meant to run in a browser worker.
 *
 *   const findings = checkReport({ fields, content });
 *   const lines = checkText(plainText);
 *   const checker = createChecker({ extraFormulations, extraTypos }); // admin additions
 */
import type { JSONContent } from "@tiptap/core";
import { findProtectedSpans } from "./chars";
import { FORMULATIONS, type Formulation } from "./data/formulations";
import { CONTEXT_TYPOS, TYPOS, type TypoEntry } from "./data/typos";
import { documentText, locateInDocument, nodeRange, toProseMirrorPosition } from "./document";
import { compileLexicon, type Lexicon } from "./lexicon";
import { kindOf, severityOf } from "./policy";
import { numberRule } from "./rules/numbers";
import { placeholderRule } from "./rules/placeholder";
import { punctuationRule } from "./rules/punctuation";
import { repeatRule } from "./rules/repeat";
import { structureRule, type ReportFieldsLike } from "./rules/structure";
import type { Finding, RawFinding, RuleContext, TextRule } from "./types";

export type { Finding, RuleKind, Severity } from "./types";
export type { Formulation } from "./data/formulations";
export type { TypoEntry } from "./data/typos";
export { nodeRange, toProseMirrorPosition } from "./document";

export interface ReportInput {
  fields: ReportFieldsLike;
  content?: JSONContent | null;
}

export interface ReportFinding extends Finding {
  /** "body", or the name of the field the finding is in (title, summary…). */
  field: string;
  /** For body findings: the block holding the text and the offset inside its text. */
  block?: { path: number[]; type: string; offset: number };
}

export interface CheckerOptions {
  extraFormulations?: Formulation[];
  extraTypos?: TypoEntry[];
  /** Title length (characters) above which the title is reported; default 40. */
  maxTitleLength?: number;
}

export interface Checker {
  checkText(text: string): Finding[];
  checkReport(report: ReportInput): ReportFinding[];
  /** ProseMirror position of a body finding (start), or undefined when it has no block. */
  positionOf(report: ReportInput, finding: ReportFinding): number | undefined;
  /**
   * ProseMirror range of a body finding, for a decoration or a replacement. A finding in a
   * figure caption (an attribute) or a structural one covers the whole node.
   */
  rangeOf(report: ReportInput, finding: ReportFinding): { from: number; to: number } | undefined;
}

/** Fields whose text is proofread like the body. */
const TEXT_FIELDS = ["kicker", "title", "subtitle", "originalTitle", "summary", "byline", "source", "column", "correctionNote"];

const LEXICAL = new Set(["typo", "formulation", "style"]);

const RULE_ORDER: Record<string, number> = { placeholder: 0, typo: 1, formulation: 2, style: 3, number: 4, repeat: 5, punctuation: 6, structure: 7 };

function contextFor(text: string): RuleContext {
  const spans = findProtectedSpans(text);
  return { protectedSpans: spans, isProtected: (offset) => spans.some(([start, end]) => offset >= start && offset < end) };
}

/**
 * Several rules may flag the same characters (a listed typo is also a
 * same-pinyin near-miss); the author should see it once. Findings of the
 * lexicon kinds that overlap keep the first in rule order, then the longest.
 */
function dedupe(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.offset - b.offset || (RULE_ORDER[a.kind] ?? 9) - (RULE_ORDER[b.kind] ?? 9) || b.length - a.length);
  const kept: Finding[] = [];
  /** Lexicon findings kept so far whose span may still overlap later ones (sorted by offset). */
  const lexicalOpen: Finding[] = [];
  let sameOffset: Finding[] = [];
  for (const finding of findings) {
    if (sameOffset.length > 0 && sameOffset[0]!.offset !== finding.offset) sameOffset = [];
    if (sameOffset.some((other) => other.rule === finding.rule && other.length === finding.length)) continue;
    sameOffset.push(finding);
    if (LEXICAL.has(finding.kind)) {
      while (lexicalOpen.length > 0 && lexicalOpen[0]!.offset + lexicalOpen[0]!.length <= finding.offset) lexicalOpen.shift();
      const clash = lexicalOpen.find((other) => finding.offset < other.offset + other.length);
      if (clash) {
        if (finding.length > clash.length && (RULE_ORDER[finding.kind] ?? 9) <= (RULE_ORDER[clash.kind] ?? 9)) {
          kept.splice(kept.indexOf(clash), 1, finding);
          lexicalOpen.splice(lexicalOpen.indexOf(clash), 1, finding);
        }
        continue;
      }
      lexicalOpen.push(finding);
    }
    kept.push(finding);
  }
  return kept.sort((a, b) => a.offset - b.offset || a.length - b.length);
}

const policyCache = new Map<string, Pick<Finding, "kind" | "severity">>();

function withPolicy(raw: RawFinding): Finding {
  let policy = policyCache.get(raw.rule);
  if (!policy) {
    policy = { kind: kindOf(raw.rule), severity: severityOf(raw.rule) };
    policyCache.set(raw.rule, policy);
  }
  const finding = raw as Finding;
  finding.kind = policy.kind;
  finding.severity = policy.severity;
  return finding;
}

export function createChecker(options: CheckerOptions = {}): Checker {
  let lexicon: Lexicon | undefined;
  const getLexicon = () =>
    (lexicon ??= compileLexicon({
      formulations: [...FORMULATIONS, ...(options.extraFormulations ?? [])],
      typos: [...TYPOS, ...(options.extraTypos ?? [])],
      contextTypos: CONTEXT_TYPOS,
    }));
  const maxTitleLength = options.maxTitleLength ?? 40;

  const rules: TextRule[] = [placeholderRule, punctuationRule, numberRule, repeatRule, (text) => getLexicon().check(text)];

  function checkText(text: string): Finding[] {
    const context = contextFor(text);
    const findings: Finding[] = [];
    for (const rule of rules) for (const raw of rule(text, context)) findings.push(withPolicy(raw));
    return dedupe(findings);
  }

  function checkReport(report: ReportInput): ReportFinding[] {
    const out: ReportFinding[] = [];
    for (const field of TEXT_FIELDS) {
      const value = report.fields[field];
      if (typeof value !== "string" || value.trim() === "") continue;
      for (const finding of checkText(value)) out.push({ ...finding, field });
    }
    const body = report.content ? documentText(report.content) : { text: "", segments: [] };
    for (const finding of checkText(body.text)) {
      const block = locateInDocument(body.segments, finding.offset);
      out.push({ ...finding, field: "body", ...(block ? { block } : {}) });
    }
    for (const structural of structureRule(report.fields, report.content ?? undefined, body.text, { maxTitleLength })) {
      const { field, path, nodeType, ...raw } = structural;
      const finding: ReportFinding = { ...withPolicy(raw), field };
      if (path) {
        finding.block = { path, type: nodeType ?? "block", offset: 0 };
        const segment = body.segments.find((s) => s.path.join() === path.join());
        if (segment) finding.offset = segment.start;
      }
      out.push(finding);
    }
    return out;
  }

  function positionOf(report: ReportInput, finding: ReportFinding): number | undefined {
    if (!finding.block || !report.content) return undefined;
    return toProseMirrorPosition(report.content, finding.block.path, finding.block.offset);
  }

  function rangeOf(report: ReportInput, finding: ReportFinding): { from: number; to: number } | undefined {
    if (!finding.block || !report.content) return undefined;
    if (finding.kind !== "structure" && finding.block.type !== "figure") {
      const from = toProseMirrorPosition(report.content, finding.block.path, finding.block.offset);
      return { from, to: from + finding.length };
    }
    return nodeRange(report.content, finding.block.path);
  }

  return { checkText, checkReport, positionOf, rangeOf };
}

let defaultChecker: Checker | undefined;

function getDefault(): Checker {
  return (defaultChecker ??= createChecker());
}

/** Findings in plain text (the CLI, the benchmark, an archive run). */
export function checkText(text: string): Finding[] {
  return getDefault().checkText(text);
}

/** Findings in a report: its text fields, its body, and its structure. */
export function checkReport(report: ReportInput): ReportFinding[] {
  return getDefault().checkReport(report);
}

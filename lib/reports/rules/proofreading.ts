// Proofreading in the workflow (the checker itself is lib/proofread): errors block approval,
// warnings must be acknowledged with a reason, hints are advice. Pure: the editor, the submit
// checklist, the reviewer's panel and the approval gate all use these same functions.
import { checkReport, createChecker, type Checker, type Formulation, type ReportFinding, type TypoEntry } from "@/lib/proofread";
import type { TiptapDoc } from "@/lib/content/validate";
import { format, messages } from "@/lib/i18n";
import { fieldLabel, REPORT_FIELD_NAMES, type ReportFieldName } from "./fields";

export type { ReportFinding } from "@/lib/proofread";

export interface ProofreadInput {
  fields: Partial<Record<ReportFieldName, string>>;
  content: TiptapDoc | null;
}

/** What a reviewer acknowledges: the warnings (by key) and why they may stand. */
export interface Acknowledgement {
  keys: string[];
  reason: string;
}

/** What a site admin added to the shipped lists (lib/proofread/data), as the checker takes it. */
export interface ProofreadingExtras {
  extraFormulations: Formulation[];
  extraTypos: TypoEntry[];
}

/** Building a checker compiles its matchers (tens of ms): keep one per distinct set of additions. */
const checkers = new Map<string, Checker>();

function checkerFor(extras: ProofreadingExtras | undefined): Checker | null {
  if (!extras || (extras.extraFormulations.length === 0 && extras.extraTypos.length === 0)) return null;
  const key = JSON.stringify(extras);
  let checker = checkers.get(key);
  if (!checker) {
    if (checkers.size >= 8) checkers.clear();
    checker = createChecker(extras);
    checkers.set(key, checker);
  }
  return checker;
}

export function proofread(report: ProofreadInput, extras?: ProofreadingExtras): ReportFinding[] {
  const input = { fields: report.fields, content: report.content };
  return checkerFor(extras)?.checkReport(input) ?? checkReport(input);
}

/** A site admin's term as the checker's data. */
export function extrasOf(
  terms: readonly { kind: "FORMULATION" | "TYPO" | "STYLE"; correct: string; wrong: string[]; items: string[]; note: string }[],
): ProofreadingExtras {
  const source = messages.proofreading.siteListSource;
  const extras: ProofreadingExtras = { extraFormulations: [], extraTypos: [] };
  for (const term of terms) {
    if (term.kind === "FORMULATION") {
      extras.extraFormulations.push({
        text: term.correct,
        ...(term.items.length > 1 ? { items: term.items } : {}),
        ...(term.wrong.length > 0 ? { wrong: term.wrong } : {}),
        ...(term.note ? { note: term.note } : {}),
        source,
      });
    } else {
      for (const wrong of term.wrong) {
        extras.extraTypos.push({ wrong, right: term.correct, kind: term.kind === "STYLE" ? "style" : "typo", ...(term.note ? { note: term.note } : {}), source });
      }
    }
  }
  return extras;
}

/** Identifies a finding within one version of a report (the approval names the version). */
export function findingKey(finding: Pick<ReportFinding, "field" | "rule" | "offset" | "text">): string {
  return `${finding.field}:${finding.rule}:${finding.offset}:${finding.text}`;
}

/** Where a finding is, in words: 标题, 正文, … */
export function findingPlace(finding: Pick<ReportFinding, "field">): string {
  if (finding.field === "body") return messages.proofreading.body;
  return (REPORT_FIELD_NAMES as string[]).includes(finding.field) ? fieldLabel(finding.field as ReportFieldName) : finding.field;
}

function describe(findings: ReportFinding[], limit = 3): string {
  const shown = findings.slice(0, limit).map((f) => `${findingPlace(f)}「${f.text || "…"}」：${f.message}`);
  return shown.join("；") + (findings.length > limit ? format(messages.proofreading.andMore, { count: findings.length - limit }) : "");
}

/** Why the report cannot be approved as it stands, or null. */
export function approvalRefusal(findings: ReportFinding[], acknowledgement: Acknowledgement | undefined): string | null {
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) return format(messages.proofreading.errorsBlock, { count: errors.length, list: describe(errors) });
  const warnings = unacknowledged(findings, acknowledgement);
  if (warnings.length > 0) return format(messages.proofreading.warningsNeedAck, { count: warnings.length, list: describe(warnings) });
  if (findings.some((f) => f.severity === "warning") && !acknowledgement?.reason.trim()) return messages.proofreading.reasonRequired;
  return null;
}

export function unacknowledged(findings: ReportFinding[], acknowledgement: Acknowledgement | undefined): ReportFinding[] {
  const keys = new Set(acknowledgement?.keys ?? []);
  return findings.filter((f) => f.severity === "warning" && !keys.has(findingKey(f)));
}

/** The acknowledgement as the history shows it: who is on the event, this is the why and the what. */
export function acknowledgementText(findings: ReportFinding[], acknowledgement: Acknowledgement): string {
  const warnings = findings.filter((f) => f.severity === "warning");
  return format(messages.proofreading.acknowledged, { reason: acknowledgement.reason.trim(), count: warnings.length, list: describe(warnings, 10) });
}

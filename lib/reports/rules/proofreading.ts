// Proofreading in the workflow (the checker itself is lib/proofread): errors block approval,
// warnings must be acknowledged with a reason, hints are advice. Pure: the editor, the submit
// checklist, the reviewer's panel and the approval gate all use these same functions.
import { checkReport, type ReportFinding } from "@/lib/proofread";
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

export function proofread(report: ProofreadInput): ReportFinding[] {
  return checkReport({ fields: report.fields, content: report.content });
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

// The newspaper fields of a report, declared once. The zod schema (shared by the form and the
// server), the editing form's layout, the Report columns they map to, the revision snapshot and
// the revision comparison are all derived from REPORT_FIELDS; the labels live in the message
// catalogue (messages.studio.fields) under the same names.
import { z } from "zod";
import { messages } from "@/lib/i18n";
import { safeTextRule } from "@/lib/validation/text";

interface FieldSpec {
  /** Longest accepted value, in characters. */
  max?: number;
  /** The message when the field is left empty; absent for optional fields. */
  required?: string;
  /** "column": one of the committee's managed 栏目 (checked on save, lib/reports/rules/columns.ts). */
  input: "text" | "textarea" | "date" | "column";
  hint?: string;
  /** Shown only while a published edition exists (a correction travels with a new edition). */
  onlyWithLiveEdition?: boolean;
}

/** In the order of the editing form and of the revision comparison. */
export const REPORT_FIELDS = {
  kicker: { max: 100, input: "text" },
  title: { max: 200, input: "text", required: "请填写标题" },
  subtitle: { max: 200, input: "text" },
  byline: { max: 200, input: "text", hint: "如：本报记者 冯雪珠" },
  source: { max: 100, input: "text", hint: "如：闽南日报" },
  originalTitle: { max: 200, input: "text" },
  responsibleEditor: { max: 50, input: "text" },
  column: { max: 50, input: "column" },
  /** YYYY-MM-DD or empty; stored as a calendar date. */
  issueDate: { input: "date" },
  summary: { max: 500, input: "textarea" },
  /** 更正说明, shown on the public page when this edition replaces a published one */
  correctionNote: { max: 500, input: "textarea", hint: "重新发布时在正文前公开显示", onlyWithLiveEdition: true },
} as const satisfies Record<string, FieldSpec>;

export type ReportFieldName = keyof typeof REPORT_FIELDS;
export const REPORT_FIELD_NAMES = Object.keys(REPORT_FIELDS) as ReportFieldName[];

export function fieldLabel(name: ReportFieldName): string {
  return messages.studio.fields[name];
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function fieldRule(name: ReportFieldName) {
  const spec: FieldSpec = REPORT_FIELDS[name];
  const label = fieldLabel(name);
  if (spec.input === "date") {
    return z
      .string()
      .trim()
      .refine((value) => value === "" || isCalendarDate(value), { message: "日期格式应为 年-月-日，例如 2022-01-17" })
      .default("");
  }
  let rule = z.string().trim();
  if (spec.max) rule = rule.max(spec.max, { message: `${label}不能超过 ${spec.max} 个字` });
  // A NUL or other control character fails in PostgreSQL; refuse it here, in words.
  const safe = rule.refine(...safeTextRule(label));
  return spec.required ? safe.refine((value) => value.length > 0, { message: spec.required }) : safe.default("");
}

/** The newspaper fields of a report, as edited beside the body. */
export type ReportFields = { [K in ReportFieldName]: string };
export type ReportFieldsInput = Partial<ReportFields> & { title: string };
export const reportFieldsSchema: z.ZodType<ReportFields, ReportFieldsInput> = z.object(
  Object.fromEntries(REPORT_FIELD_NAMES.map((name) => [name, fieldRule(name)])),
) as never;

/** A draft save: the fields, the Tiptap JSON body, and the version the editor loaded. */
export const saveDraftSchema = z.object({
  expectedVersion: z.number().int().positive(),
  fields: reportFieldsSchema,
  content: z.unknown(),
});
export type SaveDraftInput = z.input<typeof saveDraftSchema>;

/** Field errors as the form shows them: field name → first message. */
export type FieldErrors = Partial<Record<ReportFieldName, string>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const name = (issue.path[0] === "fields" ? issue.path[1] : issue.path[0]) as ReportFieldName | undefined;
    if (name && name in REPORT_FIELDS && !result[name]) result[name] = issue.message;
  }
  return result;
}

/** The Report (or Revision) columns behind the fields. */
export type FieldColumns = { [K in ReportFieldName]: K extends "issueDate" ? Date | null : string };

/** Form fields → Report columns (the date becomes a calendar date at UTC midnight). */
export function toReportData(fields: ReportFields): FieldColumns {
  const { issueDate, ...rest } = fields;
  return { ...rest, issueDate: issueDate ? new Date(`${issueDate}T00:00:00Z`) : null };
}

/** Report or Revision columns → form fields. */
export function toReportFields(row: FieldColumns): ReportFields {
  const fields = Object.fromEntries(REPORT_FIELD_NAMES.map((name) => [name, row[name] ?? ""])) as ReportFields;
  fields.issueDate = row.issueDate ? row.issueDate.toISOString().slice(0, 10) : "";
  return fields;
}

/**
 * What a Revision copies from a report besides the fields: everything a reader or reviewer may
 * compare, and what the public page renders from a live edition.
 */
export const SNAPSHOT_EXTRA_COLUMNS = ["tags", "coverImageId", "html", "plainText", "charCount"] as const;
export const SNAPSHOT_COLUMNS = [...REPORT_FIELD_NAMES, ...SNAPSHOT_EXTRA_COLUMNS] as const;

// One zod schema per input, shared by the browser form and the server command (STYLE.md 5).
// Messages are the Chinese a person reads next to the field.
import { z } from "zod";
import { safeTextRule } from "@/lib/validation/text";

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过 ${max} 个字` })
    .refine(...safeTextRule(label));

/** The newspaper fields of a report, as edited beside the body. */
export const reportFieldsSchema = z.object({
  kicker: text(100, "引题").default(""),
  title: text(200, "标题").min(1, { message: "请填写标题" }),
  subtitle: text(200, "副标题").default(""),
  byline: text(200, "作者/记者").default(""),
  source: text(100, "来源").default(""),
  originalTitle: text(200, "原标题").default(""),
  responsibleEditor: text(50, "责任编辑").default(""),
  summary: text(500, "摘要").default(""),
  column: text(50, "栏目").default(""),
  /** 更正说明, shown on the public page when this edition replaces a published one */
  correctionNote: text(500, "更正说明").default(""),
  /** YYYY-MM-DD or empty */
  issueDate: z
    .string()
    .trim()
    .refine((value) => value === "" || isCalendarDate(value), { message: "日期格式应为 年-月-日，例如 2022-01-17" })
    .default(""),
});
export type ReportFields = z.infer<typeof reportFieldsSchema>;
export type ReportFieldsInput = z.input<typeof reportFieldsSchema>;
export type ReportFieldName = keyof ReportFields;

export const REPORT_FIELD_NAMES = Object.keys(reportFieldsSchema.shape) as ReportFieldName[];

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

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
    if (name && REPORT_FIELD_NAMES.includes(name) && !result[name]) result[name] = issue.message;
  }
  return result;
}

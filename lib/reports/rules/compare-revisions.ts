// Comparison of two versions of a report as a person reads it: the newspaper fields that
// differ (in the order of rules/fields.ts), then the body block by block (lib/content/diff.ts).
// Pure: no database, no DOM.
import { diffBodies, diffInline, type BlockChange, type InlinePart } from "@/lib/content/diff";
import type { TiptapDoc } from "@/lib/content/validate";
import { diffMessages } from "@/lib/i18n/diff.zh-CN";
import { fieldLabel, REPORT_FIELD_NAMES, type ReportFieldName } from "./fields";

/** A version of a report as the comparison sees it; issueDate is YYYY-MM-DD or null. */
export type ReportSnapshot = { [K in Exclude<ReportFieldName, "issueDate">]: string } & {
  issueDate: string | null;
  tags: string[];
  content: TiptapDoc;
};

export type SnapshotFieldName = ReportFieldName | "tags";

export interface FieldChange {
  field: SnapshotFieldName;
  /** Chinese: 标题, 引题 … */
  label: string;
  before: string;
  after: string;
  parts: InlinePart[];
}

export interface ReportDiff {
  /** Only the fields that differ, in the order of the form. */
  fields: FieldChange[];
  blocks: BlockChange[];
  /** Counts of blocks; moved blocks count as one deletion and one insertion. */
  stats: { inserted: number; deleted: number; changed: number };
}

/** The fields in the order of the editing form, and the tags, which it lists apart. */
export const SNAPSHOT_FIELD_ORDER: readonly SnapshotFieldName[] = [...REPORT_FIELD_NAMES, "tags"];

function fieldText(snapshot: ReportSnapshot, field: SnapshotFieldName): string {
  const value = snapshot[field];
  if (Array.isArray(value)) return value.join(diffMessages.blockText.tagSeparator);
  return value ?? "";
}

function labelOf(field: SnapshotFieldName): string {
  return field === "tags" ? diffMessages.tagsLabel : fieldLabel(field);
}

function diffFields(before: ReportSnapshot, after: ReportSnapshot): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const field of SNAPSHOT_FIELD_ORDER) {
    const a = fieldText(before, field);
    const b = fieldText(after, field);
    if (a === b) continue;
    fields.push({ field, label: labelOf(field), before: a, after: b, parts: diffInline(a, b) });
  }
  return fields;
}

/** What changed from `before` to `after`: the fields that differ, and the body block by block. */
export function diffReports(before: ReportSnapshot, after: ReportSnapshot): ReportDiff {
  return { fields: diffFields(before, after), ...diffBodies(before.content, after.content) };
}

import type { ReportFields } from "./schemas";

/** Form fields → Report columns (the date becomes a calendar date at UTC midnight). */
export function toReportData(fields: ReportFields) {
  const { issueDate, ...rest } = fields;
  return { ...rest, issueDate: issueDate ? new Date(`${issueDate}T00:00:00Z`) : null };
}

/** Report columns → form fields. */
export function toReportFields(report: {
  kicker: string;
  title: string;
  subtitle: string;
  byline: string;
  source: string;
  originalTitle: string;
  responsibleEditor: string;
  summary: string;
  column: string;
  correctionNote: string;
  issueDate: Date | null;
}): ReportFields {
  return {
    kicker: report.kicker,
    title: report.title,
    subtitle: report.subtitle,
    byline: report.byline,
    source: report.source,
    originalTitle: report.originalTitle,
    responsibleEditor: report.responsibleEditor,
    summary: report.summary,
    column: report.column,
    correctionNote: report.correctionNote,
    issueDate: report.issueDate ? report.issueDate.toISOString().slice(0, 10) : "",
  };
}

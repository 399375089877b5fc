// The statistics as CSV (UTF-8 with BOM, for Excel) and as .xlsx (exceljs), the same two tables.
import ExcelJS from "exceljs";
import { CSV_BOM, csvLine } from "@/lib/audit/csv";
import { statsMessages as t } from "@/lib/i18n/stats.zh-CN";
import type { CommitteeMonthRow, EditorRow } from "./query";

const c = t.columns;
const committeeHeader = [c.committee, c.month, c.drafted, c.submitted, c.published, c.sentBack, c.publishedChars, c.decisions, c.median, c.p90];
const editorHeader = [c.committee, c.editor, c.drafted, c.submitted, c.published, c.sentBack, c.publishedChars, c.decisions, c.median, c.p90];

const committeeCells = (r: CommitteeMonthRow) => [r.committeeName, r.month, r.drafted, r.submitted, r.published, r.sentBack, r.publishedChars, r.decisions, r.medianHours, r.p90Hours];
const editorCells = (r: EditorRow) => [r.committeeName, r.authorName, r.drafted, r.submitted, r.published, r.sentBack, r.publishedChars, r.decisions, r.medianHours, r.p90Hours];

export function statsCsv(byCommittee: CommitteeMonthRow[], byEditor: EditorRow[]): string {
  return (
    CSV_BOM +
    csvLine([t.byCommittee]) +
    csvLine(committeeHeader) +
    byCommittee.map((r) => csvLine(committeeCells(r))).join("") +
    "\r\n" +
    csvLine([t.byEditor]) +
    csvLine(editorHeader) +
    byEditor.map((r) => csvLine(editorCells(r))).join("")
  );
}

export async function statsXlsx(byCommittee: CommitteeMonthRow[], byEditor: EditorRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "机关党建工作综述";
  for (const [name, header, rows] of [
    [t.sheetCommittee, committeeHeader, byCommittee.map(committeeCells)],
    [t.sheetEditor, editorHeader, byEditor.map(editorCells)],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...header]).font = { bold: true };
    rows.forEach((cells) => sheet.addRow(cells));
    sheet.columns.forEach((column, i) => (column.width = i < 2 ? 22 : 14));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

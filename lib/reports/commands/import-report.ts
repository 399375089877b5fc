import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { importFile, ImportError, type ImportResult, type StoreImage } from "@/lib/content/import";
import { canCreateReport } from "../rules/permissions";
import { denied, invalid } from "../errors";
import { prepareContent } from "./prepare-content";
import { fieldErrorsOf, fieldLabel, REPORT_FIELDS, reportFieldsSchema, toReportData, type ReportFields } from "../rules/fields";
import { writeRevision } from "./write-revision";
import { importImageStore } from "@/lib/media/commands/import-images";
import { lockCommitteeMedia } from "@/lib/media/lookup";
import type { MediaStore } from "@/lib/media/storage";
import { format } from "@/lib/i18n";
import { mediaMessages } from "@/lib/i18n/media.zh-CN";

const RECOGNISED = ["kicker", "title", "subtitle", "byline", "source", "originalTitle", "responsibleEditor", "issueDate"] as const;

/** Where a report whose title could not be recognised starts; the warning asks for a real one. */
export const UNTITLED = "（导入稿件，请填写标题）";

/**
 * The form fields of an imported report. A recognised value too long for its field goes back
 * to the top of the body instead of being cut, so nothing of the file is lost.
 */
export function importedFields(imported: ImportResult): { fields: ReportFields; content: ImportResult["content"]; warnings: string[] } {
  const warnings = [...imported.warnings];
  const moved: string[] = [];
  const values: Partial<ReportFields> = {};
  for (const name of RECOGNISED) {
    const value = imported[name];
    if (value === undefined || value === "") continue;
    const max = (REPORT_FIELDS[name] as { max?: number }).max;
    if (max !== undefined && [...value].length > max) {
      moved.push(value);
      warnings.push(`识别出的“${fieldLabel(name)}”超过 ${max} 字，已放回正文开头`);
      continue;
    }
    values[name] = value;
  }
  if (!values.title) values.title = UNTITLED;
  const parsed = reportFieldsSchema.safeParse(values);
  if (!parsed.success) throw invalid("识别出的稿件信息不符合要求，请检查", fieldErrorsOf(parsed.error));
  const content = {
    ...imported.content,
    content: [...moved.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })), ...(imported.content.content ?? [])],
  };
  return { fields: parsed.data, content, warnings };
}

/** Reads a file, for a preview: the refusals of the importer become CommandErrors (422). */
export async function readImport(bytes: Uint8Array, options: { fileName?: string; storeImage?: StoreImage } = {}): Promise<ImportResult> {
  try {
    return await importFile(bytes, options);
  } catch (error) {
    if (error instanceof ImportError) throw invalid(error.message);
    throw error;
  }
}

/**
 * Creates a draft from an imported file: the report, its CREATE event and an IMPORT revision
 * (so the history shows the text as it came from the file), in one transaction.
 */
export async function importReport(options: { actor: SessionUser; committeeId: string; imported: ImportResult }): Promise<{ id: string; version: number; fields: ReportFields; warnings: string[] }> {
  const { actor, committeeId } = options;
  if (!canCreateReport(actor, committeeId)) throw denied("NOT_MEMBER", "DRAFT");
  const { fields, content, warnings } = importedFields(options.imported);
  const report = await getDb().$transaction(async (tx) => {
    // The photos the import stored, locked against a deletion from the library meanwhile.
    const media = await lockCommitteeMedia(tx, content, committeeId);
    if (media.foreign.length > 0) throw invalid(format(mediaMessages.errors.notInLibrary, { count: media.foreign.length }));
    const body = prepareContent(content, media.lookup);
    const created = await tx.report.create({
      data: {
        committeeId,
        authorId: actor.id,
        lastEditedById: actor.id,
        editionEditorIds: [actor.id],
        ...toReportData(fields),
        content: body.content as object,
        html: body.html,
        plainText: body.plainText,
        charCount: body.charCount,
      },
      select: { id: true, version: true },
    });
    await tx.workflowEvent.create({ data: { reportId: created.id, actorId: actor.id, action: "CREATE", toStatus: "DRAFT" } });
    await writeRevision(tx, { reportId: created.id, reason: "IMPORT", actorId: actor.id });
    return created;
  });
  return { ...report, fields, warnings };
}

/**
 * Reads a file and creates its draft, the photos of a Word document stored in the committee's
 * media library on the way (each through the checks of an upload; a refused photo leaves its
 * figure waiting, with a warning). The photos get their figure's caption and credit; when the
 * draft cannot be created, the photos this import added are removed again.
 */
export async function importFileAsReport(options: {
  actor: SessionUser;
  committeeId: string;
  bytes: Uint8Array;
  fileName?: string;
  store: MediaStore;
}): Promise<{ id: string; version: number; fields: ReportFields; warnings: string[]; imported: ImportResult }> {
  const { actor, committeeId } = options;
  // Checked before reading: reading stores the photos.
  if (!canCreateReport(actor, committeeId)) throw denied("NOT_MEMBER", "DRAFT");
  const photos = importImageStore({ db: getDb(), store: options.store, actor, committeeId });
  try {
    const imported = await readImport(options.bytes, { fileName: options.fileName, storeImage: photos.storeImage });
    const created = await importReport({ actor, committeeId, imported });
    await photos.describe(imported.content);
    return { ...created, imported };
  } catch (error) {
    await photos.discard();
    throw error;
  }
}

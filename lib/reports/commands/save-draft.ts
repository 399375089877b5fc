import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { TiptapDoc } from "@/lib/content/validate";
import { formatDateTime } from "@/lib/format";
import { format, messages } from "@/lib/i18n";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { CommandError, invalid } from "../errors";
import { fieldErrorsOf, saveDraftSchema, toReportData, toReportFields, type ReportFields, type SaveDraftInput } from "../rules/fields";
import { assertAllowed, loadReport, type Tx } from "./load-report";
import { lockCommitteeMedia } from "@/lib/media/lookup";
import { mediaMessages } from "@/lib/i18n/media.zh-CN";
import { prepareContent } from "./prepare-content";
import { writeRevision } from "./write-revision";

/** What the editor is shown when its save was based on an older version. */
export interface ServerCopy {
  version: number;
  fields: ReportFields;
  content: TiptapDoc;
  savedBy: string;
  savedAt: string;
}

export class SaveConflictError extends CommandError {
  constructor(readonly current: ServerCopy) {
    super("CONFLICT", format(messages.workflow.conflict, { name: current.savedBy, time: current.savedAt }));
    this.name = "SaveConflictError";
  }
}

export interface SaveResult {
  version: number;
  charCount: number;
  savedAt: Date;
}

/** While drafting, a checkpoint revision is kept at most this often, so yesterday's text can come back. */
export const CHECKPOINT_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Saves the working draft. Every save carries the version it was based on; a save against a
 * newer version is refused with the server's copy, so no save silently overwrites another.
 * Only a draft is saved: a published report is edited after startNewEdition, explicitly.
 */
export async function saveDraft(options: { actor: SessionUser; reportId: string; input: SaveDraftInput; now?: Date }): Promise<SaveResult> {
  const { actor, reportId } = options;
  const parsed = saveDraftSchema.safeParse(options.input);
  if (!parsed.success) throw invalid("请检查表单中标出的内容", fieldErrorsOf(parsed.error));
  const { expectedVersion, fields } = parsed.data;
  const now = options.now ?? new Date();

  return getDb().$transaction(async (tx) => {
    const report = await loadReport(tx, reportId);
    assertAllowed(actor, "edit", report, "edit");
    if (report.version !== expectedVersion) throw new SaveConflictError(await serverCopy(tx, reportId));
    await assertColumnAllowed(tx, { reportId, committeeId: report.committeeId, column: fields.column ?? "" });
    // Figures may show only the report's own committee's library items (a forged or copied id of
    // another committee's photo is refused), locked so that none is deleted under this save.
    // Library images are published as <picture> with their renditions, read here.
    const media = await lockCommitteeMedia(tx, parsed.data.content, report.committeeId);
    if (media.foreign.length > 0) throw invalid(format(mediaMessages.errors.notInLibrary, { count: media.foreign.length }));
    const body = prepareContent(parsed.data.content, media.lookup);

    // The version in the WHERE makes the check hold at the moment of writing: of two
    // concurrent saves from the same version, the second finds no row and is a conflict.
    const { count } = await tx.report.updateMany({
      where: { id: reportId, version: expectedVersion, status: "DRAFT" },
      data: {
        ...toReportData(fields),
        content: body.content as object,
        html: body.html,
        plainText: body.plainText,
        charCount: body.charCount,
        lastEditedById: actor.id,
        ...(report.editionEditorIds.includes(actor.id) ? {} : { editionEditorIds: { push: actor.id } }),
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new SaveConflictError(await serverCopy(tx, reportId));
    await keepCheckpoint(tx, { reportId, actorId: actor.id, now });
    return { version: expectedVersion + 1, charCount: body.charCount, savedAt: now };
  });
}

/**
 * 栏目 comes from the committee's managed list, so a typo cannot create a new public 栏目. The
 * value the report already has stays allowed (reports filed before the list, or under a 栏目
 * since archived, can still be saved).
 */
async function assertColumnAllowed(tx: Tx, options: { reportId: string; committeeId: string; column: string }) {
  if (!options.column) return;
  const managed = await tx.column.findFirst({ where: { committeeId: options.committeeId, name: options.column, archivedAt: null }, select: { id: true } });
  if (managed) return;
  const current = await tx.report.findUnique({ where: { id: options.reportId }, select: { column: true } });
  if (current?.column === options.column) return;
  const message = format(adminMessages.columns.notInList, { name: options.column });
  throw invalid(message, { column: message });
}

/** A CHECKPOINT revision of the text just saved, unless a revision is younger than the interval. */
async function keepCheckpoint(tx: Tx, options: { reportId: string; actorId: string; now: Date }) {
  const newest = await tx.revision.findFirst({
    where: { reportId: options.reportId },
    orderBy: { number: "desc" },
    select: { createdAt: true },
  });
  if (newest && options.now.getTime() - newest.createdAt.getTime() < CHECKPOINT_INTERVAL_MS) return;
  await writeRevision(tx, { reportId: options.reportId, reason: "CHECKPOINT", actorId: options.actorId, at: options.now });
}

async function serverCopy(tx: Tx, reportId: string): Promise<ServerCopy> {
  const current = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    include: { lastEditedBy: { select: { displayName: true } } },
  });
  return {
    version: current.version,
    fields: toReportFields(current),
    content: current.content as TiptapDoc,
    savedBy: current.lastEditedBy?.displayName ?? "他人",
    savedAt: formatDateTime(current.updatedAt),
  };
}

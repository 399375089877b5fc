import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import type { TiptapDoc } from "@/lib/content/validate";
import { formatDateTime } from "@/lib/format";
import { format, messages } from "@/lib/i18n";
import { CommandError, invalid } from "./errors";
import { assertAllowed, commandReportSelect, type Tx } from "./load";
import { prepareContent } from "./prepare-content";
import { fieldErrorsOf, saveDraftSchema, type ReportFields, type SaveDraftInput } from "./schemas";
import { toReportData, toReportFields } from "./fields";

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
  /** The save turned a published report into a new edition in draft. */
  startedNewEdition: boolean;
}

/**
 * Saves the working edition. Every save carries the version it was based on; a save against
 * a newer version is refused with the server's copy, so no save silently overwrites another.
 * Saving a published (or taken-down) report starts a new edition; the live one stays online.
 */
export async function saveDraft(options: { actor: SessionUser; reportId: string; input: SaveDraftInput }): Promise<SaveResult> {
  const { actor, reportId } = options;
  const parsed = saveDraftSchema.safeParse(options.input);
  if (!parsed.success) throw invalid("请检查表单中标出的内容", fieldErrorsOf(parsed.error));
  const { expectedVersion, fields } = parsed.data;
  const body = prepareContent(parsed.data.content);
  const now = new Date();

  return getDb().$transaction(async (tx) => {
    const report = await tx.report.findUnique({ where: { id: reportId }, select: commandReportSelect });
    if (!report) throw new CommandError("NOT_FOUND", messages.permission.NOT_FOUND);
    assertAllowed(actor, "edit", report);
    if (report.version !== expectedVersion) throw new SaveConflictError(await serverCopy(tx, reportId));

    const startsNewEdition = report.status === "PUBLISHED" || report.status === "UNPUBLISHED";
    // The version in the WHERE makes the check hold at the moment of writing: of two
    // concurrent saves from the same version, the second finds no row and is a conflict.
    const { count } = await tx.report.updateMany({
      where: { id: reportId, version: expectedVersion, status: report.status },
      data: {
        ...toReportData(fields),
        content: body.content as object,
        html: body.html,
        plainText: body.plainText,
        charCount: body.charCount,
        lastEditedById: actor.id,
        version: { increment: 1 },
        ...(startsNewEdition ? { status: "DRAFT" as const } : {}),
      },
    });
    if (count !== 1) throw new SaveConflictError(await serverCopy(tx, reportId));
    if (startsNewEdition) {
      await tx.workflowEvent.create({
        data: { reportId, actorId: actor.id, action: "START_NEW_EDITION", fromStatus: report.status, toStatus: "DRAFT" },
      });
    }
    return { version: expectedVersion + 1, charCount: body.charCount, savedAt: now, startedNewEdition: startsNewEdition };
  });
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

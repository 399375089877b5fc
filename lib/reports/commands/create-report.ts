import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordDraftedStats } from "@/lib/stats/rollup";
import { canCreateReport } from "../rules/permissions";
import { CommandError, denied, invalid } from "../errors";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { EMPTY_DOC, prepareContent } from "./prepare-content";
import { fieldErrorsOf, reportFieldsSchema, toReportData, type ReportFieldsInput } from "../rules/fields";

export async function createReport(options: {
  actor: SessionUser;
  committeeId: string;
  fields: ReportFieldsInput;
}): Promise<{ id: string; version: number }> {
  const { actor, committeeId } = options;
  if (!canCreateReport(actor, committeeId)) throw denied("NOT_MEMBER", "DRAFT");
  const parsed = reportFieldsSchema.safeParse(options.fields);
  if (!parsed.success) throw invalid("请检查表单中标出的内容", fieldErrorsOf(parsed.error));

  const body = prepareContent(EMPTY_DOC);
  return getDb().$transaction(async (tx) => {
    // An archived committee keeps its reports but takes no new ones.
    const committee = await tx.committee.findUnique({ where: { id: committeeId }, select: { archivedAt: true } });
    if (committee?.archivedAt) throw new CommandError("CONFLICT", adminMessages.committees.isArchived);
    const report = await tx.report.create({
      data: {
        committeeId,
        authorId: actor.id,
        lastEditedById: actor.id,
        editionEditorIds: [actor.id],
        ...toReportData(parsed.data),
        content: body.content as object,
        html: body.html,
        plainText: body.plainText,
        charCount: body.charCount,
      },
      select: { id: true, version: true },
    });
    const event = await tx.workflowEvent.create({
      data: { reportId: report.id, actorId: actor.id, action: "CREATE", toStatus: "DRAFT" },
      select: { createdAt: true },
    });
    await recordDraftedStats(tx, { committeeId, authorId: actor.id, at: event.createdAt });
    return report;
  });
}

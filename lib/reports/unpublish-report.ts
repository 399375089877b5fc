import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { announcePublicChange } from "@/lib/public/changes";
import { removeFromSearchIndex } from "@/lib/search/document";
import { CommandError, invalid } from "./errors";
import { loadReportFor } from "./load";
import { authorAndSubmitter, deliverNotifications } from "./notify";

/**
 * Takes the live edition offline (a reviewer of the committee, or a site admin for takedown);
 * the public URL then answers 410 with a short notice. A new edition in progress keeps its
 * state; a report with nothing in progress becomes UNPUBLISHED.
 */
export async function unpublishReport(options: { actor: SessionUser; reportId: string; reason: string }) {
  const { actor, reportId } = options;
  const reason = options.reason.trim();
  if (!reason) throw invalid(messages.workflow.reasonRequired);
  if (reason.length > 1000) throw invalid("撤稿原因不能超过 1000 字");
  const report = await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "unpublish");
    const toStatus = report.status === "PUBLISHED" ? "UNPUBLISHED" : report.status;
    const { count } = await tx.report.updateMany({
      where: { id: reportId, liveRevisionId: report.liveRevisionId, version: report.version },
      data: {
        status: toStatus,
        liveRevisionId: null,
        unpublishedAt: new Date(),
        unpublishReason: reason,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new CommandError("STALE_STATE", "该稿件刚被他人修改或撤下，请刷新后再操作");
    await removeFromSearchIndex(tx, reportId);
    await announcePublicChange(tx, reportId);
    await tx.workflowEvent.create({
      data: { reportId, actorId: actor.id, action: "UNPUBLISH", fromStatus: report.status, toStatus, comment: reason },
    });
    if (actor.isAdmin) {
      await tx.auditEvent.create({
        data: { actorId: actor.id, action: "report.takedown", targetType: "Report", targetId: reportId, detail: { reason } },
      });
    }
    return report;
  });
  await deliverNotifications([
    { kind: "UNPUBLISHED", reportId, actorId: actor.id, message: reason, userIds: authorAndSubmitter(report) },
  ]);
}

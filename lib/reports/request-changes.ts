import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { messages } from "@/lib/i18n";
import { invalid } from "./errors";
import { loadReportFor, transition } from "./load";
import { authorAndSubmitter, deliverNotifications } from "./notify";

/** SUBMITTED → DRAFT with the reviewer's comment, which the editor sees on the report. */
export async function requestChanges(options: { actor: SessionUser; reportId: string; comment: string }) {
  const { actor, reportId } = options;
  const comment = options.comment.trim();
  if (!comment) throw invalid(messages.workflow.commentRequired);
  if (comment.length > 2000) throw invalid("修改意见不能超过 2000 字");
  const report = await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "requestChanges");
    await transition(tx, report, "requestChanges", { status: "DRAFT" });
    await tx.workflowEvent.create({
      data: { reportId, actorId: actor.id, action: "REQUEST_CHANGES", fromStatus: "SUBMITTED", toStatus: "DRAFT", comment },
    });
    return report;
  });
  await deliverNotifications([
    { kind: "CHANGES_REQUESTED", reportId, actorId: actor.id, message: comment, userIds: authorAndSubmitter(report) },
  ]);
}
